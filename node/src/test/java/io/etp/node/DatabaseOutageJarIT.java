package io.etp.node;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #16, "what it must show" 4: the real node jar trades on a PostgreSQL server of the test's own
 * ({@link PrivatePostgres}); the test stops that server for {@value #OUTAGE_S} s and starts it again. Readiness must
 * answer 503 within 5 s of the stop and 200 again after the start, and trading must resume (a new auction ends with a
 * winner, persisted: the outcomes logger's line) within 10 s of the start. The measured figures are printed. Runs in
 * the verify phase (failsafe), after the package phase built {@code target/etp-node.jar}.
 */
class DatabaseOutageJarIT {

  private static final Path JAR = Path.of(System.getProperty("etp.node.jar", "target/etp-node.jar"));
  private static final int OUTAGE_S = 30;
  private static final Duration READY_503_BUDGET = Duration.ofSeconds(5);
  private static final Duration TRADING_BUDGET = Duration.ofSeconds(10);
  private static final Pattern DASHBOARD = Pattern.compile("^ {2}dashboard: +(http://\\S+/)$");
  /** The outcomes logger's line of an auction that traded: logged after its AuctionEnded event was persisted. */
  private static final Pattern TRADED = Pattern.compile("outcomes\\s+auction (\\S+) battery=\\S+ mechanism=\\S+ winner=");

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final List<Process> started = new ArrayList<>();

  @TempDir
  Path dir;

  @AfterEach
  void stopWhatIsLeft() throws InterruptedException {
    for (Process p : started) {
      if (p.isAlive()) {
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void readinessFollowsADatabaseOutageAndTradingResumesWithinTenSecondsOfItsReturn() throws Exception {
    assertTrue(Files.isRegularFile(JAR), JAR.toAbsolutePath() + " is missing: run the package phase first");
    try (PrivatePostgres pg = PrivatePostgres.start()) {
      pg.createDatabase("secfinish_outage");
      Path log = dir.resolve("node.log");
      Process node = start(Map.of("ETP_DB_URL", pg.jdbcUrl("secfinish_outage") + "?reWriteBatchedInserts=true",
          "ETP_DB_USER", "postgres"), log);
      String base = awaitBanner(node, log);
      awaitStatus(base + "health/ready", 200, Duration.ofSeconds(60));
      awaitTradesAfter(0, log, Duration.ofSeconds(120));

      long stopped = System.nanoTime();
      pg.stopServer("fast");
      long stopMs = ms(System.nanoTime() - stopped);
      long notReadyMs = ms(awaitStatus(base + "health/ready", 503, Duration.ofSeconds(30)) - stopped);
      Thread.sleep(Math.max(0, TimeUnit.SECONDS.toMillis(OUTAGE_S) - ms(System.nanoTime() - stopped)));
      assertTrue(node.isAlive(), "the node exited during the outage:\n" + tail(log));
      int tradedBefore = traded(log).size();

      long back = System.nanoTime();
      pg.startServer();
      long startMs = ms(System.nanoTime() - back);
      long readyMs = ms(awaitStatus(base + "health/ready", 200, Duration.ofSeconds(60)) - back);
      long tradeMs = ms(awaitTradesAfter(tradedBefore, log, Duration.ofSeconds(90)) - back);

      System.out.printf("database outage of %d s (pg_ctl stop -m fast took %d ms, start %d ms): /health/ready 503 "
              + "%d ms after the stop, 200 %d ms after the start; first trade %d ms after the start "
              + "(load average %s)%n", OUTAGE_S, stopMs, startMs, notReadyMs, readyMs, tradeMs, loadAverage());
      assertTrue(notReadyMs <= READY_503_BUDGET.toMillis(), "503 only " + notReadyMs + " ms after the stop");
      assertTrue(tradeMs <= TRADING_BUDGET.toMillis(), "first trade " + tradeMs + " ms after the database's return:\n"
          + tail(log));
      assertTrue(node.isAlive(), "the node exited:\n" + tail(log));
    }
  }

  private Process start(Map<String, String> env, Path log) throws IOException {
    String host = "127.0.5." + ThreadLocalRandom.current().nextInt(100, 250);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(java, "-Xmx768m", "-jar", JAR.toAbsolutePath().toString(),
        "--postgres").directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> environment = builder.environment();
    environment.keySet().removeIf(k -> k.startsWith("ETP_"));
    environment.putAll(Map.of("ETP_HTTP_HOST", host, "ETP_HTTP_PORT", "0", "ETP_EDGE_HOST", host,
        "ETP_EDGE_PORT", "0", "ETP_REMOTE_HOST", host, "ETP_REMOTE_PORT", "0"));
    environment.putAll(env);
    Process p = builder.start();
    started.add(p);
    return p;
  }

  /** Waits for the start banner and returns the dashboard's URL from it. */
  private static String awaitBanner(Process node, Path log) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
    while (System.nanoTime() < deadline) {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      if (lines.contains("ETP node ready")) {
        for (String line : lines) {
          Matcher m = DASHBOARD.matcher(line);
          if (m.matches()) {
            return m.group(1);
          }
        }
        fail("the banner shows no dashboard URL:\n" + String.join("\n", lines));
      }
      if (!node.isAlive()) {
        fail("the node exited with " + node.exitValue() + " before it was ready:\n" + String.join("\n", lines));
      }
      Thread.sleep(250);
    }
    fail("no start banner within 180 s:\n" + Files.readString(log));
    return null;
  }

  /** Polls {@code url} every 100 ms until it answers {@code status}; returns System.nanoTime() of that answer. */
  private long awaitStatus(String url, int status, Duration limit) throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    int last = -1;
    while (System.nanoTime() < deadline) {
      try {
        last = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).GET().build(),
            HttpResponse.BodyHandlers.discarding()).statusCode();
        if (last == status) {
          return System.nanoTime();
        }
      } catch (IOException e) {
        last = -1; // a request that timed out: the route must never block, so keep asking
      }
      Thread.sleep(100);
    }
    fail(url + " did not answer " + status + " within " + limit + " (last " + last + ")");
    return 0;
  }

  /** Waits until the log holds more than {@code before} traded auctions; returns System.nanoTime() then. */
  private static long awaitTradesAfter(int before, Path log, Duration limit) throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      if (traded(log).size() > before) {
        return System.nanoTime();
      }
      Thread.sleep(100);
    }
    fail("no trade within " + limit + " (" + before + " before):\n" + tail(log));
    return 0;
  }

  private static List<String> traded(Path log) throws IOException {
    List<String> ids = new ArrayList<>();
    for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
      Matcher m = TRADED.matcher(line);
      if (m.find()) {
        ids.add(m.group(1));
      }
    }
    return ids;
  }

  private static long ms(long nanos) {
    return TimeUnit.NANOSECONDS.toMillis(nanos);
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static String tail(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size()));
  }
}
