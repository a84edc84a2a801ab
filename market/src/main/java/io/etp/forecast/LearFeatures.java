package io.etp.forecast;

import java.time.DayOfWeek;
import java.time.LocalDate;

/**
 * The LEAR input vector for a delivery day D, in epftoolbox's column order (247 columns with two exogenous series):
 * <ol>
 *   <li>columns {@code 4h + k}, {@code h = 0..23}: the price of hour h on D-1, D-2, D-3, D-7 ({@code k = 0..3});</li>
 *   <li>columns {@code 96 + 6h + j}: for hour h, exogenous 1 and 2 on D-1, then on D-7, then on D
 *       ({@code j = 0..5} in that order);</li>
 *   <li>columns {@code 240..246}: day-of-week dummies of D, Monday first.</li>
 * </ol>
 * The target of day D is its 24 prices. Only prices strictly before D enter the inputs, so a history whose prices of D
 * are hidden still yields the inputs for D.
 */
public final class LearFeatures {

  /** Days back of the lagged prices. */
  static final int[] PRICE_LAGS = {1, 2, 3, 7};
  /** Days back of the lagged exogenous values; 0 is the delivery day itself (a day-ahead forecast). */
  static final int[] EXOGENOUS_LAGS = {1, 7, 0};
  /** Number of price-lag columns. */
  public static final int PRICE_COLUMNS = MarketHistory.HOURS * PRICE_LAGS.length;
  /** Number of columns scaled by the invariant transformation (everything but the dummies). */
  public static final int SCALED_COLUMNS = PRICE_COLUMNS + MarketHistory.HOURS * EXOGENOUS_LAGS.length * 2;
  /** First day-of-week dummy column (Monday). */
  public static final int FIRST_DUMMY = SCALED_COLUMNS;
  /** Total number of input columns. */
  public static final int COLUMNS = SCALED_COLUMNS + 7;
  /** The largest lag: the first day of a history with a complete input row is this many days in. */
  public static final int MAX_LAG_DAYS = 7;

  private LearFeatures() {}

  /**
   * Fills {@code row} (length {@link #COLUMNS}) with the inputs for the day at {@code dayIndex}.
   *
   * @throws IllegalArgumentException if {@code dayIndex < 7}, the day is beyond the history, or a needed value is
   *     unknown (NaN), which would mean the history leaks or lacks data
   */
  public static void fillRow(MarketHistory history, int dayIndex, double[] row) {
    if (dayIndex < MAX_LAG_DAYS || dayIndex >= history.dayCount()) {
      throw new IllegalArgumentException("inputs for day index " + dayIndex + " need days " + (dayIndex - MAX_LAG_DAYS)
          + ".." + dayIndex + " but the history has days 0.." + (history.dayCount() - 1));
    }
    for (int h = 0; h < MarketHistory.HOURS; h++) {
      for (int k = 0; k < PRICE_LAGS.length; k++) {
        row[PRICE_LAGS.length * h + k] = known(history, history.price(dayIndex - PRICE_LAGS[k], h), dayIndex, h);
      }
      int base = PRICE_COLUMNS + 2 * EXOGENOUS_LAGS.length * h;
      for (int k = 0; k < EXOGENOUS_LAGS.length; k++) {
        int d = dayIndex - EXOGENOUS_LAGS[k];
        row[base + 2 * k] = known(history, history.exogenous1(d, h), dayIndex, h);
        row[base + 2 * k + 1] = known(history, history.exogenous2(d, h), dayIndex, h);
      }
    }
    DayOfWeek dow = history.firstDay().plusDays(dayIndex).getDayOfWeek();
    for (int i = 0; i < 7; i++) {
      row[FIRST_DUMMY + i] = (dow.getValue() - 1 == i) ? 1.0 : 0.0;
    }
  }

  /** The inputs for one day as a new array. */
  public static double[] row(MarketHistory history, LocalDate day) {
    double[] row = new double[COLUMNS];
    fillRow(history, history.indexOf(day), row);
    return row;
  }

  private static double known(MarketHistory history, double value, int dayIndex, int hour) {
    if (Double.isNaN(value)) {
      throw new IllegalArgumentException(history.name() + ": an input for " + history.firstDay().plusDays(dayIndex)
          + " hour " + hour + " is unknown (NaN)");
    }
    return value;
  }
}
