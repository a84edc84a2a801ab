package io.etp.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ForecastMetricsTest {

  /** 170 hours: flat 10 for the first week, then 20 and 30; the forecast is exact except 3 too high at hour 0. */
  private static double[][] series() {
    double[] actual = new double[170];
    java.util.Arrays.fill(actual, 10);
    actual[168] = 20;
    actual[169] = 30;
    double[] forecast = actual.clone();
    forecast[0] = 13;
    return new double[][] {actual, forecast};
  }

  @Test
  void matchesHandComputedValues() {
    double[][] s = series();
    ForecastMetrics m = ForecastMetrics.of(s[0], s[1]);
    assertEquals(3.0 / 170, m.mae(), 1e-15);
    assertEquals(Math.sqrt(9.0 / 170), m.rmse(), 1e-15);
    // naive weekly: |20 - 10| and |30 - 10| over the two hours that have a week before them
    assertEquals(15.0, ForecastMetrics.naiveWeeklyMae(s[0]), 1e-15);
    assertEquals((3.0 / 170) / 15.0, m.rmae(), 1e-15);
    assertEquals((3.0 / 11.5) / 170, m.smape(), 1e-15);
    assertEquals(170, m.hours());
  }

  @Test
  void theNaiveForecastItselfHasRelativeMaeOne() {
    double[] actual = new double[24 * 21];
    for (int t = 0; t < actual.length; t++) {
      actual[t] = 30 + 10 * Math.sin(t / 5.0) + t % 7;
    }
    double[] naive = actual.clone();
    for (int t = 168; t < actual.length; t++) {
      naive[t] = actual[t - 168];
    }
    // the first week is forecast perfectly, so the MAE over all hours is the naive MAE diluted by 168 error-free hours
    ForecastMetrics m = ForecastMetrics.of(actual, naive);
    assertEquals((double) (actual.length - 168) / actual.length, m.rmae(), 1e-12);
  }

  @Test
  void countsAnHourWhereBothAreZeroAsNoError() {
    double[] actual = new double[169];
    double[] forecast = new double[169];
    actual[168] = 2;
    forecast[168] = 1;
    assertEquals((1.0 / 1.5) / 169, ForecastMetrics.of(actual, forecast).smape(), 1e-15);
  }

  @Test
  void rejectsMismatchedShortOrNonFiniteSeries() {
    assertThrows(IllegalArgumentException.class, () -> ForecastMetrics.of(new double[200], new double[199]));
    assertThrows(IllegalArgumentException.class, () -> ForecastMetrics.of(new double[168], new double[168]));
    double[] withNaN = new double[200];
    withNaN[7] = Double.NaN;
    assertThrows(IllegalArgumentException.class, () -> ForecastMetrics.of(new double[200], withNaN));
  }
}
