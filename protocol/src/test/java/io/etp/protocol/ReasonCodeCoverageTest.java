package io.etp.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.etp.protocol.framing.FrameDecoder;
import io.etp.protocol.signing.MessageSigner;
import io.etp.protocol.signing.SignatureVerifier;
import io.etp.protocol.v1.EtpMessage;
import io.etp.protocol.v1.MessageType;
import io.etp.protocol.v1.ReasonCode;
import io.etp.protocol.validation.ConnectionAuthenticator;
import io.etp.protocol.validation.ConnectionState;
import io.etp.protocol.validation.MessageGate;
import io.etp.protocol.validation.MessageValidator;
import io.etp.protocol.validation.TokenBucketRateLimiter;
import io.etp.protocol.validation.ValidationLimits;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * One end-to-end trigger per reason code through the real component that reports it. Fails when a reason code is added
 * to the schema without a way to trigger it here.
 */
class ReasonCodeCoverageTest {

  private final MessageValidator validator = new MessageValidator(ValidationLimits.DEFAULTS, TestMessages.CLOCK);
  private final SignatureVerifier verifier = new SignatureVerifier(TestMessages.keyStore());

  private ReasonCode validating(EtpMessage.Builder message) {
    return reason(validator.validate(message.build()));
  }

  private ReasonCode verifying(EtpMessage message) {
    return reason(verifier.verify(message, TestMessages.NOW));
  }

  private static ReasonCode reason(ValidationResult result) {
    return assertInstanceOf(ValidationResult.Invalid.class, result).reason();
  }

  private static ReasonCode thrown(Runnable action) {
    return assertThrows(EtpProtocolException.class, action::run).reason();
  }

  private Map<ReasonCode, Supplier<ReasonCode>> triggers() {
    Map<ReasonCode, Supplier<ReasonCode>> t = new EnumMap<>(ReasonCode.class);
    t.put(ReasonCode.REASON_CODE_MALFORMED, () -> thrown(() -> EtpCodec.decode(new byte[] {0x17})));
    t.put(ReasonCode.REASON_CODE_FRAME_TOO_LARGE,
        () -> thrown(() -> new FrameDecoder(100).feed(new byte[] {0, 0, 0, 101})));
    t.put(ReasonCode.REASON_CODE_FRAME_TRUNCATED, () -> thrown(() -> {
      FrameDecoder decoder = new FrameDecoder(100);
      decoder.feed(new byte[] {0, 0, 0, 10, 1});
      decoder.finish();
    }));
    t.put(ReasonCode.REASON_CODE_UNKNOWN_TYPE,
        () -> validating(TestMessages.minimal(MessageType.BID).setMessageTypeValue(12)));
    t.put(ReasonCode.REASON_CODE_MISSING_FIELD,
        () -> validating(TestMessages.minimal(MessageType.BID).clearBidPriceCPerKwh()));
    t.put(ReasonCode.REASON_CODE_NON_FINITE_NUMBER,
        () -> validating(TestMessages.minimal(MessageType.BID).setBidPriceCPerKwh(Double.NaN)));
    t.put(ReasonCode.REASON_CODE_NEGATIVE_PRICE,
        () -> validating(TestMessages.minimal(MessageType.BID).setBidPriceCPerKwh(-1)));
    t.put(ReasonCode.REASON_CODE_NEGATIVE_ENERGY,
        () -> validating(TestMessages.minimal(MessageType.BID).setRequiredEnergyKwh(-1)));
    t.put(ReasonCode.REASON_CODE_PRICE_OUT_OF_RANGE,
        () -> validating(TestMessages.minimal(MessageType.BID).setBidPriceCPerKwh(1e300)));
    t.put(ReasonCode.REASON_CODE_ENERGY_OUT_OF_RANGE,
        () -> validating(TestMessages.minimal(MessageType.BID).setRequiredEnergyKwh(1e300)));
    t.put(ReasonCode.REASON_CODE_PERCENTAGE_OUT_OF_RANGE,
        () -> validating(TestMessages.minimal(MessageType.QUERY_RESPONSE).setPercentageForSale(101)));
    t.put(ReasonCode.REASON_CODE_VOLTAGE_OUT_OF_RANGE,
        () -> validating(TestMessages.minimal(MessageType.BESS_STATUS).setBatteryVoltageV(2000)));
    t.put(ReasonCode.REASON_CODE_DISCHARGE_RATE_OUT_OF_RANGE,
        () -> validating(TestMessages.minimal(MessageType.BESS_STATUS).setDischargeRateKw(20_000)));
    t.put(ReasonCode.REASON_CODE_TTL_EXPIRED, () -> validating(TestMessages.minimal(MessageType.BID).setTtl(0)));
    t.put(ReasonCode.REASON_CODE_DEADLINE_EXPIRED, () -> validating(TestMessages.minimal(MessageType.BID)
        .setSentAtMs(TestMessages.NOW.toEpochMilli() - 1500)));
    t.put(ReasonCode.REASON_CODE_MISSING_SIGNATURE, () -> verifying(TestMessages.minimal(MessageType.BID).build()));
    t.put(ReasonCode.REASON_CODE_UNKNOWN_KEY, () -> verifying(MessageSigner.sign(
        TestMessages.minimal(MessageType.BID).setSenderId("51").build(), TestMessages.testKey("51"))));
    t.put(ReasonCode.REASON_CODE_BAD_SIGNATURE, () -> verifying(
        TestMessages.signed(MessageType.BID).toBuilder().setBidPriceCPerKwh(1).build()));
    t.put(ReasonCode.REASON_CODE_REPLAYED, () -> {
      MessageGate gate = MessageGate.create(ValidationLimits.DEFAULTS, TestMessages.keyStore(), TestMessages.CLOCK);
      gate.admit(TestMessages.signed(MessageType.BID));
      return reason(gate.admit(TestMessages.signed(MessageType.BID)));
    });
    t.put(ReasonCode.REASON_CODE_UNSUPPORTED_VERSION,
        () -> validating(TestMessages.minimal(MessageType.BID).setProtocolVersion(2)));
    t.put(ReasonCode.REASON_CODE_RATE_LIMITED, () -> {
      TokenBucketRateLimiter limiter = new TokenBucketRateLimiter(1, 1, 10, TestMessages.CLOCK);
      limiter.tryAcquire("50");
      return reason(limiter.tryAcquire("50"));
    });
    t.put(ReasonCode.REASON_CODE_UNAUTHENTICATED, () -> {
      ConnectionAuthenticator auth = new ConnectionAuthenticator(
          MessageGate.create(ValidationLimits.DEFAULTS, TestMessages.keyStore(), TestMessages.CLOCK));
      return reason(auth.onMessage(ConnectionState.AwaitingHello.INSTANCE, TestMessages.signed(MessageType.BID))
          .result());
    });
    long now = TestMessages.NOW.toEpochMilli();
    t.put(ReasonCode.REASON_CODE_DELIVERY_PERIOD_STARTED, () -> validating(TestMessages.minimal(MessageType.BID)
        .setDeliveryStartMs(now).setDeliveryPeriodMinutes(15)));
    t.put(ReasonCode.REASON_CODE_DELIVERY_PERIOD_UNKNOWN_LENGTH, () -> validating(
        TestMessages.minimal(MessageType.BID).setDeliveryStartMs(now + 3_600_000).setDeliveryPeriodMinutes(20)));
    t.put(ReasonCode.REASON_CODE_DELIVERY_PERIOD_MISALIGNED, () -> validating(
        TestMessages.minimal(MessageType.BID).setDeliveryStartMs(now + 60_000).setDeliveryPeriodMinutes(15)));
    t.put(ReasonCode.REASON_CODE_DELIVERY_PERIOD_TOO_FAR, () -> validating(TestMessages.minimal(MessageType.BID)
        .setDeliveryStartMs(now + 49 * 3_600_000L).setDeliveryPeriodMinutes(60)));
    t.put(ReasonCode.REASON_CODE_METERED_NOT_ALLOWED, () -> validating(TestMessages.minimal(MessageType.BID)
        .setMeteredDeliveredKwh(1)));
    return t;
  }

  @Test
  void everyReasonCodeHasATrigger() {
    Set<ReasonCode> all = Arrays.stream(ReasonCode.values())
        .filter(r -> r != ReasonCode.REASON_CODE_UNSPECIFIED && r != ReasonCode.UNRECOGNIZED)
        // reported by the device gateway's role check (gateway/ io.etp.edge.RolePolicy), covered by its tests
        .filter(r -> r != ReasonCode.REASON_CODE_ROLE_NOT_PERMITTED)
        .collect(Collectors.toCollection(() -> EnumSet.noneOf(ReasonCode.class)));
    assertEquals(all, triggers().keySet());
  }

  @Test
  void eachTriggerProducesItsOwnReasonCode() {
    triggers().forEach((code, trigger) -> assertEquals(code, trigger.get(), "trigger for " + code));
  }
}
