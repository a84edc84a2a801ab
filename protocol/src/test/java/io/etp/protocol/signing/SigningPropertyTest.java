package io.etp.protocol.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etp.protocol.EtpArbitraries;
import io.etp.protocol.EtpCodec;
import io.etp.protocol.EtpProtocolException;
import io.etp.protocol.TestMessages;
import io.etp.protocol.ValidationResult;
import io.etp.protocol.v1.EtpMessage;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Signing and verification over arbitrary messages; any single-bit change is detected. */
class SigningPropertyTest {

  private static final DeviceKey KEY = TestMessages.testKey(TestMessages.BATTERY);
  private final SignatureVerifier verifier = new SignatureVerifier(TestMessages.keyStore());

  @Property(tries = 5_000)
  void verifiesWhatItSigns(@ForAll("batteryMessages") EtpMessage message) {
    EtpMessage signed = MessageSigner.sign(message, KEY);
    assertEquals(ValidationResult.valid(), verifier.verify(signed, TestMessages.NOW));
    assertEquals(ValidationResult.valid(), verifier.verify(EtpCodec.decode(EtpCodec.encode(signed)),
        TestMessages.NOW));
  }

  @Property(tries = 5_000)
  void detectsAnySingleBitFlipInTheCanonicalBytes(@ForAll("batteryMessages") EtpMessage message,
      @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE - 1) int position) {
    EtpMessage signed = MessageSigner.sign(message, KEY);
    byte[] canonical = flipBit(CanonicalForm.of(signed), position);
    assertFalse(HmacSha256.matches(KEY, canonical, signed.getHmacSha256().toByteArray()));
  }

  @Property(tries = 5_000)
  void rejectsAnySingleBitFlipInTheSignedWireBytes(@ForAll("batteryMessages") EtpMessage message,
      @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE - 1) int position) {
    EtpMessage signed = MessageSigner.sign(message, KEY);
    byte[] wire = flipBit(EtpCodec.encode(signed), position);
    EtpMessage decoded;
    try {
      decoded = EtpCodec.decode(wire);
    } catch (EtpProtocolException malformed) {
      return;
    }
    ValidationResult result = verifier.verify(decoded, TestMessages.NOW);
    assertTrue(!result.isValid() || decoded.equals(signed), () -> "a flipped message verified: " + decoded);
  }

  /** Flips bit {@code position} modulo the number of bits. */
  private static byte[] flipBit(byte[] bytes, int position) {
    int bit = position % (bytes.length * 8);
    bytes[bit / 8] ^= (byte) (1 << (bit % 8));
    return bytes;
  }

  @Provide
  Arbitrary<EtpMessage> batteryMessages() {
    return EtpArbitraries.anyBatteryMessage();
  }
}
