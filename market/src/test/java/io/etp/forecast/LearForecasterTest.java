package io.etp.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class LearForecasterTest {

  private static final TestPeriod TWO_WEEKS = new TestPeriod("NP", LocalDate.of(2017, 3, 6), LocalDate.of(2017, 3, 19));

  @Test
  void forecastsOfARealNordPoolSliceAreFiniteAndBeatTheWeeklyNaiveForecast() {
    MarketHistory np = NpSlice.history();
    PriceForecaster lear = EnsembleForecaster.lear(List.of(56, 84));
    ForecastSeries result = Backtest.run(lear, np, TWO_WEEKS, done -> { });
    double[] forecast = result.forecast();
    double[] actual = result.actual();
    double learError = 0;
    double naiveError = 0;
    LocalDate first = TWO_WEEKS.firstDay();
    for (int t = 0; t < forecast.length; t++) {
      assertTrue(Double.isFinite(forecast[t]), "hour " + t);
      double weekBefore = np.price(np.indexOf(first) + t / 24 - 7, t % 24);
      learError += Math.abs(actual[t] - forecast[t]);
      naiveError += Math.abs(actual[t] - weekBefore);
    }
    assertTrue(learError < 0.8 * naiveError,
        "LEAR MAE " + learError / forecast.length + " should clearly beat naive " + naiveError / forecast.length);
  }

  @Test
  void ignoresEverythingFromTheDeliveryDayOnExceptItsExogenousForecasts() {
    MarketHistory np = NpSlice.history();
    LocalDate day = LocalDate.of(2017, 6, 1);
    LearForecaster lear = new LearForecaster(56);
    assertArrayEquals(lear.forecast(np, day), lear.forecast(np.withPricesHiddenFrom(day), day), 1e-12);
  }

  @Test
  void calibratesSparseHourlyModels() {
    LearModel model = new LearForecaster(84).calibrate(NpSlice.history(), LocalDate.of(2017, 6, 1));
    for (int h = 0; h < 24; h++) {
      assertTrue(model.alpha(h) > 0, "hour " + h + " penalised");
      int nonZero = model.nonZeroCoefficients(h);
      assertTrue(nonZero >= 1 && nonZero < LearFeatures.COLUMNS, "hour " + h + " keeps " + nonZero + " of 247 inputs");
    }
  }

  @Test
  void refusesAWindowLongerThanTheHistoryWithAClearMessage() {
    MarketHistory np = NpSlice.history();
    LocalDate day = np.firstDay().plusDays(100);
    var e = assertThrows(InsufficientHistoryException.class, () -> new LearForecaster(1456).forecast(np, day));
    assertTrue(e.getMessage().contains("1456-day window") && e.getMessage().contains("100 days before"), e.getMessage());
  }

  @Test
  void refusesWindowsTooShortToTrainAndDaysOutsideTheHistory() {
    assertThrows(IllegalArgumentException.class, () -> new LearForecaster(8));
    MarketHistory np = NpSlice.history();
    assertThrows(IllegalArgumentException.class, () -> new LearForecaster(56).forecast(np, np.lastDay().plusDays(1)));
  }

  @Test
  void ensembleAveragesItsMembersHourByHour() {
    MarketHistory np = NpSlice.history();
    LocalDate day = LocalDate.of(2017, 6, 1);
    double[] a = new LearForecaster(56).forecast(np, day);
    double[] b = new LearForecaster(84).forecast(np, day);
    double[] mean = EnsembleForecaster.lear(List.of(56, 84)).forecast(np, day);
    for (int h = 0; h < 24; h++) {
      assertEquals((a[h] + b[h]) / 2, mean[h], 1e-9);
    }
  }
}
