package io.etp.forecast;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class DayAheadForecastTest {

  static DayAheadForecast ramp() {
    double[] p = new double[24];
    for (int h = 0; h < 24; h++) p[h] = h == 8 ? 250 : 100 + h;
    return DayAheadForecast.of("SIM", LocalDate.of(2024, 2, 1), p, "EUR", "LEAR-21", Instant.EPOCH);
  }

  @Test
  void convertsCurrencyPerMwhToCentsPerKwh() {
    assertEquals(25.0, ramp().priceCPerKwh(8), 1e-12);
    assertEquals(10.0, ramp().priceCPerKwh(0), 1e-12);
  }

  @Test
  void maxFromAnHourLooksOnlyAhead() {
    assertEquals(250, ramp().maxPerMwhFrom(0));
    assertEquals(123, ramp().maxPerMwhFrom(9));
  }

  @Test
  void rejectsAForecastWithoutTwentyFourPrices() {
    assertThrows(IllegalArgumentException.class,
        () -> DayAheadForecast.of("SIM", LocalDate.of(2024, 2, 1), new double[23], "EUR", "m", Instant.EPOCH));
  }
}
