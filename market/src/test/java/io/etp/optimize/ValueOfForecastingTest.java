package io.etp.optimize;

import io.etp.marketdata.EpfDataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etp.marketdata.EpfObservation;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValueOfForecastingTest {

  private static final StorageSpec ONE_KWH = StorageSpec.of(1, 1, 1, 1);

  private static List<HourlyPrice> day(LocalDate date, double[] actual, double[] forecast) {
    List<HourlyPrice> rows = new ArrayList<>();
    for (int h = 0; h < 24; h++) {
      rows.add(new HourlyPrice(date.atTime(h, 0), actual[h], forecast[h]));
    }
    return rows;
  }

  private static double[] flatWith(int cheapHour, int dearHour) {
    double[] p = new double[24];
    java.util.Arrays.fill(p, 50);
    p[cheapHour] = 10;
    p[dearHour] = 90;
    return p;
  }

  @Test
  void perfectForecastEarnsAllOfPerfectForesight() {
    double[] actual = flatWith(3, 18);
    var result = new ValueOfForecasting(ONE_KWH).evaluate(day(LocalDate.of(2018, 1, 1), actual, actual), d -> {});
    assertEquals(1, result.days());
    assertEquals(0.08, result.perfectRevenue(), 1e-9);
    assertEquals(100.0, result.percentOfPerfect(), 1e-9);
  }

  @Test
  void wrongForecastIsPaidAtRealPrices() {
    // the forecast puts the cheap hour at 5 (really 50) and the dear hour at 18 (really 90): 1 kWh bought at 50, sold
    // at 90 earns 0.04 against 0.08 with perfect foresight
    var result = new ValueOfForecasting(ONE_KWH)
        .evaluate(day(LocalDate.of(2018, 1, 1), flatWith(3, 18), flatWith(5, 18)), d -> {});
    assertEquals(0.04, result.forecastRevenue(), 1e-9);
    assertEquals(50.0, result.percentOfPerfect(), 1e-9);
  }

  @Test
  void rejectsRowsThatAreNotWholeOrderedDays() {
    List<HourlyPrice> rows = new ArrayList<>(day(LocalDate.of(2018, 1, 1), flatWith(1, 2), flatWith(1, 2)));
    var evaluation = new ValueOfForecasting(ONE_KWH);
    assertThrows(IllegalArgumentException.class, () -> evaluation.evaluate(rows.subList(0, 23), d -> {}));
    rows.set(5, new HourlyPrice(LocalDateTime.of(2018, 1, 1, 7, 0), 1, 1));
    assertThrows(IllegalArgumentException.class, () -> evaluation.evaluate(rows, d -> {}));
  }

  @Test
  void weeklyNaiveForecastsTheSameHourOneWeekEarlier() {
    List<EpfObservation> history = new ArrayList<>();
    LocalDateTime start = LocalDateTime.of(2018, 1, 1, 0, 0);
    for (int i = 0; i < 24 * 9; i++) {
      history.add(new EpfObservation(start.plusHours(i), i, 0, 0));
    }
    List<HourlyPrice> weekly = BaselineForecast.WEEKLY_NAIVE.over(history, LocalDate.of(2018, 1, 8), LocalDate.of(2018, 1, 9));
    assertEquals(48, weekly.size());
    assertEquals(new HourlyPrice(LocalDateTime.of(2018, 1, 9, 5, 0), 24 * 8 + 5, 24 + 5), weekly.get(29));
    List<HourlyPrice> daily = BaselineForecast.DAILY_NAIVE.over(history, LocalDate.of(2018, 1, 9), LocalDate.of(2018, 1, 9));
    assertEquals(24 * 7 + 5, daily.get(5).forecastPerMwh());
    assertThrows(IllegalArgumentException.class,
        () -> BaselineForecast.WEEKLY_NAIVE.over(history, LocalDate.of(2018, 1, 7), LocalDate.of(2018, 1, 7)));
  }

  @Test
  void forecastCsvIsReadStrictly() throws IOException {
    List<HourlyPrice> rows = ForecastCsv.read("t", new StringReader("""
        timestamp,actual,forecast
        2017-01-01 00:00:00,31.5,30.25
        2017-01-01 01:00:00,-2,1e1
        """));
    assertEquals(List.of(new HourlyPrice(LocalDateTime.of(2017, 1, 1, 0, 0), 31.5, 30.25),
        new HourlyPrice(LocalDateTime.of(2017, 1, 1, 1, 0), -2, 10)), rows);
    var bad = assertThrows(IOException.class, () -> ForecastCsv.read("t", new StringReader("""
        timestamp,actual,forecast
        2017-01-01 00:00:00,31.5,abc
        """)));
    assertTrue(bad.getMessage().startsWith("t:2:"), bad.getMessage());
    assertThrows(IOException.class, () -> ForecastCsv.read("t", new StringReader("Date,Price\n")));
  }

  @Test
  void readsAllThreeSharedEpfFilesDespiteTheirPriceColumnNames() throws IOException {
    Path dir = Path.of(System.getProperty("etp.epf.dir"));
    for (String market : List.of("NP", "PJM", "BE")) {
      assertEquals(52416, EpfDataset.read(dir.resolve(market + ".csv")).observations().size(), market);
    }
  }
}
