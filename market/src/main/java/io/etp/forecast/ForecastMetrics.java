package io.etp.forecast;

/**
 * Point-forecast accuracy over a test period, as epftoolbox defines it.
 *
 * @param mae   mean absolute error, in price units
 * @param rmae  MAE divided by the MAE of the weekly naive forecast (price of the same hour one week earlier) over the
 *              same test period; the naive MAE uses the test hours from the second week on, since the first week's naive
 *              forecast would need prices from before the test period (epftoolbox {@code rMAE(m='W')})
 * @param smape symmetric MAPE as a fraction: mean of {@code |a − f| / ((|a| + |f|) / 2)}; an hour where both are 0 counts 0
 * @param rmse  root mean squared error, in price units
 * @param hours number of hours evaluated
 */
public record ForecastMetrics(double mae, double rmae, double smape, double rmse, int hours) {

  /** Hours between a price and its weekly naive forecast. */
  public static final int WEEK_HOURS = 7 * 24;

  /**
   * Computes the metrics over consecutive hours.
   *
   * @throws IllegalArgumentException if the series differ in length, contain a non-finite value, or span no more than
   *     one week (the naive forecast needs a second week)
   */
  public static ForecastMetrics of(double[] actual, double[] forecast) {
    if (actual.length != forecast.length) {
      throw new IllegalArgumentException(actual.length + " actual prices but " + forecast.length + " forecasts");
    }
    if (actual.length <= WEEK_HOURS) {
      throw new IllegalArgumentException("rMAE needs more than one week of hours, got " + actual.length);
    }
    double absolute = 0;
    double squared = 0;
    double symmetric = 0;
    for (int t = 0; t < actual.length; t++) {
      double a = actual[t];
      double f = forecast[t];
      if (!Double.isFinite(a) || !Double.isFinite(f)) {
        throw new IllegalArgumentException("hour " + t + " is not finite: actual " + a + ", forecast " + f);
      }
      double e = Math.abs(a - f);
      absolute += e;
      squared += e * e;
      double denominator = (Math.abs(a) + Math.abs(f)) / 2;
      symmetric += denominator == 0 ? 0 : e / denominator;
    }
    int n = actual.length;
    return new ForecastMetrics(absolute / n, (absolute / n) / naiveWeeklyMae(actual), symmetric / n, Math.sqrt(squared / n), n);
  }

  /** MAE of forecasting each hour by the same hour one week earlier, over the hours that have one. */
  public static double naiveWeeklyMae(double[] actual) {
    double sum = 0;
    for (int t = WEEK_HOURS; t < actual.length; t++) {
      sum += Math.abs(actual[t] - actual[t - WEEK_HOURS]);
    }
    return sum / (actual.length - WEEK_HOURS);
  }
}
