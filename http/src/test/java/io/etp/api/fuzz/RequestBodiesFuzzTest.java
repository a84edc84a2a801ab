package io.etp.api.fuzz;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.etp.api.ApiFailures;
import io.etp.api.BodyReaders;
import io.etp.web.ApiProblem;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fuzz target: every REST JSON body reader ({@link BodyReaders#ALL}) fed arbitrary text. Input layout: byte 0 picks the
 * reader, the rest is the body (UTF-8, malformed sequences replaced as the HTTP layer's string unmarshaller does).
 *
 * <p>Invariant: the body is read (a non-null command) or refused with what the route would answer 400 with a reason
 * code and a message, found through the one failure mapping the routes use ({@link ApiFailures#problemFor}); any
 * failure it would map to another status (500 for an unexpected exception) is a finding. Counts of read and refused
 * bodies are printed when the fuzzer stops.
 */
class RequestBodiesFuzzTest {

  static final AtomicLong BODIES = new AtomicLong();
  static final AtomicLong READ = new AtomicLong();
  static final AtomicLong REFUSED = new AtomicLong();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(RequestBodiesFuzzTest::printFigures));
  }

  @FuzzTest(maxDuration = "20s")
  @DictionaryFile(resourcePath = "/io/etp/api/fuzz/bodies.dict")
  void everyBodyIsReadOrRefusedWith400(byte[] data) {
    fuzzerTestOneInput(data);
  }

  /** Called by Jazzer's command line when the run ends. */
  public static void fuzzerTearDown() {
    printFigures();
  }

  private static void printFigures() {
    System.out.println("RequestBodiesFuzzTest: bodies=" + BODIES.get() + " read=" + READ.get() + " refused400="
        + REFUSED.get());
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
    BodyReaders.Reader reader = BodyReaders.ALL.get((data[0] & 0xFF) % BodyReaders.ALL.size());
    String body = new String(data, 1, data.length - 1, StandardCharsets.UTF_8);
    BODIES.incrementAndGet();
    Object read;
    try {
      read = reader.read().apply(body);
    } catch (RuntimeException e) {
      ApiProblem problem = ApiFailures.problemFor(e);
      if (problem.status().intValue() != 400 || problem.code() == null || problem.code().isEmpty()
          || problem.message() == null || problem.message().isEmpty()) {
        throw new AssertionError(reader.route() + " answers " + problem.status() + " " + problem.code()
            + " instead of read or 400 with a reason, for body: " + body, e);
      }
      REFUSED.incrementAndGet();
      return;
    }
    if (read == null) {
      throw new AssertionError(reader.route() + " read a body to null: " + body);
    }
    READ.incrementAndGet();
  }
}
