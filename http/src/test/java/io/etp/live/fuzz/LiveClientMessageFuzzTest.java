package io.etp.live.fuzz;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.etp.live.ClientMessage;
import io.etp.live.EventFilter;
import io.etp.live.LiveJson;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fuzz target: the text messages a WebSocket subscriber sends to /api/live, read by {@link LiveJson#readClientMessage}
 * as the socket does. The input is the message (UTF-8).
 *
 * <p>Invariant: every message is read, to a {@link ClientMessage.Subscribe} whose filter holds only non-blank ids, or
 * refused, to a {@link ClientMessage.Invalid} with one of the documented codes (docs/api.md: {@code malformed_json},
 * {@code unknown_message}, {@code invalid_filter}) and a message; never an exception (which would fail the socket's
 * stream).
 */
class LiveClientMessageFuzzTest {

  private static final Set<String> CODES = Set.of("malformed_json", "unknown_message", "invalid_filter");
  static final AtomicLong MESSAGES = new AtomicLong();
  static final AtomicLong READ = new AtomicLong();
  static final AtomicLong REFUSED = new AtomicLong();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(LiveClientMessageFuzzTest::printFigures));
  }

  @FuzzTest(maxDuration = "20s")
  @DictionaryFile(resourcePath = "/io/etp/live/fuzz/client-messages.dict")
  void everyClientMessageIsReadOrRefused(byte[] data) {
    fuzzerTestOneInput(data);
  }

  /** Called by Jazzer's command line when the run ends. */
  public static void fuzzerTearDown() {
    printFigures();
  }

  private static void printFigures() {
    System.out.println("LiveClientMessageFuzzTest: messages=" + MESSAGES.get() + " read=" + READ.get() + " refused="
        + REFUSED.get());
  }

  /**
   * The target, also the entry point of Jazzer's command line (bench/scripts/fuzz-long.sh).
   *
   * @param data the fuzzer's input
   */
  public static void fuzzerTestOneInput(byte[] data) {
    String text = new String(data, StandardCharsets.UTF_8);
    MESSAGES.incrementAndGet();
    ClientMessage m = LiveJson.readClientMessage(text);
    if (m instanceof ClientMessage.Subscribe s) {
      EventFilter f = s.filter();
      if (f == null || f.batteries().stream().anyMatch(String::isBlank)
          || f.aggregators().stream().anyMatch(String::isBlank)) {
        throw new AssertionError("a subscription's filter holds only non-blank ids: " + text);
      }
      READ.incrementAndGet();
    } else if (m instanceof ClientMessage.Invalid invalid) {
      if (!CODES.contains(invalid.code()) || invalid.message() == null || invalid.message().isEmpty()) {
        throw new AssertionError("refused with an undocumented code or no message: " + invalid + " for " + text);
      }
      REFUSED.incrementAndGet();
    } else {
      throw new AssertionError("neither read nor refused: " + m + " for " + text);
    }
  }
}
