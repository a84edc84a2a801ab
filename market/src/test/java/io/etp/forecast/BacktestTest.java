package io.etp.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class BacktestTest {

  /** Forecasts each hour by the same hour one week earlier: needs nothing but prices before the day. */
  private static final class WeeklyNaive implements PriceForecaster {
    @Override
    public String name() {
      return "naive";
    }

    @Override
    public double[] forecast(MarketHistory history, LocalDate day) {
      double[] out = new double[24];
      for (int h = 0; h < 24; h++) {
        out[h] = history.price(history.indexOf(day) - 7, h);
      }
      return out;
    }
  }

  @Test
  void replaysEachDayWithItsRealisedPrices() {
    MarketHistory history = LearFeaturesTest.labelled(30);
    TestPeriod period = new TestPeriod("T", history.firstDay().plusDays(10), history.firstDay().plusDays(19));
    ForecastSeries series = Backtest.run(new WeeklyNaive(), history, period, done -> { });
    assertEquals(240, series.hours());
    assertEquals(1000 * 10 + 0, series.actual()[0]);
    assertEquals(1000 * 3 + 0, series.forecast()[0]);
    assertEquals(1000 * 19 + 23, series.actual()[239]);
    assertEquals(1000 * 12 + 23, series.forecast()[239]);
  }

  @Test
  void resultsDoNotDependOnTheThreadCount() {
    MarketHistory np = NpSlice.history();
    TestPeriod period = new TestPeriod("NP", LocalDate.of(2017, 2, 1), LocalDate.of(2017, 2, 4));
    EnsembleForecaster lear = EnsembleForecaster.lear(List.of(56, 84));
    Backtest.EnsembleRun one = Backtest.runEnsemble(lear, np, period, 1, done -> { });
    Backtest.EnsembleRun two = Backtest.runEnsemble(lear, np, period, 2, done -> { });
    assertArrayEquals(one.ensemble().forecast(), two.ensemble().forecast(), 0.0);
    assertArrayEquals(one.members().get("LEAR-56").forecast(), two.members().get("LEAR-56").forecast(), 0.0);
    double[] mean = new double[96];
    for (int t = 0; t < 96; t++) {
      mean[t] = (one.members().get("LEAR-56").forecast()[t] + one.members().get("LEAR-84").forecast()[t]) / 2;
    }
    assertArrayEquals(mean, one.ensemble().forecast(), 1e-9);
  }

  @Test
  void writesTheForecastCsvThatTheValueOfForecastingCommandReads() throws Exception {
    ForecastSeries series = new ForecastSeries(LocalDate.of(2016, 12, 27), hours(24, 24.08), hours(24, 24.82031));
    StringWriter out = new StringWriter();
    series.writeCsv(out);
    String[] lines = out.toString().split("\n");
    assertEquals(25, lines.length);
    assertEquals("timestamp,actual,forecast", lines[0]);
    assertEquals("2016-12-27 00:00:00,24.08,24.8203", lines[1]);
    assertEquals("2016-12-27 23:00:00,24.08,24.8203", lines[24]);
  }

  @Test
  void rejectsAPeriodOutsideTheHistory() {
    MarketHistory history = LearFeaturesTest.labelled(30);
    TestPeriod period = new TestPeriod("T", history.firstDay().plusDays(20), history.firstDay().plusDays(40));
    var e = assertThrows(IllegalArgumentException.class, () -> Backtest.run(new WeeklyNaive(), history, period, d -> { }));
    assertTrue(e.getMessage().contains("not the test period"), e.getMessage());
  }

  private static double[] hours(int n, double value) {
    double[] a = new double[n];
    java.util.Arrays.fill(a, value);
    return a;
  }
}
