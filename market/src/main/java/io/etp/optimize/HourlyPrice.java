package io.etp.optimize;

import java.time.LocalDateTime;

/**
 * A realised day-ahead price and a forecast of it, for one hour.
 *
 * @param hourStart      local market time at the start of the hour
 * @param actualPerMwh   realised price, currency/MWh
 * @param forecastPerMwh forecast price, currency/MWh
 */
public record HourlyPrice(LocalDateTime hourStart, double actualPerMwh, double forecastPerMwh) {}
