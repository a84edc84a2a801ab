package io.etp.protocol.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etp.protocol.TestMessages;
import io.etp.protocol.ValidationResult;
import io.etp.protocol.v1.EtpMessage;
import io.etp.protocol.v1.MessageType;
import io.etp.protocol.v1.ReasonCode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeliveryProductsTest {

  private static final DeliveryProducts PRODUCTS = DeliveryProducts.DEFAULTS;
  private static final Instant NOON = Instant.parse("2026-11-21T12:00:00Z");

  private static long ms(String instant) {
    return Instant.parse(instant).toEpochMilli();
  }

  private static ReasonCode reason(ValidationResult result) {
    ValidationResult.Invalid invalid = assertInstanceOf(ValidationResult.Invalid.class, result);
    assertTrue(!invalid.detail().isBlank());
    return invalid.reason();
  }

  @Test
  void defaultsTradeQuarterHoursAndHoursUpToFortyEightHoursAhead() {
    assertEquals(List.of(15, 60), PRODUCTS.lengthsMinutes());
    assertEquals(15, PRODUCTS.defaultMinutes());
    assertEquals(Duration.ofHours(48), PRODUCTS.maxHorizon());
  }

  @Test
  void nextPeriodIsTheFirstDefaultLengthPeriodStartingAfterReceipt() {
    assertEquals(new DeliveryPeriod(ms("2026-11-21T12:15:00Z"), 15),
        PRODUCTS.nextPeriod(Instant.parse("2026-11-21T12:07:30Z")));
    assertEquals(new DeliveryPeriod(ms("2026-11-21T12:15:00Z"), 15),
        PRODUCTS.nextPeriod(Instant.parse("2026-11-21T12:14:59.999Z")));
  }

  @Test
  void nextPeriodAtABoundaryIsTheFollowingOneBecauseTheBoundaryPeriodHasStarted() {
    DeliveryPeriod next = PRODUCTS.nextPeriod(Instant.parse("2026-11-21T12:15:00Z"));
    assertEquals(new DeliveryPeriod(ms("2026-11-21T12:30:00Z"), 15), next);
    assertEquals(ValidationResult.valid(), PRODUCTS.check(next, Instant.parse("2026-11-21T12:15:00Z"), true));
  }

  @Test
  void nextPeriodUsesTheConfiguredDefaultLength() {
    DeliveryProducts hourly = new DeliveryProducts(List.of(15, 60), 60, Duration.ofHours(48));
    assertEquals(new DeliveryPeriod(ms("2026-11-21T13:00:00Z"), 60),
        hourly.nextPeriod(Instant.parse("2026-11-21T12:07:30Z")));
  }

  @Test
  void periodOfAMessageIsItsOwnWhenCarriedElseTheNextPeriod() {
    Instant received = Instant.parse("2026-11-21T12:07:30Z");
    EtpMessage legacyLike = TestMessages.minimal(MessageType.BID).build();
    assertEquals(PRODUCTS.nextPeriod(received), PRODUCTS.periodOf(legacyLike, received));
    DeliveryPeriod evening = new DeliveryPeriod(ms("2026-11-21T18:00:00Z"), 60);
    EtpMessage carrying = evening.writeTo(TestMessages.minimal(MessageType.BID)).build();
    assertEquals(evening, PRODUCTS.periodOf(carrying, received));
  }

  @Test
  void acceptsAnAlignedFuturePeriodOfEachLength() {
    assertEquals(ValidationResult.valid(), PRODUCTS.check(new DeliveryPeriod(ms("2026-11-21T12:45:00Z"), 15), NOON,
        true));
    assertEquals(ValidationResult.valid(), PRODUCTS.check(new DeliveryPeriod(ms("2026-11-21T13:00:00Z"), 60), NOON,
        true));
  }

  @Test
  void rejectsAPeriodThatHasStartedOnlyWhenAskedTo() {
    DeliveryPeriod running = new DeliveryPeriod(ms("2026-11-21T11:45:00Z"), 15);
    assertEquals(ReasonCode.REASON_CODE_DELIVERY_PERIOD_STARTED, reason(PRODUCTS.check(running, NOON, true)));
    DeliveryPeriod startingNow = new DeliveryPeriod(ms("2026-11-21T12:00:00Z"), 60);
    assertEquals(ReasonCode.REASON_CODE_DELIVERY_PERIOD_STARTED, reason(PRODUCTS.check(startingNow, NOON, true)));
    assertEquals(ValidationResult.valid(), PRODUCTS.check(running, NOON, false));
  }

  @Test
  void rejectsALengthNotInTheProductList() {
    assertEquals(ReasonCode.REASON_CODE_DELIVERY_PERIOD_UNKNOWN_LENGTH,
        reason(PRODUCTS.check(new DeliveryPeriod(ms("2026-11-21T13:00:00Z"), 30), NOON, true)));
    assertEquals(ReasonCode.REASON_CODE_DELIVERY_PERIOD_UNKNOWN_LENGTH,
        reason(PRODUCTS.check(new DeliveryPeriod(ms("2026-11-21T13:00:00Z"), -15), NOON, true)));
    assertEquals(ReasonCode.REASON_CODE_DELIVERY_PERIOD_UNKNOWN_LENGTH,
        reason(PRODUCTS.check(new DeliveryPeriod(ms("2026-11-21T13:00:00Z"), 0), NOON, true)));
  }

  @Test
  void rejectsAStartNotAlignedToItsLength() {
    assertEquals(ReasonCode.REASON_CODE_DELIVERY_PERIOD_MISALIGNED,
        reason(PRODUCTS.check(new DeliveryPeriod(ms("2026-11-21T13:15:00Z"), 60), NOON, true)));
    assertEquals(ReasonCode.REASON_CODE_DELIVERY_PERIOD_MISALIGNED,
        reason(PRODUCTS.check(new DeliveryPeriod(ms("2026-11-21T13:00:00Z") + 1, 15), NOON, true)));
    // before the epoch too: floorMod, not %
    assertEquals(ReasonCode.REASON_CODE_DELIVERY_PERIOD_MISALIGNED,
        reason(PRODUCTS.check(new DeliveryPeriod(-60_000, 15), NOON, false)));
  }

  @Test
  void rejectsAPeriodBeyondTheHorizonButAcceptsOneAtIt() {
    DeliveryPeriod atHorizon = new DeliveryPeriod(ms("2026-11-23T12:00:00Z"), 60);
    assertEquals(ValidationResult.valid(), PRODUCTS.check(atHorizon, NOON, true));
    DeliveryPeriod beyond = new DeliveryPeriod(ms("2026-11-23T12:15:00Z"), 15);
    assertEquals(ReasonCode.REASON_CODE_DELIVERY_PERIOD_TOO_FAR, reason(PRODUCTS.check(beyond, NOON, true)));
    DeliveryProducts shortHorizon = new DeliveryProducts(List.of(15, 60), 15, Duration.ofHours(2));
    assertEquals(ReasonCode.REASON_CODE_DELIVERY_PERIOD_TOO_FAR,
        reason(shortHorizon.check(new DeliveryPeriod(ms("2026-11-21T14:15:00Z"), 15), NOON, true)));
  }

  @Test
  void extremeStartsAreRefusedNotOverflowed() {
    long maxAligned = Long.MAX_VALUE - Math.floorMod(Long.MAX_VALUE, 900_000L);
    assertEquals(ReasonCode.REASON_CODE_DELIVERY_PERIOD_TOO_FAR,
        reason(PRODUCTS.check(new DeliveryPeriod(maxAligned, 15), NOON, true)));
    long minAligned = Long.MIN_VALUE - Math.floorMod(Long.MIN_VALUE, 900_000L) + 900_000L;
    assertEquals(ReasonCode.REASON_CODE_DELIVERY_PERIOD_STARTED,
        reason(PRODUCTS.check(new DeliveryPeriod(minAligned, 15), NOON, true)));
    assertEquals(Long.MAX_VALUE, new DeliveryPeriod(maxAligned, 15).endMs());
  }

  @Test
  void buildsFromConfiguredDurationsInAnyOrder() {
    DeliveryProducts p = DeliveryProducts.of(List.of(Duration.ofHours(1), Duration.ofMinutes(15)),
        Duration.ofMinutes(15), Duration.ofHours(36));
    assertEquals(List.of(15, 60), p.lengthsMinutes());
    assertEquals(Duration.ofHours(36), p.maxHorizon());
  }

  @Test
  void refusesBadSettingsWithAClearError() {
    assertMessage("at least one", () -> new DeliveryProducts(List.of(), 15, Duration.ofHours(1)));
    assertMessage("7 min is not a positive divisor of a day",
        () -> new DeliveryProducts(List.of(7), 7, Duration.ofHours(1)));
    assertMessage("0 min is not a positive divisor", () -> new DeliveryProducts(List.of(0), 0, Duration.ofHours(1)));
    assertMessage("ascending without duplicates",
        () -> new DeliveryProducts(List.of(15, 15), 15, Duration.ofHours(1)));
    assertMessage("default delivery period length 30 min is not one of the product list [15, 60]",
        () -> new DeliveryProducts(List.of(15, 60), 30, Duration.ofHours(1)));
    assertMessage("shorter than the longest delivery period length (60 min)",
        () -> new DeliveryProducts(List.of(15, 60), 15, Duration.ofMinutes(30)));
    assertMessage("PT1M30S is not a whole number of minutes", () -> DeliveryProducts.of(
        List.of(Duration.ofSeconds(90)), Duration.ofMinutes(15), Duration.ofHours(1)));
    assertMessage("default delivery period length PT-15M", () -> DeliveryProducts.of(
        List.of(Duration.ofMinutes(15)), Duration.ofMinutes(-15), Duration.ofHours(1)));
  }

  private static void assertMessage(String expected, Runnable bad) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, bad::run);
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }
}
