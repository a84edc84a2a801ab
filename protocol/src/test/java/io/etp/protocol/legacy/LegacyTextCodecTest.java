package io.etp.protocol.legacy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.etp.protocol.EtpProtocolException;
import io.etp.protocol.v1.BatteryHealth;
import io.etp.protocol.v1.EtpMessage;
import io.etp.protocol.v1.MessageType;
import io.etp.protocol.v1.ReasonCode;
import io.etp.protocol.v1.TerminationCode;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LegacyTextCodecTest {

  private static final long BATTERY = 50;
  private static final long AGGREGATOR = 7;

  /** A message as the prototype builds it: all 14 fields present, zeros where unused. */
  private static EtpMessage.Builder prototype(MessageType type, long messageId, long deviceId) {
    return new LegacyMessage(type.getNumber(), messageId, deviceId, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        .toEtp().toBuilder();
  }

  private static void assertGolden(String golden, EtpMessage message) {
    assertEquals(golden, LegacyTextCodec.encode(message));
    assertEquals(message, LegacyTextCodec.decode(golden));
    assertArrayEquals(golden.getBytes(StandardCharsets.US_ASCII),
        LegacyTextCodec.encode(LegacyTextCodec.decode(golden.getBytes(StandardCharsets.US_ASCII), 0,
            golden.length())).getBytes(StandardCharsets.US_ASCII));
  }

  private static ReasonCode reasonOfParsing(String text) {
    return assertThrows(EtpProtocolException.class, () -> LegacyTextCodec.decode(text)).reason();
  }

  @Test
  void encodesThePrototypesQueryResponseByteForByte() {
    EtpMessage response = prototype(MessageType.QUERY_RESPONSE, 34464, BATTERY)
        .setEnergyTotalKwh(13.5).setPercentageForSale(50).build();
    assertGolden("2 34464 50 0 0.00 0.00 13.50 50.00 0.00 0 0.00 0 0.00 0.00", response);
  }

  @Test
  void encodesTheDefaultNegotiationExchangeByteForByte() {
    // aggregator 7 queries battery 50 (13.5 kWh, 50 % for sale, reserve 14.0 c/kWh); bids 12.00 for the 6.75 kWh,
    // is rejected (below reserve), raises by 3 to 15.00 (within its maximum of 18.5), is accepted and confirms
    assertGolden("1 1001 7 0 0.00 0.00 0.00 0.00 0.00 0 0.00 0 0.00 0.00",
        prototype(MessageType.QUERY, 1001, AGGREGATOR).build());
    assertGolden("3 1002 7 0 12.00 0.00 0.00 0.00 6.75 0 0.00 0 0.00 0.00",
        prototype(MessageType.BID, 1002, AGGREGATOR).setBidPriceCPerKwh(12).setRequiredEnergyKwh(6.75).build());
    assertGolden("6 34465 50 0 12.00 0.00 0.00 0.00 6.75 0 0.00 0 0.00 0.00",
        prototype(MessageType.BID_REJECT, 34465, BATTERY).setBidPriceCPerKwh(12).setRequiredEnergyKwh(6.75)
            .build());
    assertGolden("3 1003 7 0 15.00 0.00 0.00 0.00 6.75 0 0.00 0 0.00 0.00",
        prototype(MessageType.BID, 1003, AGGREGATOR).setBidPriceCPerKwh(15).setRequiredEnergyKwh(6.75).build());
    assertGolden("4 34466 50 0 15.00 0.00 0.00 0.00 6.75 0 0.00 0 0.00 0.00",
        prototype(MessageType.BID_ACCEPT, 34466, BATTERY).setBidPriceCPerKwh(15).setRequiredEnergyKwh(6.75)
            .build());
    assertGolden("5 1004 7 0 15.00 0.00 0.00 50.00 6.75 0 0.00 0 0.00 0.00",
        prototype(MessageType.BID_CONFIRM, 1004, AGGREGATOR).setBidPriceCPerKwh(15).setPercentageForSale(50)
            .setRequiredEnergyKwh(6.75).build());
  }

  @Test
  void mapsDeviceIdToSenderIdAndSetsAllFourteenFields() {
    EtpMessage m = LegacyTextCodec.decode("9 12 50 5 0.00 0.00 13.50 0.00 0.00 0 6.25 2 51.20 3.30");
    assertEquals(MessageType.BESS_STATUS, m.getMessageType());
    assertEquals(50, m.getDeviceId());
    assertEquals("50", m.getSenderId());
    assertEquals(5, m.getTtl());
    assertEquals(1, m.getProtocolVersion());
    assertEquals(BatteryHealth.BATTERY_HEALTH_DEGRADED, m.getBatteryHealth());
    assertEquals(6.25, m.getRemainingEnergyKwh());
    assertEquals(51.2, m.getBatteryVoltageV());
    assertEquals(true, m.hasBidPriceCPerKwh() && m.hasSalePriceCPerKwh() && m.hasEnergyTotalKwh()
        && m.hasPercentageForSale() && m.hasRequiredEnergyKwh() && m.hasTerminationCode()
        && m.hasRemainingEnergyKwh() && m.hasBatteryHealth() && m.hasBatteryVoltageV() && m.hasDischargeRateKw());
  }

  @Test
  void mapsTerminationCodeIntegersToEnumNumbers() {
    EtpMessage m = LegacyTextCodec.decode("7 3 50 5 0.00 0.00 0.00 0.00 0.00 4 0.00 0 0.00 0.00");
    assertEquals(TerminationCode.TERMINATION_CODE_NO_ACCEPTABLE_BID, m.getTerminationCode());
    assertEquals("7 3 50 5 0.00 0.00 0.00 0.00 0.00 4 0.00 0 0.00 0.00", LegacyTextCodec.encode(m));
  }

  @Test
  void writesAbsentFieldsAsZeros() {
    EtpMessage sparse = EtpMessage.newBuilder().setMessageType(MessageType.QUERY).setMessageId(9).setDeviceId(7)
        .build();
    assertEquals("1 9 7 0 0.00 0.00 0.00 0.00 0.00 0 0.00 0 0.00 0.00", LegacyTextCodec.encode(sparse));
  }

  @ParameterizedTest
  @CsvSource({
      "0.125, 0.12",        // exact tie: half-to-even, as Go (Java's String.format gives 0.13)
      "0.375, 0.38",        // exact tie rounding up to even
      "2.675, 2.67",        // really 2.67499999999999982236431605997495353221893310546875
      "1.005, 1.00",        // really 1.00499999999999989341858963598497211933135986328125
      "0.015, 0.01",        // really 0.01499999999999999944488848768742172978818416595458984375
      "0.005, 0.01",        // really 0.005000000000000000104083408558608425664715468883514404296875
      "13.5, 13.50",
      "18.5, 18.50",
      "-0.001, -0.00",      // Go keeps the sign of a negative value that rounds to zero
      "-0.0, -0.00",
      "-2.675, -2.67",
      "1e20, 100000000000000000000.00"})
  void formatsFloatsLikeGo(double value, String go) {
    assertEquals(go, LegacyTextCodec.formatFloat(value));
  }

  @Test
  void differsFromJavasHalfUpFormattingOnTies() {
    assertNotEquals(String.format(Locale.ROOT, "%.2f", 0.125), LegacyTextCodec.formatFloat(0.125));
  }

  @Test
  void refusesToEncodeNonFiniteNumbersWithNonFiniteNumberReason() {
    EtpMessage nan = prototype(MessageType.BID, 1, AGGREGATOR).setBidPriceCPerKwh(Double.NaN).build();
    assertEquals(ReasonCode.REASON_CODE_NON_FINITE_NUMBER,
        assertThrows(EtpProtocolException.class, () -> LegacyTextCodec.encode(nan)).reason());
  }

  @Test
  void refusesToEncodeUnknownTypeWithUnknownTypeReason() {
    EtpMessage untyped = EtpMessage.newBuilder().setMessageId(1).build();
    assertEquals(ReasonCode.REASON_CODE_UNKNOWN_TYPE,
        assertThrows(EtpProtocolException.class, () -> LegacyTextCodec.encode(untyped)).reason());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "",
      "2 34464 50 0 0.00 0.00 13.50 50.00 0.00 0 0.00 0 0.00",            // 13 fields
      "2 34464 50 0 0.00 0.00 13.50 50.00 0.00 0 0.00 0 0.00 0.00 0.00",  // 15 fields
      "2  34464 50 0 0.00 0.00 13.50 50.00 0.00 0 0.00 0 0.00",           // double space
      "2 34464 50 0 0.00 0.00 13.50 50.00 0.00 0 0.00 0 0.00 0.00\n",     // terminator
      "2 34464 50 0 abc 0.00 13.50 50.00 0.00 0 0.00 0 0.00 0.00",        // not a number
      "2 34464 50 0 1e5 0.00 13.50 50.00 0.00 0 0.00 0 0.00 0.00",        // exponent
      "2 34464 50 0 NaN 0.00 13.50 50.00 0.00 0 0.00 0 0.00 0.00",        // NaN
      "2 34464 50 0 Infinity 0.00 13.50 50.00 0.00 0 0.00 0 0.00 0.00",   // infinity
      "2 34464 50 0 1.00d 0.00 13.50 50.00 0.00 0 0.00 0 0.00 0.00",      // Java float suffix
      "2 34464 50 0 .50 0.00 13.50 50.00 0.00 0 0.00 0 0.00 0.00",        // no integer part
      "2 34464 50 0 5. 0.00 13.50 50.00 0.00 0 0.00 0 0.00 0.00",         // no fraction digits
      "2 34464.0 50 0 0.00 0.00 13.50 50.00 0.00 0 0.00 0 0.00 0.00",     // float where int expected
      "2 +34464 50 0 0.00 0.00 13.50 50.00 0.00 0 0.00 0 0.00 0.00",      // plus sign
      "2 34464 50 2147483648 0.00 0.00 13.50 50.00 0.00 0 0.00 0 0.00 0.00",        // ttl beyond int32
      "2 99999999999999999999 50 0 0.00 0.00 13.50 50.00 0.00 0 0.00 0 0.00 0.00"}) // id beyond int64
  void rejectsMalformedTextWithMalformedReason(String text) {
    assertEquals(ReasonCode.REASON_CODE_MALFORMED, reasonOfParsing(text));
  }

  @Test
  void rejectsHugeFloatAsMalformedRatherThanInfinity() {
    String huge = "9".repeat(400);
    assertEquals(ReasonCode.REASON_CODE_MALFORMED,
        reasonOfParsing("3 1 7 0 " + huge + " 0.00 0.00 0.00 0.00 0 0.00 0 0.00 0.00"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"10", "-1", "255"})
  void rejectsTypeOutsideZeroToNineWithUnknownTypeReason(String type) {
    assertEquals(ReasonCode.REASON_CODE_UNKNOWN_TYPE,
        reasonOfParsing(type + " 34464 50 0 0.00 0.00 13.50 50.00 0.00 0 0.00 0 0.00 0.00"));
  }

  @Test
  void rejectsMoreThan1024BytesWithFrameTooLargeReason() {
    String padded = "2 34464 50 0 0.00 0.00 13.50 50.00 0.00 0 0.00 0 0.00 " + "0".repeat(1000) + ".00";
    assertEquals(ReasonCode.REASON_CODE_FRAME_TOO_LARGE, reasonOfParsing(padded));
    byte[] bytes = padded.getBytes(StandardCharsets.US_ASCII);
    assertEquals(ReasonCode.REASON_CODE_FRAME_TOO_LARGE, assertThrows(EtpProtocolException.class,
        () -> LegacyTextCodec.decode(bytes, 0, bytes.length)).reason());
  }

  @Test
  void refusesToEncodeBeyond1024BytesWithFrameTooLargeReason() {
    // each of these floats takes 312 characters, four of them more than 1024
    EtpMessage huge = prototype(MessageType.BID, 1, AGGREGATOR).setBidPriceCPerKwh(Double.MAX_VALUE)
        .setSalePriceCPerKwh(Double.MAX_VALUE).setEnergyTotalKwh(Double.MAX_VALUE)
        .setRequiredEnergyKwh(Double.MAX_VALUE).build();
    assertEquals(ReasonCode.REASON_CODE_FRAME_TOO_LARGE,
        assertThrows(EtpProtocolException.class, () -> LegacyTextCodec.encode(huge)).reason());
  }

  @Test
  void rejectsNonAsciiBytesWithMalformedReason() {
    byte[] bytes = "2 34464 50 0 0.00 0.00 13.50 50.00 0.00 0 0.00 0 0.00 0.0\u00e9"
        .getBytes(StandardCharsets.UTF_8);
    assertEquals(ReasonCode.REASON_CODE_MALFORMED, assertThrows(EtpProtocolException.class,
        () -> LegacyTextCodec.decode(bytes, 0, bytes.length)).reason());
  }
}
