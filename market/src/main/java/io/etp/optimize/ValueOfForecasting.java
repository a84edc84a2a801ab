package io.etp.optimize;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Economic value of a price forecast for storage arbitrage. Each day is scheduled independently with a 24-period
 * hourly LP on the forecast prices; the schedule is paid at the realised prices. The same is done with the realised
 * prices themselves (perfect foresight). The score is the total forecast-scheduled revenue as a percentage of the
 * perfect-foresight revenue.
 */
public final class ValueOfForecasting {

  private final StorageDispatchOptimizer optimizer = new StorageDispatchOptimizer();
  private final StorageSpec storage;

  /** Evaluates forecasts for a device with these limits (its initial SoC is the SoC at every day's start). */
  public ValueOfForecasting(StorageSpec storage) {
    this.storage = storage;
  }

  /**
   * The total revenues over the evaluated days.
   *
   * @param days              number of days evaluated
   * @param forecastRevenue   revenue of forecast-optimised schedules at realised prices, currency
   * @param perfectRevenue    revenue of schedules optimised on the realised prices, currency
   */
  public record Result(int days, double forecastRevenue, double perfectRevenue) {
    /** Forecast revenue as a percentage of perfect foresight. */
    public double percentOfPerfect() {
      return 100.0 * forecastRevenue / perfectRevenue;
    }
  }

  /**
   * Evaluates hourly rows; they must be whole days of 24 consecutive hours starting at 00:00, in order.
   *
   * @param progress told the index of each finished day
   */
  public Result evaluate(List<HourlyPrice> rows, IntConsumer progress) {
    if (rows.isEmpty() || rows.size() % 24 != 0) {
      throw new IllegalArgumentException("expected whole days of 24 hourly rows but got " + rows.size() + " rows");
    }
    int days = rows.size() / 24;
    double forecastRevenue = 0;
    double perfectRevenue = 0;
    for (int d = 0; d < days; d++) {
      List<HourlyPrice> day = rows.subList(d * 24, d * 24 + 24);
      LocalDate date = day.get(0).hourStart().toLocalDate();
      List<Double> actual = new ArrayList<>(24);
      List<Double> forecast = new ArrayList<>(24);
      for (int h = 0; h < 24; h++) {
        HourlyPrice row = day.get(h);
        if (!row.hourStart().equals(date.atTime(h, 0))) {
          throw new IllegalArgumentException("expected " + date.atTime(h, 0) + " but found " + row.hourStart());
        }
        actual.add(row.actualPerMwh());
        forecast.add(row.forecastPerMwh());
      }
      DispatchSchedule onForecast = optimizer.optimise(DispatchProblem.of(storage, Duration.ofHours(1), forecast));
      DispatchSchedule perfect = optimizer.optimise(DispatchProblem.of(storage, Duration.ofHours(1), actual));
      forecastRevenue += onForecast.marketRevenueAt(actual);
      perfectRevenue += perfect.marketRevenue();
      progress.accept(d);
    }
    return new Result(days, forecastRevenue, perfectRevenue);
  }
}
