package io.etp.protocol.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etp.protocol.MutableClock;
import io.etp.protocol.TestMessages;
import io.etp.protocol.ValidationResult;
import io.etp.protocol.delivery.DeliveryPeriod;
import io.etp.protocol.v1.EtpMessage;
import io.etp.protocol.v1.MessageType;
import io.etp.protocol.v1.ReasonCode;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The checks of {@link MessageValidator} on {@code metered_delivered_kwh} (field 37). */
class MessageValidatorMeteredDeliveryTest {

  private static final Instant NOW = Instant.parse("2026-11-21T12:31:00Z");
  /** The quarter hour that has just ended. */
  private static final DeliveryPeriod QUARTER_1215 =
      new DeliveryPeriod(Instant.parse("2026-11-21T12:15:00Z").toEpochMilli(), 15);

  private final MessageValidator validator = new MessageValidator(ValidationLimits.DEFAULTS, new MutableClock(NOW));

  private EtpMessage.Builder status(double meteredKwh) {
    return QUARTER_1215.writeTo(TestMessages.minimal(MessageType.BESS_STATUS)).setSentAtMs(NOW.toEpochMilli() - 10)
        .setMeteredDeliveredKwh(meteredKwh);
  }

  private ReasonCode reasonOf(EtpMessage.Builder m) {
    ValidationResult.Invalid invalid = assertInstanceOf(ValidationResult.Invalid.class, validator.validate(m.build()));
    assertTrue(invalid.detail().contains("metered_delivered_kwh"), invalid.detail());
    return invalid.reason();
  }

  @Test
  void aStatusWithAMeterReadingForAnEndedPeriodIsValid() {
    assertEquals(ValidationResult.valid(), validator.validate(status(4.25).build()));
    assertEquals(ValidationResult.valid(), validator.validate(status(0).build()));
    assertEquals(ValidationResult.valid(),
        validator.validate(status(ValidationLimits.DEFAULTS.maxEnergyKwh()).build()));
  }

  @Test
  void negativeNonFiniteAndTooLargeReadingsAreRejectedWithTheirReasons() {
    assertEquals(ReasonCode.REASON_CODE_NEGATIVE_ENERGY, reasonOf(status(-0.001)));
    assertEquals(ReasonCode.REASON_CODE_NON_FINITE_NUMBER, reasonOf(status(Double.NaN)));
    assertEquals(ReasonCode.REASON_CODE_NON_FINITE_NUMBER, reasonOf(status(Double.POSITIVE_INFINITY)));
    assertEquals(ReasonCode.REASON_CODE_ENERGY_OUT_OF_RANGE,
        reasonOf(status(Math.nextUp(ValidationLimits.DEFAULTS.maxEnergyKwh()))));
  }

  @Test
  void aReadingWithoutItsPeriodIsRejected() {
    assertEquals(ReasonCode.REASON_CODE_METERED_NOT_ALLOWED,
        reasonOf(status(1).clearDeliveryStartMs().clearDeliveryPeriodMinutes()));
  }

  @ParameterizedTest
  @EnumSource(value = MessageType.class, names = {"BESS_STATUS", "UNRECOGNIZED"}, mode = EnumSource.Mode.EXCLUDE)
  void aReadingOnAnyOtherTypeIsRejected(MessageType type) {
    EtpMessage.Builder m = QUARTER_1215.writeTo(TestMessages.minimal(type)).setSentAtMs(NOW.toEpochMilli() - 10)
        .setDeliveryStartMs(Instant.parse("2026-11-21T12:45:00Z").toEpochMilli()).setMeteredDeliveredKwh(1);
    assertEquals(ReasonCode.REASON_CODE_METERED_NOT_ALLOWED, reasonOf(m));
  }
}
