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
import java.sql.ResultSet;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backup and restore procedure of docs/deploy.md, on the real node jar and the real PostgreSQL server: a node
 * trades; {@code pg_dump -Fc} takes a backup while it trades; the backup is restored with {@code pg_restore} into a
 * fresh database whose read models (trade history, auctions, bids, telemetry, projection offsets) are emptied; a node
 * started on it with migration off (the schema came with the backup) recovers every twin in the backup's journal and
 * rebuilds the trade history from the journal, holding every trade confirmed before the backup began.
 * Its own databases k8s_br_*; loopback 127.0.4.x.
 */
class BackupRestoreJarIT {

  private static final Path JAR = Path.of(System.getProperty("etp.node.jar", "target/etp-node.jar"));
  private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
  private static final Pattern DASHBOARD = Pattern.compile("^ {2}dashboard: +(http://\\S+/)$");
  private static final Pattern TRADED = Pattern.compile("outcomes\\s+auction (\\S+) battery=\\S+ mechanism=\\S+ winner=");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final List<Process> started = new ArrayList<>();
  private final List<String> databases = new ArrayList<>();

  @TempDir
  Path dir;

  @AfterEach
  void cleanUp() throws Exception {
    for (Process p : started) {
      if (p.isAlive()) {
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
    try (Connection c = DriverManager.getConnection(SERVER + "postgres", "postgres", "");
         Statement s = c.createStatement()) {
      for (String db : databases) {
        s.execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
      }
    }
  }

  @Test
  void aBackupTakenWhileTradingRestoresEveryTwinAndTradeAndRebuildsTheReadModels() throws Exception {
    assertTrue(Files.isRegularFile(JAR), JAR.toAbsolutePath() + " is missing: run the package phase first");
    String suffix = Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    String source = createDatabase("k8s_br_src_" + suffix);
    String restored = createDatabase("k8s_br_dst_" + suffix);

    // 1. a node trades on the source database
    Path firstLog = dir.resolve("source.log");
    Process node = start(source, List.of("--batteries", "20", "--aggregators", "3"), "on", "127.0.4.11", firstLog);
    String base = awaitBanner(node, firstLog);
    Set<String> beforeBackup = awaitTrades(base, node, firstLog);
    // the fleet registers its batteries one by one; on a loaded machine the last may register after the first trades
    long registered = 0;
    for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120); System.nanoTime() < deadline; ) {
      registered = count(source, "SELECT count(DISTINCT persistence_id) FROM event_journal"
          + " WHERE persistence_id LIKE 'Battery|%'");
      if (registered == 20) {
        break;
      }
      assertTrue(node.isAlive(), "the node stopped while its batteries registered");
      Thread.sleep(500);
    }
    assertEquals(20, registered, "every battery twin registered within 120 s");
    Thread.sleep(3_000);
    beforeBackup.addAll(tradeIds(get(base + "api/trades?limit=1000")));
    beforeBackup.addAll(tradedInLog(firstLog));

    // 2. the backup, while the node keeps trading (pg_dump reads one consistent snapshot)
    Path dump = dir.resolve("etp.dump");
    long dumpStarted = System.nanoTime();
    run("pg_dump", "-h", "127.0.0.1", "-U", "postgres", "-Fc", "-f", dump.toString(), source);
    long dumpMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - dumpStarted);
    assertTrue(node.isAlive(), "the node traded on through the backup");
    Thread.sleep(3_000);
    Set<String> afterBackup = tradeIds(get(base + "api/trades?limit=1000"));
    node.destroy();
    assertTrue(node.waitFor(60, TimeUnit.SECONDS), "the source node stopped");
    long sourceEvents = count(source, "SELECT count(*) FROM event_journal");

    // 3. restore into a fresh database; empty the read models so that they must be rebuilt from the journal
    run("pg_restore", "-h", "127.0.0.1", "-U", "postgres", "--no-owner", "-d", restored, dump.toString());
    long restoredEvents = count(restored, "SELECT count(*) FROM event_journal");
    long backedUpTrades = count(restored, "SELECT count(*) FROM trades");
    Set<String> twins = strings(restored, "SELECT DISTINCT persistence_id FROM event_journal"
        + " WHERE persistence_id LIKE 'Battery|%'");
    try (Connection c = DriverManager.getConnection(SERVER + restored, "postgres", "");
         Statement s = c.createStatement()) {
      s.execute("TRUNCATE trades, auctions, bids, battery_telemetry, pekko_projection_offset_store,"
          + " pekko_projection_management");
    }
    assertEquals(20, twins.size(), "every battery twin's events are in the backup");
    assertTrue(restoredEvents <= sourceEvents);

    // 4. a node on the restored database, migration off: the backup carries the schema
    Path secondLog = dir.resolve("restored.log");
    Process recovered = start(restored, List.of("--no-fleet"), "off", "127.0.4.12", secondLog);
    String restoredBase = awaitBanner(recovered, secondLog);
    Set<String> missingTwins = new TreeSet<>();
    for (String twin : twins) {
      String id = twin.substring("Battery|".length());
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(restoredBase + "api/batteries/" + id))
          .timeout(Duration.ofSeconds(20)).GET().build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        missingTwins.add(id + " " + r.statusCode());
      }
    }
    assertTrue(missingTwins.isEmpty(), "twins not recovered: " + missingTwins);
    Set<String> history = awaitHistory(restoredBase, beforeBackup);
    Set<String> missing = new TreeSet<>(beforeBackup);
    missing.removeAll(history);
    System.out.printf("backup while trading: pg_dump %d ms; journal events source %d (at stop) / backup %d;"
            + " twins in backup %d, recovered %d; trades confirmed before the backup %d, trade-history rows in the"
            + " backup %d, rebuilt from the journal %d, missing %d; trades the source node had after the backup %d%n",
        dumpMs, sourceEvents, restoredEvents, twins.size(), twins.size() - missingTwins.size(), beforeBackup.size(),
        backedUpTrades, history.size(), missing.size(), afterBackup.size());
    assertTrue(missing.isEmpty(), "trades confirmed before the backup but not restored: " + missing);
    assertTrue(history.size() >= backedUpTrades, "the rebuilt history holds at least the backup's rows");
    recovered.destroy();
    assertTrue(recovered.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, recovered.exitValue());
    assertFalse(Files.readString(secondLog).contains("migration(s) applied"), "the restored node did not migrate");
  }

  private String createDatabase(String name) throws Exception {
    try (Connection c = DriverManager.getConnection(SERVER + "postgres", "postgres", "");
         Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    databases.add(name);
    return name;
  }

  private static void run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), String.join(" ", command));
    assertEquals(0, p.exitValue(), String.join(" ", command) + ":\n" + out);
  }

  private static long count(String db, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(SERVER + db, "postgres", "");
         Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }

  private static Set<String> strings(String db, String sql) throws Exception {
    Set<String> values = new TreeSet<>();
    try (Connection c = DriverManager.getConnection(SERVER + db, "postgres", "");
         Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
      while (r.next()) {
        values.add(r.getString(1));
      }
    }
    return values;
  }

  private Process start(String db, List<String> args, String migrate, String host, Path log) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-Xmx768m", "-jar", JAR.toAbsolutePath().toString(),
        "--postgres"));
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    Map<String, String> environment = builder.environment();
    environment.keySet().removeIf(k -> k.startsWith("ETP_"));
    environment.putAll(Map.of("ETP_HTTP_HOST", host, "ETP_HTTP_PORT", "0", "ETP_EDGE_HOST", host,
        "ETP_EDGE_PORT", "0", "ETP_REMOTE_HOST", host, "ETP_REMOTE_PORT", "0",
        "ETP_DB_URL", SERVER + db + "?reWriteBatchedInserts=true", "ETP_DB_USER", "postgres",
        "ETP_MIGRATE_SCHEMA", migrate));
    Process p = builder.start();
    started.add(p);
    return p;
  }

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
      if (trades.size() >= 5) {
        return trades;
      }
      assertTrue(node.isAlive(), "the node stopped while waiting for trades");
      Thread.sleep(500);
    }
    fail("fewer than 5 trades within 120 s:\n" + Files.readString(log));
    return null;
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

  /** The trade history, read until it holds every expected id or a minute has passed (the projections rebuild). */
  private Set<String> awaitHistory(String base, Set<String> expected) throws Exception {
    Set<String> stored = new TreeSet<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline) {
      stored = new TreeSet<>();
      String cursor = null;
      do {
        String url = base + "api/trades/history?limit=1000"
            + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
        JsonNode page = get(url);
        Set<String> into = stored;
        page.get("items").forEach(t -> into.add(t.get("auction_id").asText()));
        cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asText();
      } while (cursor != null);
      if (stored.containsAll(expected)) {
        return stored;
      }
      Thread.sleep(1_000);
    }
    return stored;
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
}
