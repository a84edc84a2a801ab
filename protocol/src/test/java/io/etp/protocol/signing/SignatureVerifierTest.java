package io.etp.protocol.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.ByteString;
import io.etp.protocol.TestMessages;
import io.etp.protocol.ValidationResult;
import io.etp.protocol.v1.EtpMessage;
import io.etp.protocol.v1.MessageType;
import io.etp.protocol.v1.ReasonCode;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SignatureVerifierTest {

  private final InMemoryKeyStore keys = TestMessages.keyStore();
  private final SignatureVerifier verifier = new SignatureVerifier(keys);

  private ReasonCode reasonOf(EtpMessage message, Instant at) {
    return assertInstanceOf(ValidationResult.Invalid.class, verifier.verify(message, at)).reason();
  }

  @Test
  void verifiesMessageSignedWithTheSendersKey() {
    EtpMessage signed = TestMessages.signed(MessageType.BID);
    assertEquals("test-key-1", signed.getKeyId());
    assertEquals(32, signed.getHmacSha256().size());
    assertEquals(ValidationResult.valid(), verifier.verify(signed, TestMessages.NOW));
  }

  @Test
  void rejectsMessageWithoutKeyIdOrTagWithMissingSignatureReason() {
    EtpMessage signed = TestMessages.signed(MessageType.BID);
    assertEquals(ReasonCode.REASON_CODE_MISSING_SIGNATURE,
        reasonOf(TestMessages.minimal(MessageType.BID).build(), TestMessages.NOW));
    assertEquals(ReasonCode.REASON_CODE_MISSING_SIGNATURE,
        reasonOf(signed.toBuilder().clearHmacSha256().build(), TestMessages.NOW));
    assertEquals(ReasonCode.REASON_CODE_MISSING_SIGNATURE,
        reasonOf(signed.toBuilder().clearKeyId().build(), TestMessages.NOW));
  }

  @Test
  void rejectsUnknownKeyIdWithUnknownKeyReason() {
    DeviceKey other = DeviceKey.of(TestMessages.BATTERY, "never-registered", TestMessages.testSecret(),
        Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z"));
    EtpMessage signed = MessageSigner.sign(TestMessages.minimal(MessageType.BID).build(), other);
    assertEquals(ReasonCode.REASON_CODE_UNKNOWN_KEY, reasonOf(signed, TestMessages.NOW));
  }

  @Test
  void rejectsUnknownSenderWithUnknownKeyReason() {
    DeviceKey strangerKey = TestMessages.testKey("stranger");
    EtpMessage signed =
        MessageSigner.sign(TestMessages.minimal(MessageType.BID).setSenderId("stranger").build(), strangerKey);
    assertEquals(ReasonCode.REASON_CODE_UNKNOWN_KEY, reasonOf(signed, TestMessages.NOW));
  }

  @Test
  void rejectsKeyOutsideItsValidityWindowWithUnknownKeyReason() {
    EtpMessage signed = TestMessages.signed(MessageType.BID);
    assertEquals(ReasonCode.REASON_CODE_UNKNOWN_KEY, reasonOf(signed, Instant.parse("2027-01-01T00:00:00Z")));
    assertEquals(ReasonCode.REASON_CODE_UNKNOWN_KEY, reasonOf(signed, Instant.parse("2025-12-31T23:59:59Z")));
    assertEquals(ValidationResult.valid(), verifier.verify(signed, Instant.parse("2026-12-31T23:59:59.999Z")));
  }

  @Test
  void rejectsRevokedKeyWithUnknownKeyReason() {
    EtpMessage signed = TestMessages.signed(MessageType.BID);
    keys.remove(TestMessages.BATTERY, "test-key-1");
    assertEquals(ReasonCode.REASON_CODE_UNKNOWN_KEY, reasonOf(signed, TestMessages.NOW));
  }

  @Test
  void rejectsTamperedFieldWithBadSignatureReason() {
    EtpMessage signed = TestMessages.signed(MessageType.BID);
    assertEquals(ReasonCode.REASON_CODE_BAD_SIGNATURE,
        reasonOf(signed.toBuilder().setBidPriceCPerKwh(99).build(), TestMessages.NOW));
    assertEquals(ReasonCode.REASON_CODE_BAD_SIGNATURE,
        reasonOf(signed.toBuilder().setMessageId(signed.getMessageId() + 1).build(), TestMessages.NOW));
    assertEquals(ReasonCode.REASON_CODE_BAD_SIGNATURE,
        reasonOf(signed.toBuilder().clearReservePriceCPerKwh().setReservePriceCPerKwh(0).build(),
            TestMessages.NOW));
  }

  @Test
  void rejectsTagOfWrongLengthOrFromAnotherKeyWithBadSignatureReason() {
    EtpMessage signed = TestMessages.signed(MessageType.BID);
    ByteString shortTag = signed.getHmacSha256().substring(0, 16);
    assertEquals(ReasonCode.REASON_CODE_BAD_SIGNATURE,
        reasonOf(signed.toBuilder().setHmacSha256(shortTag).build(), TestMessages.NOW));
    byte[] otherSecret = TestMessages.testSecret();
    otherSecret[0] ^= 1;
    DeviceKey impostor = DeviceKey.of(TestMessages.BATTERY, "test-key-1", otherSecret,
        Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z"));
    EtpMessage forged = MessageSigner.sign(TestMessages.minimal(MessageType.BID).build(), impostor);
    assertEquals(ReasonCode.REASON_CODE_BAD_SIGNATURE, reasonOf(forged, TestMessages.NOW));
  }

  @Test
  void acceptsBothKeysDuringARotationOverlap() {
    byte[] newSecret = new byte[32];
    newSecret[31] = 7;
    DeviceKey next = DeviceKey.of(TestMessages.BATTERY, "test-key-2", newSecret,
        Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2027-06-01T00:00:00Z"));
    keys.add(next);
    EtpMessage oldSigned = TestMessages.signed(MessageType.BID);
    EtpMessage newSigned = MessageSigner.sign(TestMessages.minimal(MessageType.BID).build(), next);
    assertEquals(ValidationResult.valid(), verifier.verify(oldSigned, TestMessages.NOW));
    assertEquals(ValidationResult.valid(), verifier.verify(newSigned, TestMessages.NOW));
    assertEquals(next, keys.signingKey(TestMessages.BATTERY, TestMessages.NOW).orElseThrow());
    Instant afterOldExpired = Instant.parse("2027-02-01T00:00:00Z");
    assertEquals(ReasonCode.REASON_CODE_UNKNOWN_KEY, reasonOf(oldSigned, afterOldExpired));
    assertEquals(ValidationResult.valid(), verifier.verify(newSigned, afterOldExpired));
  }

  @Test
  void refusesToSignAnotherSendersMessage() {
    EtpMessage fromAggregator = TestMessages.minimal(MessageType.BID).setSenderId(TestMessages.AGGREGATOR).build();
    assertThrows(IllegalArgumentException.class,
        () -> MessageSigner.sign(fromAggregator, TestMessages.testKey(TestMessages.BATTERY)));
  }

  @Test
  void resigningReplacesTheOldTag() {
    EtpMessage signed = TestMessages.signed(MessageType.BID);
    EtpMessage changed = TestMessages.sign(signed.toBuilder().setBidPriceCPerKwh(15).build());
    assertEquals(ValidationResult.valid(), verifier.verify(changed, TestMessages.NOW));
  }
}
