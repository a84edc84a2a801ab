package io.etp.protocol.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.google.protobuf.ByteString;
import io.etp.protocol.TestMessages;
import io.etp.protocol.ValidationResult;
import io.etp.protocol.v1.EtpMessage;
import io.etp.protocol.v1.MessageType;
import io.etp.protocol.v1.ReasonCode;
import org.junit.jupiter.api.Test;

class MessageGateTest {

  private final MessageGate gate =
      MessageGate.create(ValidationLimits.DEFAULTS, TestMessages.keyStore(), TestMessages.CLOCK);

  private static ReasonCode reasonOf(ValidationResult result) {
    return assertInstanceOf(ValidationResult.Invalid.class, result).reason();
  }

  @Test
  void admitsAValidSignedMessageOnce() {
    EtpMessage bid = TestMessages.signed(MessageType.BID);
    assertEquals(ValidationResult.valid(), gate.admit(bid));
    assertEquals(ReasonCode.REASON_CODE_REPLAYED, reasonOf(gate.admit(bid)));
  }

  @Test
  void rejectsUnsignedMessageWithMissingSignatureReason() {
    assertEquals(ReasonCode.REASON_CODE_MISSING_SIGNATURE,
        reasonOf(gate.admit(TestMessages.minimal(MessageType.QUERY).build())));
  }

  @Test
  void forgedMessageDoesNotPoisonTheReplayCache() {
    EtpMessage genuine = TestMessages.signed(MessageType.BID);
    byte[] badTag = genuine.getHmacSha256().toByteArray();
    badTag[0] ^= 1;
    EtpMessage forged = genuine.toBuilder().setHmacSha256(ByteString.copyFrom(badTag)).build();
    assertEquals(ReasonCode.REASON_CODE_BAD_SIGNATURE, reasonOf(gate.admit(forged)));
    assertEquals(ReasonCode.REASON_CODE_BAD_SIGNATURE, reasonOf(gate.admit(forged)));
    assertEquals(ValidationResult.valid(), gate.admit(genuine));
  }

  @Test
  void checksContentBeforeSignature() {
    EtpMessage negative = TestMessages.sign(TestMessages.minimal(MessageType.BID).setBidPriceCPerKwh(-1).build());
    assertEquals(ReasonCode.REASON_CODE_NEGATIVE_PRICE, reasonOf(gate.admit(negative)));
    EtpMessage unsignedNegative = TestMessages.minimal(MessageType.BID).setBidPriceCPerKwh(-1).build();
    assertEquals(ReasonCode.REASON_CODE_NEGATIVE_PRICE, reasonOf(gate.admit(unsignedNegative)));
  }

  @Test
  void invalidMessageDoesNotTakeItsIdInTheReplayCache() {
    EtpMessage expired = TestMessages.sign(
        TestMessages.minimal(MessageType.BID).setTtl(0).build());
    assertEquals(ReasonCode.REASON_CODE_TTL_EXPIRED, reasonOf(gate.admit(expired)));
    assertEquals(ValidationResult.valid(), gate.admit(TestMessages.signed(MessageType.BID)));
  }
}
