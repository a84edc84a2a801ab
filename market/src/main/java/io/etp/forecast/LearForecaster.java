package io.etp.forecast;

import java.time.LocalDate;

/**
 * LEAR with one calibration window, recalibrated for every forecast (epftoolbox's
 * {@code recalibrate_and_forecast_next_day}): the window is the last {@code windowDays} days before the delivery day; its
 * first seven days only supply lags, so {@code windowDays − 7} days are training samples.
 */
public final class LearForecaster implements PriceForecaster {

  private final int windowDays;

  /**
   * @param windowDays calibration window in days, e.g. 56, 84, 1092 or 1456
   * @throws IllegalArgumentException if the window leaves fewer than 2 training days
   */
  public LearForecaster(int windowDays) {
    if (windowDays < LearFeatures.MAX_LAG_DAYS + 2) {
      throw new IllegalArgumentException("calibration window must be at least " + (LearFeatures.MAX_LAG_DAYS + 2)
          + " days (7 for lags, 2 to train), got " + windowDays);
    }
    this.windowDays = windowDays;
  }

  /** Calibration window in days. */
  public int windowDays() {
    return windowDays;
  }

  @Override
  public String name() {
    return "LEAR-" + windowDays;
  }

  @Override
  public double[] forecast(MarketHistory history, LocalDate day) {
    return calibrate(history, day).predict(LearFeatures.row(history, day));
  }

  /**
   * Calibrates the model that {@link #forecast} would use for the day.
   *
   * @throws InsufficientHistoryException if fewer than {@code windowDays} days precede the day
   */
  public LearModel calibrate(MarketHistory history, LocalDate day) {
    if (!history.contains(day)) {
      throw new IllegalArgumentException(history.name() + " covers " + history.firstDay() + ".." + history.lastDay()
          + ", it has no inputs for " + day);
    }
    int target = history.indexOf(day);
    if (target < windowDays) {
      throw new InsufficientHistoryException(history.name() + ": a " + windowDays + "-day window for " + day
          + " needs data from " + day.minusDays(windowDays) + " but the history starts " + history.firstDay()
          + " (" + target + " days before)");
    }
    int firstSample = target - windowDays + LearFeatures.MAX_LAG_DAYS;
    int samples = target - firstSample;
    double[][] x = new double[samples][LearFeatures.COLUMNS];
    double[][] y = new double[samples][MarketHistory.HOURS];
    for (int s = 0; s < samples; s++) {
      int d = firstSample + s;
      LearFeatures.fillRow(history, d, x[s]);
      for (int h = 0; h < MarketHistory.HOURS; h++) {
        double price = history.price(d, h);
        if (Double.isNaN(price)) {
          throw new IllegalArgumentException(history.name() + ": price of " + history.firstDay().plusDays(d) + " hour " + h
              + " is unknown but lies in the calibration window");
        }
        y[s][h] = price;
      }
    }
    return LearModel.calibrate(x, y);
  }
}
