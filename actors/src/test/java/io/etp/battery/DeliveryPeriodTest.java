package io.etp.battery;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeliveryPeriodTest {

  static final Duration QUARTER = Duration.ofMinutes(15);
  static final Duration HOUR = Duration.ofHours(1);

  @Test
  void aTradeIsForTheNextQuarterHourAfterItIsConfirmed() {
    DeliveryPeriod p = DeliveryPeriod.nextAfter(Instant.parse("2026-03-01T10:07:31.250Z"), QUARTER);
    assertEquals(Instant.parse("2026-03-01T10:15:00Z"), p.start());
    assertEquals(Instant.parse("2026-03-01T10:30:00Z"), p.end());
  }

  @Test
  void aTradeConfirmedOnABoundaryIsForThePeriodAfterTheOneThatStarted() {
    DeliveryPeriod p = DeliveryPeriod.nextAfter(Instant.parse("2026-03-01T10:15:00Z"), QUARTER);
    assertEquals(Instant.parse("2026-03-01T10:30:00Z"), p.start());
  }

  @Test
  void hourlyProductsStartOnTheHour() {
    DeliveryPeriod p = DeliveryPeriod.nextAfter(Instant.parse("2026-03-01T23:59:59Z"), HOUR);
    assertEquals(Instant.parse("2026-03-02T00:00:00Z"), p.start());
    assertEquals(HOUR, p.length());
  }

  @Test
  void refusesALengthNotOnTheProductList() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DeliveryPeriod.nextAfter(Instant.EPOCH, Duration.ofMinutes(5)));
    assertTrue(e.getMessage().contains("not a product"), e.getMessage());
  }

  @Test
  void refusesAStartNotAlignedToItsLength() {
    assertThrows(IllegalArgumentException.class,
        () -> new DeliveryPeriod(Instant.parse("2026-03-01T10:05:00Z"), QUARTER));
    assertThrows(IllegalArgumentException.class,
        () -> new DeliveryPeriod(Instant.parse("2026-03-01T10:15:00Z"), HOUR));
  }

  @Test
  void aPeriodHasStartedFromItsStartInstantOn() {
    DeliveryPeriod p = new DeliveryPeriod(Instant.parse("2026-03-01T10:15:00Z"), QUARTER);
    assertFalse(p.hasStarted(Instant.parse("2026-03-01T10:14:59.999Z")));
    assertTrue(p.hasStarted(Instant.parse("2026-03-01T10:15:00Z")));
  }
}
