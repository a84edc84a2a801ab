package io.etp.protocol.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.etp.protocol.TestMessages;
import io.etp.protocol.legacy.LegacyMessage;
import io.etp.protocol.legacy.LegacyTextCodec;
import io.etp.protocol.v1.EtpMessage;
import io.etp.protocol.validation.MessageValidator;
import io.etp.protocol.validation.ValidationLimits;

/**
 * Fuzz target: one read from a legacy (Go prototype) peer. The bytes are parsed by {@link LegacyTextCodec} and the
 * message validated ({@link MessageValidator}, as the legacy listener does). A parsed message, written back as legacy
 * text, must parse again, and writing that once more gives the same text (formatting is idempotent after rounding to
 * two decimals).
 */
class LegacyTextFuzzTest {

  private static final MessageValidator VALIDATOR = new MessageValidator(ValidationLimits.DEFAULTS,
      TestMessages.CLOCK);

  @FuzzTest(maxDuration = FuzzChecks.CI_DURATION)
  void legacyReadIsParsedAndValidatedOrRefused(byte[] data) {
    fuzzerTestOneInput(data);
  }

  /**
   * The target, also the entry point of Jazzer's command line (bench/scripts/fuzz-long.sh).
   *
   * @param data the fuzzer's input: one read of up to 1024 bytes (longer ones are refused)
   */
  public static void fuzzerTestOneInput(byte[] data) {
    EtpMessage m = FuzzChecks.decodedOrRefused(() -> LegacyTextCodec.decode(data, 0, data.length));
    if (m == null) {
      return;
    }
    FuzzChecks.isValid(VALIDATOR.validate(m.toBuilder().setSentAtMs(TestMessages.NOW.toEpochMilli()).build()));
    String text = FuzzChecks.decodedOrRefused(() -> LegacyTextCodec.format(LegacyMessage.fromEtp(m)));
    if (text == null) {
      return;
    }
    LegacyMessage again = FuzzChecks.decodedOrRefused(() -> LegacyTextCodec.parse(text));
    FuzzChecks.check(again != null, "legacy text written by the encoder parses again: " + text);
    FuzzChecks.check(text.equals(LegacyTextCodec.format(again)), "formatting is idempotent: " + text);
  }
}
