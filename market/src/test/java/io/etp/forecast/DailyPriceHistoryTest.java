package io.etp.forecast;

import static org.junit.jupiter.api.Assertions.*;

import io.etp.marketdata.PricePoint;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DailyPriceHistoryTest {

  static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
  static final Currency EUR = Currency.getInstance("EUR");

  static PricePoint point(int hourIndex, double price) {
    return new PricePoint("SIM", START.plus(Duration.ofHours(hourIndex)), Duration.ofHours(1), price, EUR);
  }

  static Optional<LocalDate> feedDay(DailyPriceHistory h, int day) {
    Optional<LocalDate> closed = Optional.empty();
    for (int hour = 0; hour < 24; hour++) closed = h.add(point(day * 24 + hour, day * 100 + hour));
    return closed;
  }

  @Test
  void closesADayOnItsLastHour() {
    DailyPriceHistory h = new DailyPriceHistory("SIM", ZoneOffset.UTC, 10);
    for (int hour = 0; hour < 23; hour++) assertTrue(h.add(point(hour, 50)).isEmpty());
    assertEquals(Optional.of(LocalDate.of(2024, 1, 1)), h.add(point(23, 50)));
    assertEquals(1, h.completeDays());
  }

  @Test
  void historyForNextDayHidesTheDeliveryDayAndKeepsOnlyTheLastDays() {
    DailyPriceHistory h = new DailyPriceHistory("SIM", ZoneOffset.UTC, 3);
    for (int day = 0; day < 5; day++) feedDay(h, day);
    MarketHistory m = h.historyForNextDay();
    assertEquals(LocalDate.of(2024, 1, 3), m.firstDay());
    assertEquals(LocalDate.of(2024, 1, 6), m.lastDay());
    assertEquals(4 * 100 + 7, m.price(2, 7));
    assertTrue(Double.isNaN(m.price(3, 0)));
    assertEquals(0.0, m.exogenous1(1, 5));
    assertArrayEquals(new double[] {300, 301}, java.util.Arrays.copyOf(h.dayPrices(LocalDate.of(2024, 1, 4)).orElseThrow(), 2));
  }

  @Test
  void aMissingDayStartsTheHistoryOver() {
    DailyPriceHistory h = new DailyPriceHistory("SIM", ZoneOffset.UTC, 10);
    feedDay(h, 0);
    feedDay(h, 1);
    feedDay(h, 3);
    assertEquals(1, h.completeDays());
    assertEquals(Optional.of(LocalDate.of(2024, 1, 4)), h.lastCompleteDay());
  }

  @Test
  void aDayWithAMissingHourDoesNotClose() {
    DailyPriceHistory h = new DailyPriceHistory("SIM", ZoneOffset.UTC, 10);
    for (int hour = 0; hour < 24; hour++) {
      if (hour != 5) assertTrue(h.add(point(hour, 1)).isEmpty());
    }
    assertEquals(0, h.completeDays());
  }

  @Test
  void rejectsSubHourlyPoints() {
    DailyPriceHistory h = new DailyPriceHistory("SIM", ZoneOffset.UTC, 10);
    assertThrows(IllegalArgumentException.class,
        () -> h.add(new PricePoint("SIM", START, Duration.ofMinutes(15), 1, EUR)));
  }
}
