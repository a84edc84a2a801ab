package io.etp.protocol.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etp.protocol.MutableClock;
import io.etp.protocol.TestMessages;
import io.etp.protocol.ValidationResult;
import io.etp.protocol.delivery.DeliveryPeriod;
import io.etp.protocol.delivery.DeliveryProducts;
import io.etp.protocol.v1.EtpMessage;
import io.etp.protocol.v1.MessageType;
import io.etp.protocol.v1.ReasonCode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The delivery-period checks of {@link MessageValidator}, on a clock the tests move. */
class MessageValidatorDeliveryPeriodTest {

  private static final Instant START = Instant.parse("2026-11-21T12:07:00Z");
  private static final DeliveryPeriod QUARTER_1215 =
      new DeliveryPeriod(Instant.parse("2026-11-21T12:15:00Z").toEpochMilli(), 15);

  private final MutableClock clock = new MutableClock(START);
  private final MessageValidator validator = new MessageValidator(ValidationLimits.DEFAULTS, clock);

  /** A message of that type for that period, sent 10 ms before the clock's now. */
  private EtpMessage message(MessageType type, DeliveryPeriod period) {
    return period.writeTo(TestMessages.minimal(type)).setSentAtMs(clock.millis() - 10).build();
  }

  private ReasonCode reasonOf(EtpMessage m) {
    ValidationResult.Invalid invalid = assertInstanceOf(ValidationResult.Invalid.class, validator.validate(m));
    assertTrue(!invalid.detail().isBlank(), "detail must say what was wrong");
    return invalid.reason();
  }

  @Test
  void anOfferIsAcceptedBeforeItsPeriodAndRejectedOnceItHasStarted() {
    assertEquals(ValidationResult.valid(), validator.validate(message(MessageType.QUERY_RESPONSE, QUARTER_1215)));
    clock.advance(Duration.ofMinutes(7).plusSeconds(59));
    assertEquals(ValidationResult.valid(), validator.validate(message(MessageType.QUERY_RESPONSE, QUARTER_1215)));
    clock.advance(Duration.ofSeconds(1));
    assertEquals(ReasonCode.REASON_CODE_DELIVERY_PERIOD_STARTED,
        reasonOf(message(MessageType.QUERY_RESPONSE, QUARTER_1215)));
  }

  @Test
  void aBidForAStartedPeriodIsRejectedWithItsOwnReason() {
    clock.advance(Duration.ofMinutes(20));
    assertEquals(ReasonCode.REASON_CODE_DELIVERY_PERIOD_STARTED, reasonOf(message(MessageType.BID, QUARTER_1215)));
  }

  @ParameterizedTest
  @EnumSource(value = MessageType.class, names = {"BID_ACCEPT", "BID_CONFIRM"})
  void anAwardOrTradeOfAStartedPeriodPassesTheEdgeForTheTwinToDecide(MessageType type) {
    clock.advance(Duration.ofMinutes(10));
    assertEquals(ValidationResult.valid(), validator.validate(message(type, QUARTER_1215)));
  }

  @ParameterizedTest
  @EnumSource(value = MessageType.class, names = {"QUERY_RESPONSE", "BID", "BID_ACCEPT", "BID_CONFIRM"})
  void aLengthOutsideTheProductListIsRejected(MessageType type) {
    DeliveryPeriod halfHour = new DeliveryPeriod(Instant.parse("2026-11-21T13:00:00Z").toEpochMilli(), 30);
    assertEquals(ReasonCode.REASON_CODE_DELIVERY_PERIOD_UNKNOWN_LENGTH, reasonOf(message(type, halfHour)));
  }

  @ParameterizedTest
  @EnumSource(value = MessageType.class, names = {"QUERY_RESPONSE", "BID", "BID_ACCEPT", "BID_CONFIRM"})
  void aStartNotAlignedToItsLengthIsRejected(MessageType type) {
    DeliveryPeriod hourAtQuarterPast = new DeliveryPeriod(Instant.parse("2026-11-21T13:15:00Z").toEpochMilli(), 60);
    assertEquals(ReasonCode.REASON_CODE_DELIVERY_PERIOD_MISALIGNED, reasonOf(message(type, hourAtQuarterPast)));
  }

  @ParameterizedTest
  @EnumSource(value = MessageType.class, names = {"QUERY_RESPONSE", "BID", "BID_ACCEPT", "BID_CONFIRM"})
  void aPeriodBeyondTheHorizonIsRejected(MessageType type) {
    DeliveryPeriod inThreeDays = new DeliveryPeriod(Instant.parse("2026-11-24T12:00:00Z").toEpochMilli(), 60);
    assertEquals(ReasonCode.REASON_CODE_DELIVERY_PERIOD_TOO_FAR, reasonOf(message(type, inThreeDays)));
  }

  @Test
  void theHorizonMovesWithTheClock() {
    DeliveryPeriod dayAfterTomorrow = new DeliveryPeriod(Instant.parse("2026-11-23T12:15:00Z").toEpochMilli(), 15);
    assertEquals(ReasonCode.REASON_CODE_DELIVERY_PERIOD_TOO_FAR, reasonOf(message(MessageType.BID, dayAfterTomorrow)));
    clock.advance(Duration.ofMinutes(8));
    assertEquals(ValidationResult.valid(), validator.validate(message(MessageType.BID, dayAfterTomorrow)));
  }

  @Test
  void aConfiguredProductListIsWhatIsChecked() {
    DeliveryProducts halfHours = new DeliveryProducts(List.of(30), 30, Duration.ofHours(2));
    MessageValidator custom = new MessageValidator(ValidationLimits.DEFAULTS.withDeliveryProducts(halfHours), clock);
    DeliveryPeriod half1230 = new DeliveryPeriod(Instant.parse("2026-11-21T12:30:00Z").toEpochMilli(), 30);
    assertEquals(ValidationResult.valid(), custom.validate(message(MessageType.BID, half1230)));
    ValidationResult quarter = custom.validate(message(MessageType.BID, QUARTER_1215));
    assertEquals(ReasonCode.REASON_CODE_DELIVERY_PERIOD_UNKNOWN_LENGTH,
        assertInstanceOf(ValidationResult.Invalid.class, quarter).reason());
    DeliveryPeriod half1500 = new DeliveryPeriod(Instant.parse("2026-11-21T15:00:00Z").toEpochMilli(), 30);
    ValidationResult far = custom.validate(message(MessageType.BID, half1500));
    assertEquals(ReasonCode.REASON_CODE_DELIVERY_PERIOD_TOO_FAR,
        assertInstanceOf(ValidationResult.Invalid.class, far).reason());
  }

  @Test
  void oneDeliveryFieldWithoutTheOtherIsAMissingField() {
    EtpMessage startOnly = TestMessages.minimal(MessageType.BID).setSentAtMs(clock.millis())
        .setDeliveryStartMs(QUARTER_1215.startMs()).build();
    assertEquals(ReasonCode.REASON_CODE_MISSING_FIELD, reasonOf(startOnly));
    EtpMessage lengthOnly = TestMessages.minimal(MessageType.BID).setSentAtMs(clock.millis())
        .setDeliveryPeriodMinutes(15).build();
    assertEquals(ReasonCode.REASON_CODE_MISSING_FIELD, reasonOf(lengthOnly));
  }

  @Test
  void aMessageWithoutAPeriodStillPasses() {
    assertEquals(ValidationResult.valid(),
        validator.validate(TestMessages.minimal(MessageType.BID).setSentAtMs(clock.millis()).build()));
  }
}
