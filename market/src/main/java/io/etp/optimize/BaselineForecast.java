package io.etp.optimize;

import io.etp.marketdata.EpfObservation;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Naive day-ahead price forecasts computed from the price history itself. */
public enum BaselineForecast {
  /** Same hour one week earlier. */
  WEEKLY_NAIVE(7),
  /** Same hour one day earlier. */
  DAILY_NAIVE(1);

  private final int lagDays;

  BaselineForecast(int lagDays) {
    this.lagDays = lagDays;
  }

  /**
   * Actual and forecast prices for every hour of the days {@code from}..{@code to} inclusive.
   *
   * @throws IllegalArgumentException when an hour of the period or of its lagged history is missing
   */
  public List<HourlyPrice> over(List<EpfObservation> history, LocalDate from, LocalDate to) {
    Map<LocalDateTime, Double> price = new HashMap<>(history.size() * 2);
    for (EpfObservation o : history) {
      price.put(o.hourStart(), o.price());
    }
    List<HourlyPrice> rows = new ArrayList<>();
    for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
      for (int h = 0; h < 24; h++) {
        LocalDateTime hour = day.atTime(h, 0);
        Double actual = price.get(hour);
        Double lagged = price.get(hour.minusDays(lagDays));
        if (actual == null || lagged == null) {
          throw new IllegalArgumentException("no price for " + (actual == null ? hour : hour.minusDays(lagDays))
              + " needed by " + this);
        }
        rows.add(new HourlyPrice(hour, actual, lagged));
      }
    }
    return rows;
  }
}
