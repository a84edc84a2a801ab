package io.etp.protocol.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.etp.protocol.EtpCodec;
import io.etp.protocol.TestMessages;
import io.etp.protocol.framing.FrameDecoder;
import io.etp.protocol.signing.CanonicalForm;
import io.etp.protocol.v1.EtpMessage;
import io.etp.protocol.validation.ConnectionAuthenticator;
import io.etp.protocol.validation.ConnectionState;
import io.etp.protocol.validation.MessageGate;
import io.etp.protocol.validation.ValidationLimits;
import java.util.ArrayList;
import java.util.List;

/**
 * Fuzz target: a device connection's inbound byte stream, as the gateway reads it. The stream is cut into chunks,
 * fed to a {@link FrameDecoder}; each frame is decoded ({@link EtpCodec}) and passed through the connection's
 * {@link ConnectionAuthenticator} (hello, then {@link MessageGate}: validation, signature with the test keys at
 * {@link TestMessages#NOW}, replay). Input layout: byte 0 chooses the chunk size (1..256), the rest is the stream.
 *
 * <p>Invariants besides the contract of {@link FuzzChecks}: the decoder never holds more than a header and one
 * maximum payload; a decoded message re-encodes to a message equal to it; its canonical form is defined.
 */
class FrameStreamFuzzTest {

  @FuzzTest(maxDuration = FuzzChecks.CI_DURATION)
  void framedStreamIsDecodedAndValidatedOrRefused(byte[] data) {
    fuzzerTestOneInput(data);
  }

  /**
   * The target, also the entry point of Jazzer's command line (bench/scripts/fuzz-long.sh).
   *
   * @param data the fuzzer's input
   */
  public static void fuzzerTestOneInput(byte[] data) {
    if (data.length == 0) {
      return;
    }
    int chunk = 1 + (data[0] & 0xFF);
    FrameDecoder decoder = FrameDecoder.withDefaultLimit();
    ConnectionAuthenticator auth = new ConnectionAuthenticator(
        MessageGate.create(ValidationLimits.DEFAULTS, TestMessages.keyStore(), TestMessages.CLOCK));
    ConnectionState state = ConnectionState.AwaitingHello.INSTANCE;
    for (int pos = 1; pos < data.length; pos += chunk) {
      int offset = pos;
      int length = Math.min(chunk, data.length - pos);
      List<byte[]> frames = new ArrayList<>();
      Boolean fed = FuzzChecks.decodedOrRefused(() -> {
        decoder.feed(data, offset, length, frames::add);
        return Boolean.TRUE;
      });
      FuzzChecks.check(decoder.bufferedBytes() <= FrameDecoder.HEADER_BYTES + FrameDecoder.DEFAULT_MAX_FRAME_BYTES,
          "the decoder holds at most a header and one maximum payload");
      for (byte[] frame : frames) {
        state = onFrame(auth, state, frame);
      }
      if (fed == null) {
        return; // a framing error closes the connection: the stream position is lost
      }
    }
    FuzzChecks.decodedOrRefused(() -> {
      decoder.finish();
      return Boolean.TRUE;
    });
  }

  private static ConnectionState onFrame(ConnectionAuthenticator auth, ConnectionState state, byte[] frame) {
    FuzzChecks.check(frame.length >= 1 && frame.length <= FrameDecoder.DEFAULT_MAX_FRAME_BYTES,
        "a frame's payload is 1..max bytes");
    EtpMessage m = FuzzChecks.decodedOrRefused(() -> EtpCodec.decode(frame));
    if (m == null) {
      return state;
    }
    FuzzChecks.check(m.equals(EtpCodec.decode(EtpCodec.encode(m))), "a decoded message survives re-encoding");
    FuzzChecks.check(CanonicalForm.of(m).length > 0, "every decoded message has a canonical form");
    ConnectionAuthenticator.Transition t = auth.onMessage(state, m);
    FuzzChecks.check(t != null && t.next() != null, "the authenticator always names the next state");
    FuzzChecks.isValid(t.result());
    return t.next();
  }
}
