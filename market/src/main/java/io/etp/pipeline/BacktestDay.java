package io.etp.pipeline;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * One policy's day in a {@link StorageBacktest}.
 *
 * @param day      the delivery day
 * @param forecast the forecast the day was planned on, EUR/MWh, if the policy used one
 * @param hours    the 24 settled hours, in order
 */
public record BacktestDay(LocalDate day, Optional<List<Double>> forecast, List<HourSettlement> hours) {

  public BacktestDay {
    hours = List.copyOf(hours);
  }

  public BigDecimal revenueEur() {
    return hours.stream().map(HourSettlement::revenueEur).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  public BigDecimal costEur() {
    return hours.stream().map(HourSettlement::costEur).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  public BigDecimal netEur() {
    return revenueEur().subtract(costEur());
  }

  public BigDecimal soldKwh() {
    return hours.stream().map(HourSettlement::soldKwh).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  public BigDecimal boughtKwh() {
    return hours.stream().map(HourSettlement::boughtKwh).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  /** Stored energy at the end of the day, kWh. */
  public BigDecimal socEndKwh() {
    return hours.get(hours.size() - 1).socEndKwh();
  }

  /** Mean absolute error of the forecast against the actual prices, EUR/MWh; NaN without a forecast. */
  public double forecastMaeEurPerMwh() {
    return forecast.map(f -> {
      double sum = 0;
      for (HourSettlement h : hours) sum += Math.abs(f.get(h.hour()) - h.actualEurPerMwh().doubleValue());
      return sum / hours.size();
    }).orElse(Double.NaN);
  }
}
