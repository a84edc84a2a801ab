package io.etp.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.etp.protocol.v1.EtpMessage;
import io.etp.protocol.v1.MessageType;
import io.etp.protocol.v1.ReasonCode;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class EtpCodecTest {

  @Test
  void decodesWhatItEncodes() {
    EtpMessage bid = TestMessages.signed(MessageType.BID);
    assertEquals(bid, EtpCodec.decode(EtpCodec.encode(bid)));
  }

  @Test
  void decodesFromAnOffset() {
    byte[] encoded = EtpCodec.encode(TestMessages.signed(MessageType.QUERY));
    byte[] padded = new byte[encoded.length + 10];
    System.arraycopy(encoded, 0, padded, 7, encoded.length);
    assertEquals(TestMessages.signed(MessageType.QUERY), EtpCodec.decode(padded, 7, encoded.length));
  }

  @Test
  void encodesIntoAnArrayLikeEncode() {
    EtpMessage status = TestMessages.signed(MessageType.BESS_STATUS);
    byte[] target = new byte[status.getSerializedSize() + 3];
    int written = EtpCodec.encodeInto(status, target, 3);
    assertArrayEquals(EtpCodec.encode(status), Arrays.copyOfRange(target, 3, 3 + written));
  }

  @Test
  void keepsRegisterDistinctFromAbsentType() {
    EtpMessage register = TestMessages.minimal(MessageType.REGISTER).build();
    EtpMessage decoded = EtpCodec.decode(EtpCodec.encode(register));
    assertEquals(true, decoded.hasMessageType());
    assertEquals(MessageType.REGISTER, decoded.getMessageType());
    assertEquals(false, EtpCodec.decode(EtpCodec.encode(register.toBuilder().clearMessageType().build()))
        .hasMessageType());
  }

  @Test
  void rejectsTruncatedMessageWithMalformedReason() {
    byte[] encoded = EtpCodec.encode(TestMessages.signed(MessageType.BID));
    EtpProtocolException e = assertThrows(EtpProtocolException.class,
        () -> EtpCodec.decode(Arrays.copyOf(encoded, encoded.length - 3)));
    assertEquals(ReasonCode.REASON_CODE_MALFORMED, e.reason());
  }

  @Test
  void rejectsGarbageWithMalformedReason() {
    // field 2 (message_type) with wire type 7, which does not exist
    EtpProtocolException e =
        assertThrows(EtpProtocolException.class, () -> EtpCodec.decode(new byte[] {0x17, 0x01}));
    assertEquals(ReasonCode.REASON_CODE_MALFORMED, e.reason());
  }

  @Test
  void rejectsInvalidUtf8InAStringWithMalformedReason() {
    // field 5 (sender_id), length 2, bytes C3 28: not UTF-8
    EtpProtocolException e = assertThrows(EtpProtocolException.class,
        () -> EtpCodec.decode(HexFormat.of().parseHex("2a02c328")));
    assertEquals(ReasonCode.REASON_CODE_MALFORMED, e.reason());
  }

  @Test
  void rejectsOverlongVarintWithMalformedReason() {
    byte[] bytes = {0x18, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff,
        (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x01};
    assertEquals(ReasonCode.REASON_CODE_MALFORMED,
        assertThrows(EtpProtocolException.class, () -> EtpCodec.decode(bytes)).reason());
  }

  @Test
  void keepsUnknownEnumNumberForTheValidatorToReject() {
    // field 2 (message_type) = 42
    EtpMessage decoded = EtpCodec.decode(new byte[] {0x10, 42});
    assertEquals(MessageType.UNRECOGNIZED, decoded.getMessageType());
    assertEquals(42, decoded.getMessageTypeValue());
  }
}
