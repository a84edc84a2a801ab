package io.etp.protocol.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.etp.protocol.EtpCodec;
import io.etp.protocol.TestMessages;
import io.etp.protocol.legacy.LegacyTextCodec;
import io.etp.protocol.signing.MessageSigner;
import io.etp.protocol.signing.SignatureVerifier;
import io.etp.protocol.v1.EtpMessage;
import io.etp.protocol.validation.MessageValidator;
import io.etp.protocol.validation.ValidationLimits;

/**
 * Fuzz target: one frame's payload through the binary codec. The bytes are decoded ({@link EtpCodec}) and validated
 * ({@link MessageValidator}); a decoded message must then sign and verify after a trip over the wire whatever its
 * field values (NaN bit patterns, unknown enum numbers, unknown fields), and its legacy text, when the legacy format
 * can carry it, must parse again.
 */
class EtpMessageFuzzTest {

  private static final MessageValidator VALIDATOR = new MessageValidator(ValidationLimits.DEFAULTS,
      TestMessages.CLOCK);
  private static final SignatureVerifier VERIFIER = new SignatureVerifier(TestMessages.keyStore());

  @FuzzTest(maxDuration = FuzzChecks.CI_DURATION)
  void payloadIsDecodedAndValidatedOrRefused(byte[] data) {
    fuzzerTestOneInput(data);
  }

  /**
   * The target, also the entry point of Jazzer's command line (bench/scripts/fuzz-long.sh).
   *
   * @param data the fuzzer's input: one frame's payload
   */
  public static void fuzzerTestOneInput(byte[] data) {
    EtpMessage m = FuzzChecks.decodedOrRefused(() -> EtpCodec.decode(data));
    if (m == null) {
      return;
    }
    FuzzChecks.isValid(VALIDATOR.validate(m));

    EtpMessage signed = MessageSigner.sign(m.toBuilder().setSenderId(TestMessages.BATTERY).build(),
        TestMessages.testKey(TestMessages.BATTERY));
    EtpMessage received = EtpCodec.decode(EtpCodec.encode(signed));
    FuzzChecks.check(FuzzChecks.isValid(VERIFIER.verify(received, TestMessages.NOW)),
        "a message signed with a valid key verifies after a trip over the wire");

    String text = FuzzChecks.decodedOrRefused(() -> LegacyTextCodec.encode(m));
    if (text != null) {
      FuzzChecks.check(FuzzChecks.decodedOrRefused(() -> LegacyTextCodec.parse(text)) != null,
          "legacy text written by the encoder parses again: " + text);
    }
  }
}
