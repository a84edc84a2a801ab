package io.etp.protocol;

import com.google.protobuf.ByteString;
import io.etp.protocol.v1.EtpMessage;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;

/** jqwik generators for protocol messages. */
public final class EtpArbitraries {

  private EtpArbitraries() {
  }

  /** @return strings of printable ASCII and non-ASCII BMP characters (no lone surrogates), up to 24 chars */
  public static Arbitrary<String> text() {
    return Arbitraries.strings()
        .withCharRange(' ', '~')
        .withCharRange('\u00a0', '\u07ff')
        .withCharRange('\u4e00', '\u4e20')
        .ofMaxLength(24);
  }

  /** @return any double, NaN, infinities, -0.0 and extremes included */
  public static Arbitrary<Double> anyDouble() {
    return Arbitraries.doubles().withStandardSpecialValues();
  }

  /** @return any 32-bit int, for enum numbers known or not */
  public static Arbitrary<Integer> anyEnumNumber() {
    return Arbitraries.oneOf(Arbitraries.integers().between(0, 10), Arbitraries.integers());
  }

  /**
   * @return arbitrary messages: every field independently present or absent, any values, including unknown enum
   *     numbers, non-finite doubles and tags of any length
   */
  public static Arbitrary<EtpMessage> anyMessage() {
    return Builders.withBuilder(EtpMessage::newBuilder)
        .use(Arbitraries.integers()).withProbability(0.8).in(EtpMessage.Builder::setProtocolVersion)
        .use(anyEnumNumber()).withProbability(0.9).in(EtpMessage.Builder::setMessageTypeValue)
        .use(Arbitraries.longs()).withProbability(0.9).in(EtpMessage.Builder::setMessageId)
        .use(Arbitraries.longs()).withProbability(0.5).in(EtpMessage.Builder::setDeviceId)
        .use(text()).withProbability(0.9).in(EtpMessage.Builder::setSenderId)
        .use(text()).withProbability(0.5).in(EtpMessage.Builder::setRecipientId)
        .use(text()).withProbability(0.5).in(EtpMessage.Builder::setNegotiationId)
        .use(Arbitraries.longs()).withProbability(0.8).in(EtpMessage.Builder::setSentAtMs)
        .use(Arbitraries.integers()).withProbability(0.8).in(EtpMessage.Builder::setTtl)
        .use(Arbitraries.integers()).withProbability(0.5).in(EtpMessage.Builder::setPriority)
        .use(text()).withProbability(0.5).in(EtpMessage.Builder::setKeyId)
        .use(Arbitraries.bytes().array(byte[].class).ofMaxSize(40)).withProbability(0.5)
        .in((b, v) -> b.setHmacSha256(ByteString.copyFrom(v)))
        .use(anyEnumNumber()).withProbability(0.5).in(EtpMessage.Builder::setSenderRoleValue)
        .use(anyDouble()).withProbability(0.5).in(EtpMessage.Builder::setBidPriceCPerKwh)
        .use(anyDouble()).withProbability(0.5).in(EtpMessage.Builder::setSalePriceCPerKwh)
        .use(anyDouble()).withProbability(0.5).in(EtpMessage.Builder::setEnergyTotalKwh)
        .use(anyDouble()).withProbability(0.5).in(EtpMessage.Builder::setPercentageForSale)
        .use(anyDouble()).withProbability(0.5).in(EtpMessage.Builder::setRequiredEnergyKwh)
        .use(anyEnumNumber()).withProbability(0.5).in(EtpMessage.Builder::setTerminationCodeValue)
        .use(anyDouble()).withProbability(0.5).in(EtpMessage.Builder::setRemainingEnergyKwh)
        .use(anyEnumNumber()).withProbability(0.5).in(EtpMessage.Builder::setBatteryHealthValue)
        .use(anyDouble()).withProbability(0.5).in(EtpMessage.Builder::setBatteryVoltageV)
        .use(anyDouble()).withProbability(0.5).in(EtpMessage.Builder::setDischargeRateKw)
        .use(anyDouble()).withProbability(0.5).in(EtpMessage.Builder::setReservePriceCPerKwh)
        .use(anyEnumNumber()).withProbability(0.5).in(EtpMessage.Builder::setRejectReasonValue)
        .use(anyEnumNumber()).withProbability(0.5).in(EtpMessage.Builder::setReasonCodeValue)
        .use(text()).withProbability(0.5).in(EtpMessage.Builder::setDetail)
        .use(anyEnumNumber()).withProbability(0.5).in(EtpMessage.Builder::setAuctionMechanismValue)
        .use(Arbitraries.longs()).withProbability(0.5).in(EtpMessage.Builder::setDeliveryStartMs)
        .use(Arbitraries.integers()).withProbability(0.5).in(EtpMessage.Builder::setDeliveryPeriodMinutes)
        .build(EtpMessage.Builder::build);
  }

  /** @return arbitrary messages from the test battery, ready to be signed with its test key */
  public static Arbitrary<EtpMessage> anyBatteryMessage() {
    return anyMessage().map(m -> m.toBuilder().setSenderId(TestMessages.BATTERY).build());
  }
}
