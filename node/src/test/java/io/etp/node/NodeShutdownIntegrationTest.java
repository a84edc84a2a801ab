package io.etp.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real node jar ({@code target/etp-node.jar}, built by the package phase; this test runs in the verify
 * phase, by maven-failsafe), lets its simulated fleet trade, sends SIGTERM ({@link Process#destroy()}) and checks
 * what an operator sees: the process exits 0 within 10 s, its log holds no ERROR and no stack trace, and after a
 * restart on the same database every trade the node reported before the stop is in the trade history (which the
 * read-model projections build from the journal). Each node binds HTTP, the device gateway and remoting to port 0
 * on a loopback address of its own, so it collides with no other node on the machine.
 */
class NodeShutdownIntegrationTest {

  private static final Path JAR = Path.of(System.getProperty("etp.node.jar", "target/etp-node.jar"));
  private static final Duration STOP_BUDGET = Duration.ofSeconds(10);
  private static final Pattern DASHBOARD = Pattern.compile("^ {2}dashboard: +(http://\\S+/)$");
  /** The outcomes logger's line of an auction that traded: logged after its AuctionEnded event was persisted. */
  private static final Pattern TRADED = Pattern.compile("outcomes\\s+auction (\\S+) battery=\\S+ mechanism=\\S+ winner=");
  private static final Pattern STACK_TRACE = Pattern.compile("^\\s+at |^Caused by: |^\\s+\\.\\.\\. \\d+ more|Exception:");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
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
  void sigtermOnH2ExitsZeroWithinTenSecondsAndKeepsEveryTrade() throws Exception {
    tradeStopAndRestart(List.of(), Map.of());
  }

  @Test
  void sigtermOnPostgresExitsZeroWithinTenSecondsAndKeepsEveryTrade() throws Exception {
    String schema = "etp_shutdown_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    String server = System.getProperty("etp.test.postgres", "jdbc:postgresql://127.0.0.1:5432/postgres");
    try (Connection c = DriverManager.getConnection(server, "postgres", ""); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    }
    try {
      tradeStopAndRestart(List.of("--postgres"),
          Map.of("ETP_DB_URL", server + "?currentSchema=" + schema + "&reWriteBatchedInserts=true",
              "ETP_DB_USER", "postgres"));
    } finally {
      try (Connection c = DriverManager.getConnection(server, "postgres", ""); Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA " + schema + " CASCADE");
      }
    }
  }

  private void tradeStopAndRestart(List<String> args, Map<String, String> env) throws Exception {
    assertTrue(Files.isRegularFile(JAR), JAR.toAbsolutePath() + " is missing: run the package phase first");
    String host = "127.0.0." + ThreadLocalRandom.current().nextInt(100, 250);

    Path firstLog = dir.resolve("first.log");
    Process first = start(args, env, host, firstLog);
    String base = awaitBanner(first, firstLog);
    Set<String> reported = awaitTrades(base, first, firstLog);
    Thread.sleep(5_000); // trading goes on: auctions are open and persists in flight when the signal comes
    reported.addAll(tradeIds(get(base + "api/trades?limit=1000")));

    stopAndCheck(first, firstLog);
    reported.addAll(tradedInLog(firstLog)); // every trade logged up to the exit, the shutdown's included
    assertFalse(reported.isEmpty());

    Path secondLog = dir.resolve("second.log");
    List<String> again = new ArrayList<>(args);
    again.add("--no-fleet");
    Process second = start(again, env, host, secondLog);
    String restarted = awaitBanner(second, secondLog);
    Set<String> missing = awaitHistory(restarted, reported);
    assertTrue(missing.isEmpty(), missing.size() + " of " + reported.size()
        + " trades reported before the stop are not in the history after the restart: " + missing);
    System.out.printf("%s: all %d trades reported before SIGTERM are in the history after the restart%n",
        args.isEmpty() ? "H2" : "PostgreSQL", reported.size());
    stopAndCheck(second, secondLog);
  }

  private Process start(List<String> args, Map<String, String> env, String host, Path log) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-Xmx768m", "-jar", JAR.toAbsolutePath().toString()));
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile());
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

  private Set<String> awaitTrades(String base, Process node, Path log) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      Set<String> trades = tradeIds(get(base + "api/trades?limit=1000"));
      if (!trades.isEmpty()) {
        return trades;
      }
      assertTrue(node.isAlive(), "the node stopped while waiting for trades");
      Thread.sleep(500);
    }
    fail("no trade within 120 s:\n" + Files.readString(log));
    return null;
  }

  /** SIGTERM, then: exit status 0 within the budget, and a log without ERROR lines or stack traces. */
  private static void stopAndCheck(Process node, Path log) throws Exception {
    long signalled = System.nanoTime();
    node.destroy(); // SIGTERM on Linux
    boolean exited = node.waitFor(STOP_BUDGET.toMillis(), TimeUnit.MILLISECONDS);
    long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - signalled);
    String text = Files.readString(log);
    assertTrue(exited, "still running " + STOP_BUDGET.toSeconds() + " s after SIGTERM:\n" + tail(text));
    assertEquals(0, node.exitValue(), "exit status after SIGTERM (" + tookMs + " ms):\n" + tail(text));
    List<String> errors = text.lines().filter(l -> l.contains(" ERROR ")).toList();
    assertTrue(errors.isEmpty(), "ERROR lines in the log:\n" + String.join("\n", errors));
    List<String> traces = text.lines().filter(l -> STACK_TRACE.matcher(l).find()).toList();
    assertTrue(traces.isEmpty(), "stack traces in the log:\n" + String.join("\n", traces));
    assertTrue(text.contains("SIGTERM received: stopping the node"), tail(text));
    System.out.printf("exit 0 %d ms after SIGTERM, no ERROR and no stack trace in %d log lines%n", tookMs,
        text.lines().count());
  }

  private static Set<String> tradedInLog(Path log) throws IOException {
    Set<String> ids = new TreeSet<>();
    for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
      Matcher m = TRADED.matcher(line);
      if (m.find()) {
        ids.add(m.group(1));
      }
    }
    return ids;
  }

  /**
   * Reads the whole trade history (page by page) until it holds every id in {@code expected}, or a minute has
   * passed (the restarted projections catch up from their stored offsets). Returns the ids still missing.
   */
  private Set<String> awaitHistory(String base, Set<String> expected) throws Exception {
    Set<String> missing = new TreeSet<>(expected);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      Set<String> stored = new TreeSet<>();
      String cursor = null;
      do {
        String url = base + "api/trades/history?limit=1000"
            + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
        JsonNode page = get(url);
        page.get("items").forEach(t -> stored.add(t.get("auction_id").asText()));
        cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asText();
      } while (cursor != null);
      missing = expected.stream().filter(id -> !stored.contains(id)).collect(Collectors.toCollection(TreeSet::new));
      if (missing.isEmpty()) {
        return missing;
      }
      Thread.sleep(1_000);
    }
    return missing;
  }

  private static Set<String> tradeIds(JsonNode trades) {
    Set<String> ids = new TreeSet<>();
    trades.path("items").forEach(t -> ids.add(t.get("auction_id").asText())); // the newest page of /api/trades
    return ids;
  }

  private JsonNode get(String url) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
        .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), url + ": " + response.body());
    return JSON.readTree(response.body());
  }

  private static String tail(String log) {
    List<String> lines = log.lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
  }

}
