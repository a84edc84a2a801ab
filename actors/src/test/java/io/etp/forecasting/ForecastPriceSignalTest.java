package io.etp.forecasting;

import static org.junit.jupiter.api.Assertions.*;

import io.etp.aggregator.PriceSignal;
import io.etp.forecast.DayAheadForecast;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ForecastPriceSignalTest {

  static final Instant WALL = Instant.parse("2026-11-21T03:00:00Z");

  static DayAheadForecast day(LocalDate d, double base) {
    double[] p = new double[24];
    for (int h = 0; h < 24; h++) p[h] = base + 10 * h;
    return DayAheadForecast.of("SIM", d, p, "EUR", "LEAR-21", Instant.EPOCH);
  }

  @Test
  void answersWithTheConfiguredSignalUntilAForecastCoversTheMarketHour() {
    ForecastPriceSignal s = new ForecastPriceSignal(new PriceSignal.Configured(17.0, -2.0), ZoneOffset.UTC);
    s.marketTimeIs(Instant.parse("2024-02-01T05:00:00Z"));
    s.forecastIssued(day(LocalDate.of(2024, 2, 2), 100));
    assertEquals(17.0, s.expectedPriceCPerKwh(WALL));
    assertEquals(-2.0, s.trendCPerKwhPerHour(WALL));
  }

  @Test
  void expectedPriceIsTheMarketHoursForecastInCentsPerKwh() {
    ForecastPriceSignal s = new ForecastPriceSignal(new PriceSignal.Configured(17.0, 0), ZoneOffset.UTC);
    s.forecastIssued(day(LocalDate.of(2024, 2, 1), 100));
    s.marketTimeIs(Instant.parse("2024-02-01T05:00:00Z"));
    // 100 + 50 = 150 EUR/MWh = 15 c/kWh; next hour 160: trend +1 c/kWh per hour
    assertEquals(15.0, s.expectedPriceCPerKwh(WALL), 1e-9);
    assertEquals(1.0, s.trendCPerKwhPerHour(WALL), 1e-9);
  }

  @Test
  void trendAtTheLastHourLooksIntoTheNextDaysForecast() {
    ForecastPriceSignal s = new ForecastPriceSignal(new PriceSignal.Configured(17.0, 0), ZoneOffset.UTC);
    s.forecastIssued(day(LocalDate.of(2024, 2, 1), 100));
    s.forecastIssued(day(LocalDate.of(2024, 2, 2), 50));
    s.marketTimeIs(Instant.parse("2024-02-01T23:00:00Z"));
    // 330 -> 50 EUR/MWh: -28 c/kWh per hour, prices are expected to fall
    assertEquals(-28.0, s.trendCPerKwhPerHour(WALL), 1e-9);
  }
}
