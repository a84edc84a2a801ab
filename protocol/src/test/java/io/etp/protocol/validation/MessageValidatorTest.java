package io.etp.protocol.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etp.protocol.TestMessages;
import io.etp.protocol.ValidationResult;
import io.etp.protocol.v1.EtpMessage;
import io.etp.protocol.v1.MessageType;
import io.etp.protocol.v1.ReasonCode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MessageValidatorTest {

  private final MessageValidator validator = new MessageValidator(ValidationLimits.DEFAULTS, TestMessages.CLOCK);

  private ReasonCode reasonOf(EtpMessage.Builder message) {
    ValidationResult result = validator.validate(message.build());
    ValidationResult.Invalid invalid = assertInstanceOf(ValidationResult.Invalid.class, result, "expected a failure");
    assertTrue(!invalid.detail().isBlank(), "detail must say what was wrong");
    return invalid.reason();
  }

  private static EtpMessage.Builder bid() {
    return TestMessages.minimal(MessageType.BID);
  }

  @ParameterizedTest
  @EnumSource(value = MessageType.class, names = "UNRECOGNIZED", mode = EnumSource.Mode.EXCLUDE)
  void acceptsMinimalMessageOfEveryType(MessageType type) {
    assertEquals(ValidationResult.valid(), validator.validate(TestMessages.minimal(type).build()));
  }

  @Test
  void rejectsOtherProtocolVersionWithUnsupportedVersionReason() {
    assertEquals(ReasonCode.REASON_CODE_UNSUPPORTED_VERSION, reasonOf(bid().setProtocolVersion(2)));
    assertEquals(ReasonCode.REASON_CODE_UNSUPPORTED_VERSION, reasonOf(bid().setProtocolVersion(0)));
  }

  @Test
  void rejectsAbsentTypeWithUnknownTypeReason() {
    assertEquals(ReasonCode.REASON_CODE_UNKNOWN_TYPE, reasonOf(bid().clearMessageType()));
  }

  @Test
  void rejectsTypeNumberOutsideTheTenWithUnknownTypeReason() {
    assertEquals(ReasonCode.REASON_CODE_UNKNOWN_TYPE, reasonOf(bid().setMessageTypeValue(10)));
  }

  @Test
  void rejectsMissingSenderIdWithMissingFieldReason() {
    assertEquals(ReasonCode.REASON_CODE_MISSING_FIELD, reasonOf(bid().clearSenderId()));
  }

  @Test
  void rejectsEachMissingRequiredFieldWithMissingFieldReason() {
    Map<MessageType, EtpMessage.Builder> missing = Map.of(
        MessageType.REGISTER, TestMessages.minimal(MessageType.REGISTER).clearEnergyTotalKwh(),
        MessageType.QUERY_RESPONSE, TestMessages.minimal(MessageType.QUERY_RESPONSE).clearPercentageForSale(),
        MessageType.BID, bid().clearRequiredEnergyKwh(),
        MessageType.BID_ACCEPT, TestMessages.minimal(MessageType.BID_ACCEPT).clearBidPriceCPerKwh(),
        MessageType.BID_CONFIRM, TestMessages.minimal(MessageType.BID_CONFIRM).clearBidPriceCPerKwh(),
        MessageType.TERMINATE, TestMessages.minimal(MessageType.TERMINATE).clearTerminationCode(),
        MessageType.BESS_STATUS, TestMessages.minimal(MessageType.BESS_STATUS).clearRemainingEnergyKwh());
    missing.forEach((type, message) ->
        assertEquals(ReasonCode.REASON_CODE_MISSING_FIELD, reasonOf(message), type + " without its field"));
    assertEquals(ReasonCode.REASON_CODE_MISSING_FIELD, reasonOf(bid().clearBidPriceCPerKwh()));
    assertEquals(ReasonCode.REASON_CODE_MISSING_FIELD,
        reasonOf(TestMessages.minimal(MessageType.QUERY_RESPONSE).clearEnergyTotalKwh()));
  }

  @Test
  void namesTheMissingFieldInTheDetail() {
    ValidationResult.Invalid invalid =
        (ValidationResult.Invalid) validator.validate(bid().clearRequiredEnergyKwh().build());
    assertTrue(invalid.detail().contains("required_energy_kwh"), invalid.detail());
  }

  @Test
  void rejectsNanOrInfinityWithNonFiniteNumberReason() {
    assertEquals(ReasonCode.REASON_CODE_NON_FINITE_NUMBER, reasonOf(bid().setBidPriceCPerKwh(Double.NaN)));
    assertEquals(ReasonCode.REASON_CODE_NON_FINITE_NUMBER,
        reasonOf(bid().setRequiredEnergyKwh(Double.POSITIVE_INFINITY)));
    assertEquals(ReasonCode.REASON_CODE_NON_FINITE_NUMBER,
        reasonOf(bid().setBatteryVoltageV(Double.NEGATIVE_INFINITY)));
    assertEquals(ReasonCode.REASON_CODE_NON_FINITE_NUMBER, reasonOf(bid().setReservePriceCPerKwh(Double.NaN)));
  }

  @Test
  void rejectsNegativePriceWithNegativePriceReason() {
    assertEquals(ReasonCode.REASON_CODE_NEGATIVE_PRICE, reasonOf(bid().setBidPriceCPerKwh(-0.01)));
    assertEquals(ReasonCode.REASON_CODE_NEGATIVE_PRICE, reasonOf(bid().setSalePriceCPerKwh(-3)));
    assertEquals(ReasonCode.REASON_CODE_NEGATIVE_PRICE, reasonOf(bid().setReservePriceCPerKwh(-14)));
  }

  @Test
  void rejectsNegativeEnergyWithNegativeEnergyReason() {
    assertEquals(ReasonCode.REASON_CODE_NEGATIVE_ENERGY, reasonOf(bid().setRequiredEnergyKwh(-1)));
    assertEquals(ReasonCode.REASON_CODE_NEGATIVE_ENERGY, reasonOf(bid().setEnergyTotalKwh(-13.5)));
    assertEquals(ReasonCode.REASON_CODE_NEGATIVE_ENERGY, reasonOf(bid().setRemainingEnergyKwh(-0.5)));
  }

  @Test
  void rejectsAbsurdPriceWithPriceOutOfRangeReason() {
    assertEquals(ReasonCode.REASON_CODE_PRICE_OUT_OF_RANGE, reasonOf(bid().setBidPriceCPerKwh(1e300)));
    assertEquals(ReasonCode.REASON_CODE_PRICE_OUT_OF_RANGE, reasonOf(bid().setBidPriceCPerKwh(100_000.01)));
    assertEquals(ReasonCode.REASON_CODE_PRICE_OUT_OF_RANGE, reasonOf(bid().setSalePriceCPerKwh(Double.MAX_VALUE)));
    assertEquals(ReasonCode.REASON_CODE_PRICE_OUT_OF_RANGE, reasonOf(bid().setReservePriceCPerKwh(2e5)));
  }

  @Test
  void rejectsAbsurdEnergyWithEnergyOutOfRangeReason() {
    assertEquals(ReasonCode.REASON_CODE_ENERGY_OUT_OF_RANGE, reasonOf(bid().setRequiredEnergyKwh(1e300)));
    assertEquals(ReasonCode.REASON_CODE_ENERGY_OUT_OF_RANGE, reasonOf(bid().setRequiredEnergyKwh(100_000.5)));
    assertEquals(ReasonCode.REASON_CODE_ENERGY_OUT_OF_RANGE, reasonOf(bid().setEnergyTotalKwh(1e6)));
    assertEquals(ReasonCode.REASON_CODE_ENERGY_OUT_OF_RANGE, reasonOf(bid().setRemainingEnergyKwh(1e9)));
  }

  @Test
  void acceptsPriceAndEnergyAtTheirDocumentedMaxima() {
    assertEquals(ValidationResult.valid(), validator.validate(bid().setBidPriceCPerKwh(100_000)
        .setSalePriceCPerKwh(100_000).setReservePriceCPerKwh(100_000).setRequiredEnergyKwh(100_000)
        .setEnergyTotalKwh(100_000).setRemainingEnergyKwh(100_000).build()));
  }

  @Test
  void appliesConfiguredPriceAndEnergyMaxima() {
    MessageValidator homeMarket = new MessageValidator(
        ValidationLimits.DEFAULTS.withMaxPriceAndEnergy(500, 20), TestMessages.CLOCK);
    assertEquals(ValidationResult.valid(), homeMarket.validate(bid().setBidPriceCPerKwh(500).build()));
    assertEquals(ReasonCode.REASON_CODE_PRICE_OUT_OF_RANGE, ((ValidationResult.Invalid) homeMarket.validate(
        bid().setBidPriceCPerKwh(500.01).build())).reason());
    assertEquals(ReasonCode.REASON_CODE_ENERGY_OUT_OF_RANGE, ((ValidationResult.Invalid) homeMarket.validate(
        bid().setRequiredEnergyKwh(20.5).build())).reason());
  }

  @Test
  void acceptsZeroPriceAndEnergy() {
    assertEquals(ValidationResult.valid(),
        validator.validate(bid().setBidPriceCPerKwh(0).setRequiredEnergyKwh(0).build()));
  }

  @Test
  void rejectsPercentageOutsideZeroToHundredWithPercentageOutOfRangeReason() {
    EtpMessage.Builder response = TestMessages.minimal(MessageType.QUERY_RESPONSE);
    assertEquals(ReasonCode.REASON_CODE_PERCENTAGE_OUT_OF_RANGE, reasonOf(response.setPercentageForSale(100.01)));
    assertEquals(ReasonCode.REASON_CODE_PERCENTAGE_OUT_OF_RANGE, reasonOf(response.setPercentageForSale(-1)));
    assertEquals(ValidationResult.valid(), validator.validate(response.setPercentageForSale(100).build()));
    assertEquals(ValidationResult.valid(), validator.validate(response.setPercentageForSale(0).build()));
  }

  @Test
  void rejectsVoltageOutsideLimitsWithVoltageOutOfRangeReason() {
    EtpMessage.Builder status = TestMessages.minimal(MessageType.BESS_STATUS);
    assertEquals(ReasonCode.REASON_CODE_VOLTAGE_OUT_OF_RANGE, reasonOf(status.setBatteryVoltageV(1500.5)));
    assertEquals(ReasonCode.REASON_CODE_VOLTAGE_OUT_OF_RANGE, reasonOf(status.setBatteryVoltageV(-1)));
    assertEquals(ValidationResult.valid(), validator.validate(status.setBatteryVoltageV(0).build()));
    assertEquals(ValidationResult.valid(), validator.validate(status.setBatteryVoltageV(1500).build()));
  }

  @Test
  void rejectsDischargeRateOutsideLimitsWithDischargeRateOutOfRangeReason() {
    EtpMessage.Builder status = TestMessages.minimal(MessageType.BESS_STATUS);
    assertEquals(ReasonCode.REASON_CODE_DISCHARGE_RATE_OUT_OF_RANGE, reasonOf(status.setDischargeRateKw(10_001)));
    assertEquals(ReasonCode.REASON_CODE_DISCHARGE_RATE_OUT_OF_RANGE,
        reasonOf(status.setDischargeRateKw(-10_001)));
    assertEquals(ValidationResult.valid(), validator.validate(status.setDischargeRateKw(-5).build()));
  }

  @Test
  void appliesConfiguredPhysicalLimits() {
    ValidationLimits homeBattery = new ValidationLimits(40, 60, 0, 5, 1_000, 50, Duration.ofSeconds(1), 64,
        128);
    MessageValidator strict = new MessageValidator(homeBattery, TestMessages.CLOCK);
    EtpMessage.Builder status = TestMessages.minimal(MessageType.BESS_STATUS).setBatteryVoltageV(51.2);
    assertEquals(ValidationResult.valid(), strict.validate(status.setDischargeRateKw(4.9).build()));
    assertEquals(ReasonCode.REASON_CODE_DISCHARGE_RATE_OUT_OF_RANGE,
        ((ValidationResult.Invalid) strict.validate(status.setDischargeRateKw(5.5).build())).reason());
    assertEquals(ReasonCode.REASON_CODE_VOLTAGE_OUT_OF_RANGE,
        ((ValidationResult.Invalid) strict.validate(status.setBatteryVoltageV(20).build())).reason());
  }

  @Test
  void rejectsZeroOrNegativeTtlWithTtlExpiredReason() {
    assertEquals(ReasonCode.REASON_CODE_TTL_EXPIRED, reasonOf(bid().setTtl(0)));
    assertEquals(ReasonCode.REASON_CODE_TTL_EXPIRED, reasonOf(bid().setTtl(-3)));
  }

  @Test
  void rejectsMessageOlderThanItsTypeDeadlineWithDeadlineExpiredReason() {
    long now = TestMessages.NOW.toEpochMilli();
    // a Bid has 1000 ms, a DeviceFailure 200 ms
    assertEquals(ValidationResult.valid(), validator.validate(bid().setSentAtMs(now - 1000).build()));
    assertEquals(ReasonCode.REASON_CODE_DEADLINE_EXPIRED, reasonOf(bid().setSentAtMs(now - 1001)));
    assertEquals(ReasonCode.REASON_CODE_DEADLINE_EXPIRED,
        reasonOf(TestMessages.minimal(MessageType.DEVICE_FAILURE).setSentAtMs(now - 201)));
    assertEquals(ValidationResult.valid(),
        validator.validate(TestMessages.minimal(MessageType.REGISTER).setSentAtMs(now - 4999).build()));
  }

  @Test
  void rejectsMessageSentTooFarInTheFutureWithDeadlineExpiredReason() {
    long now = TestMessages.NOW.toEpochMilli();
    assertEquals(ValidationResult.valid(), validator.validate(bid().setSentAtMs(now + 2000).build()));
    assertEquals(ReasonCode.REASON_CODE_DEADLINE_EXPIRED, reasonOf(bid().setSentAtMs(now + 2001)));
  }

  @Test
  void rejectsAbsentOrExtremeSentAtWithoutOverflow() {
    assertEquals(ReasonCode.REASON_CODE_DEADLINE_EXPIRED, reasonOf(bid().clearSentAtMs()));
    assertEquals(ReasonCode.REASON_CODE_DEADLINE_EXPIRED, reasonOf(bid().setSentAtMs(Long.MIN_VALUE)));
    assertEquals(ReasonCode.REASON_CODE_DEADLINE_EXPIRED, reasonOf(bid().setSentAtMs(Long.MAX_VALUE)));
  }

  @Test
  void rejectsOverlongIdsAndDetailAsMalformed() {
    String longId = "x".repeat(129);
    assertEquals(ReasonCode.REASON_CODE_MALFORMED, reasonOf(bid().setSenderId(longId)));
    assertEquals(ReasonCode.REASON_CODE_MALFORMED, reasonOf(bid().setNegotiationId(longId)));
    assertEquals(ReasonCode.REASON_CODE_MALFORMED, reasonOf(bid().setDetail("d".repeat(257))));
  }

  @Test
  void reportsVersionBeforeTypeAndTypeBeforeFields() {
    assertEquals(ReasonCode.REASON_CODE_UNSUPPORTED_VERSION,
        reasonOf(bid().setProtocolVersion(9).clearMessageType().clearSenderId()));
    assertEquals(ReasonCode.REASON_CODE_UNKNOWN_TYPE, reasonOf(bid().clearMessageType().clearSenderId()));
  }
}
