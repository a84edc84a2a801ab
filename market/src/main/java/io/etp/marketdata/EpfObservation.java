package io.etp.marketdata;

import java.time.LocalDateTime;

/**
 * One hour of an epftoolbox-format day-ahead dataset: the clearing price and two exogenous day-ahead forecasts
 * (for NP: grid load and wind power; PJM: system load and zonal load; BE: generation and load, as the file's header names).
 *
 * @param hourStart local market time at the start of the hour, as written in the file
 * @param price     day-ahead clearing price in the market's currency per MWh (may be negative)
 * @param exogenous1 first exogenous forecast, in the file's unit
 * @param exogenous2 second exogenous forecast, in the file's unit
 */
public record EpfObservation(LocalDateTime hourStart, double price, double exogenous1, double exogenous2) {}
