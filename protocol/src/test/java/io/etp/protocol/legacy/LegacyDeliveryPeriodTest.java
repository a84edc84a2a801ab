package io.etp.protocol.legacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etp.protocol.MutableClock;
import io.etp.protocol.ValidationResult;
import io.etp.protocol.delivery.DeliveryPeriod;
import io.etp.protocol.delivery.DeliveryProducts;
import io.etp.protocol.v1.EtpMessage;
import io.etp.protocol.v1.MessageType;
import io.etp.protocol.validation.MessageValidator;
import io.etp.protocol.validation.ValidationLimits;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** A legacy message means "the next period": {@link LegacyMessage#toEtp(Instant, DeliveryProducts)}. */
class LegacyDeliveryPeriodTest {

  private static final String BID = "3 1002 7 0 15.00 0.00 0.00 0.00 6.75 0 0.00 0 0.00 0.00";

  @ParameterizedTest
  @CsvSource({
      "2026-11-21T12:07:30Z, 2026-11-21T12:15:00Z",
      "2026-11-21T12:00:00Z, 2026-11-21T12:15:00Z",
      "2026-11-21T12:14:59.999Z, 2026-11-21T12:15:00Z",
      "2026-11-21T12:15:00Z, 2026-11-21T12:30:00Z",
      "2026-11-21T23:50:00Z, 2026-11-22T00:00:00Z"})
  void aLegacyBidIsForTheNextQuarterHourAfterItIsReceived(String received, String expectedStart) {
    EtpMessage bid = LegacyTextCodec.parse(BID).toEtp(Instant.parse(received), DeliveryProducts.DEFAULTS);
    assertEquals(new DeliveryPeriod(Instant.parse(expectedStart).toEpochMilli(), 15),
        DeliveryPeriod.of(bid).orElseThrow());
  }

  @ParameterizedTest
  @EnumSource(value = MessageType.class, names = {"QUERY_RESPONSE", "BID", "BID_ACCEPT", "BID_CONFIRM"})
  void theFourTradingTypesCarryTheNextPeriodAndTheRestNone(MessageType type) {
    LegacyMessage m = new LegacyMessage(type.getNumber(), 1, 50, 0, 15, 0, 13.5, 50, 6.75, 0, 0, 0, 0, 0);
    Instant received = Instant.parse("2026-11-21T12:07:30Z");
    assertTrue(m.toEtp(received, DeliveryProducts.DEFAULTS).hasDeliveryStartMs());
    for (MessageType other : List.of(MessageType.REGISTER, MessageType.QUERY, MessageType.BID_REJECT,
        MessageType.TERMINATE, MessageType.DEVICE_FAILURE, MessageType.BESS_STATUS)) {
      LegacyMessage o = new LegacyMessage(other.getNumber(), 1, 50, 0, 0, 0, 13.5, 0, 0, 0, 1, 0, 0, 0);
      EtpMessage etp = o.toEtp(received, DeliveryProducts.DEFAULTS);
      assertFalse(etp.hasDeliveryStartMs() || etp.hasDeliveryPeriodMinutes(), other.name());
      assertEquals(o.toEtp(), etp);
    }
  }

  @Test
  void theDefaultLengthIsTheConfiguredOne() {
    DeliveryProducts hourly = new DeliveryProducts(List.of(15, 60), 60, Duration.ofHours(48));
    EtpMessage bid = LegacyTextCodec.parse(BID).toEtp(Instant.parse("2026-11-21T12:07:30Z"), hourly);
    assertEquals(new DeliveryPeriod(Instant.parse("2026-11-21T13:00:00Z").toEpochMilli(), 60),
        DeliveryPeriod.of(bid).orElseThrow());
  }

  @Test
  void theMappingStaysLosslessAndTheTextUnchanged() {
    LegacyMessage legacy = LegacyTextCodec.parse(BID);
    EtpMessage withPeriod = legacy.toEtp(Instant.parse("2026-11-21T12:07:30Z"), DeliveryProducts.DEFAULTS);
    assertEquals(legacy.toEtp(), withPeriod.toBuilder().clearDeliveryStartMs().clearDeliveryPeriodMinutes().build());
    assertEquals(BID, LegacyTextCodec.encode(withPeriod));
  }

  @Test
  void theNextPeriodPassesValidationAtAnyInstantOfAQuarterHour() {
    MutableClock clock = new MutableClock(Instant.parse("2026-11-21T12:00:00Z"));
    MessageValidator validator = new MessageValidator(ValidationLimits.DEFAULTS, clock);
    for (int second = 0; second < 30 * 60; second += 7) {
      EtpMessage bid = LegacyTextCodec.parse(BID).toEtp(clock.instant(), DeliveryProducts.DEFAULTS).toBuilder()
          .setSenderId("legacy-agg-7").setSentAtMs(clock.millis()).setTtl(5).build();
      assertEquals(ValidationResult.valid(), validator.validate(bid), clock.instant().toString());
      clock.advance(Duration.ofSeconds(7));
    }
  }
}
