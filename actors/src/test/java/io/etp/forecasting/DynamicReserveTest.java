package io.etp.forecasting;

import static org.junit.jupiter.api.Assertions.*;

import io.etp.forecast.DayAheadForecast;
import java.time.Instant;
import java.time.LocalDate;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class DynamicReserveTest {

  static final DynamicReserve RULE = new DynamicReserve(0.8, 0.25);

  /** 150 EUR/MWh all day with an evening peak of 250 at 19:00. */
  static DayAheadForecast eveningPeak() {
    double[] p = new double[24];
    java.util.Arrays.fill(p, 150);
    p[19] = 250;
    return DayAheadForecast.of("SIM", LocalDate.of(2024, 2, 1), p, "EUR", "LEAR-21", Instant.EPOCH);
  }

  @Test
  void reserveIsTheBestPriceAheadTimesRoundTripEfficiencyInCentsPerKwh() {
    // 250 EUR/MWh = 25 c/kWh, x 0.8 = 20 c/kWh
    assertEquals(20.0, RULE.reserveCPerKwh(eveningPeak(), 6, 14.0), 1e-9);
  }

  @Test
  void reserveFallsOnceThePeakHasPassed() {
    // after 19:00 the best ahead is 150 EUR/MWh = 15 c/kWh, x 0.8 = 12 c/kWh, floored at 14
    assertEquals(14.0, RULE.reserveCPerKwh(eveningPeak(), 20, 14.0), 1e-9);
  }

  @Test
  void neverGoesBelowTheConfiguredReserve() {
    assertEquals(30.0, RULE.reserveCPerKwh(eveningPeak(), 0, 30.0), 1e-9);
  }

  @Test
  void smallChangesAreNotApplied() {
    assertEquals(OptionalDouble.empty(), RULE.change(14.0, 14.2));
    assertEquals(OptionalDouble.of(14.25), RULE.change(14.0, 14.25));
    assertEquals(OptionalDouble.of(12.0), RULE.change(14.0, 12.0));
  }

  @Test
  void rejectsAnEfficiencyAboveOne() {
    assertThrows(IllegalArgumentException.class, () -> new DynamicReserve(1.1, 0));
  }
}
