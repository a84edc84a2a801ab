package io.etp.api;

import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import io.etp.persistence.SchemaMigrations;
import io.etp.readmodel.HistoryQueries;
import io.etp.readmodel.ReadModelWriter;
import io.etp.money.EnergyKwh;
import io.etp.money.PriceCPerKwh;
import io.etp.readmodel.RowChange;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/trades} and the CSV export {@code GET /api/trades/export} behind the real gateway's authentication,
 * on the node's H2 schema holding rows written as the read-model projection writes them. A "node" here is a new
 * actor system, gateway, connection pool and HTTP server on the same database file, as after a restart.
 */
class TradeRoutesTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final String CONFIG = """
      etp.access.anonymous-loopback-viewer = off
      etp.access.rate-limit.enabled = off
      """;

  /** The gateway, a read-model pool and the history routes bound on an ephemeral port, as ReadModels wires them. */
  private static final class Node implements AutoCloseable {
    final TestGateway server;
    final HikariDataSource dataSource;
    final ServerBinding binding;

    Node(Path dir, String extraConfig) throws Exception {
      this(TestGateway.onH2(dir, extraConfig));
    }

    Node(TestGateway server) throws Exception {
      this.server = server;
      dataSource = SchemaMigrations.Target.fromConfig(server.system.settings().config()).pool("trade-routes-test", 2);
      var routes = new HistoryRoutes(new HistoryQueries(dataSource), server.gateway.access(),
          ForkJoinPool.commonPool(), io.etp.money.MarketCurrency.EUR).routes();
      binding = Http.get(server.system).newServerAt("127.0.0.1", 0).bind(concat(routes, server.gateway.routes()))
          .toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    HttpResponse<String> get(String path, String key) throws Exception {
      return server.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + binding.localAddress().getPort()
          + path)).GET(), key);
    }

    String key(String label, String role) throws Exception {
      HttpResponse<String> created = server.post("/api/keys", server.adminKey,
          "{\"label\":\"" + label + "\",\"role\":\"" + role + "\"}");
      assertEquals(201, created.statusCode(), created.body());
      return JSON.readTree(created.body()).path("key").asText();
    }

    void write(List<RowChange> rows) throws Exception {
      try (Connection c = dataSource.getConnection()) {
        c.setAutoCommit(false);
        ReadModelWriter.apply(c, rows);
        c.commit();
      }
    }

    @Override
    public void close() {
      binding.unbind().toCompletableFuture().join();
      dataSource.close();
      server.close();
    }
  }

  /** Starts a node on the test's database with extra configuration (the restarted node: the first one's admin key). */
  private interface NodeFactory {
    Node start(String extraConfig) throws Exception;
  }

  @Test
  void pagesThroughEveryTradeWithoutGapOrDuplicateAndStillListsThemAfterARestart(@TempDir Path dir)
      throws Exception {
    pagesAndRestarts(config -> new Node(dir, config));
  }

  @Test
  void onPostgresTooPagesWithoutGapOrDuplicateListsAfterARestartAndExportsInBatches() throws Exception {
    String url = PostgresSchemas.fresh("trades");
    pagesAndRestarts(config -> new Node(TestGateway.onPostgresUrl(url, config)));
    try (Node node = new Node(TestGateway.onPostgresUrl(url, CONFIG))) {
      // 2,500 more trades in 2025, pairs sharing a millisecond: three batches of the export, the last one partial
      Instant from = Instant.parse("2025-03-01T00:00:00Z");
      node.write(exportRows(from, 2_500));
      Instant to = from.plusSeconds(2_500 / 2);
      String viewer = node.key("pg-export-viewer", "viewer");
      HttpResponse<String> r = node.get("/api/trades/export?from=" + from + "&to=" + to, viewer);
      assertEquals(200, r.statusCode(), r.body());
      assertEquals("chunked", r.headers().firstValue("transfer-encoding").orElse(""));
      List<String> lines = List.of(r.body().split("\r\n"));
      List<String> expected = readModelRows(node, from, to);
      assertEquals(2_500, expected.size());
      assertSameLines(expected, lines.subList(1, lines.size()));
    }
  }

  private static void pagesAndRestarts(NodeFactory nodes) throws Exception {
    int count = 250;
    List<String> firstWalk;
    String viewer;
    String adminKey;
    try (Node node = nodes.start(CONFIG)) {
      List<RowChange> rows = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        String auction = String.format("auc-%04d", i);
        long at = T0.plusSeconds(i / 3).toEpochMilli(); // three trades share each millisecond: the key breaks ties
        rows.add(new RowChange.AuctionOpened(auction, "bess-" + i % 7, "ASCENDING", EnergyKwh.parse("6.5"),
            PriceCPerKwh.parse(Integer.toString(10 + i % 4)), at - 2000, at));
        rows.add(new RowChange.Trade(auction, "bess-" + i % 7, "agg-" + i % 3, EnergyKwh.parse("6.5"),
            PriceCPerKwh.parse(Integer.toString(11 + i % 5)), at));
      }
      node.write(rows);
      viewer = node.key("trades-viewer", "viewer");
      adminKey = node.server.adminKey;

      List<JsonNode> items = walk(node, "/api/trades?limit=40", viewer);
      firstWalk = items.stream().map(t -> t.path("auction_id").asText()).toList();
      assertEquals(count, firstWalk.size(), "every trade once");
      assertEquals(count, new HashSet<>(firstWalk).size(), "no trade twice");
      List<String> newestFirst = new ArrayList<>();
      for (int i = count - 1; i >= 0; i--) {
        newestFirst.add(String.format("auc-%04d", i));
      }
      assertEquals(newestFirst, firstWalk, "newest first, ties by auction id descending");
      JsonNode last = items.get(items.size() - 1);
      assertEquals("auc-0000", last.path("trade_id").asText());
      assertEquals(10.0, last.path("reserve_c_per_kwh").asDouble(), "the auction's reserve");
      assertEquals(11.0, last.path("price_c_per_kwh").asDouble());
      assertEquals("agg-0", last.path("aggregator_id").asText());
      assertEquals(T0.toString(), last.path("confirmed_at").asText());

      // the history parameters filter here too, and `since` is still read (as `from`)
      List<JsonNode> ofBattery = walk(node, "/api/trades?battery=bess-3&since=" + T0.plusSeconds(30) + "&limit=7",
          viewer);
      assertFalse(ofBattery.isEmpty());
      ofBattery.forEach(t -> {
        assertEquals("bess-3", t.path("battery_id").asText());
        assertFalse(Instant.parse(t.path("confirmed_at").asText()).isBefore(T0.plusSeconds(30)), t.toString());
      });
      assertEquals(items.stream().filter(t -> t.path("battery_id").asText().equals("bess-3")
          && !Instant.parse(t.path("confirmed_at").asText()).isBefore(T0.plusSeconds(30))).count(), ofBattery.size());
    }

    // a new node on the same database: the trades come from the read model, not from the old node's memory
    try (Node restarted = nodes.start(CONFIG + "etp.access.bootstrap-admin-key = \"" + adminKey + "\"\n")) {
      List<String> again = walk(restarted, "/api/trades?limit=33", viewer).stream()
          .map(t -> t.path("auction_id").asText()).toList();
      assertEquals(firstWalk, again);
    }
  }

  @Test
  void exportsARangeAsAStreamedCsvThatMatchesTheReadModelRowForRow(@TempDir Path dir) throws Exception {
    try (Node node = new Node(dir, CONFIG)) {
      Instant from = Instant.parse("2025-03-01T00:00:00Z");
      int inRange = 20_000;
      node.write(exportRows(from, inRange));
      Instant to = from.plusSeconds(inRange / 2);
      String viewer = node.key("export-viewer", "viewer");

      HttpResponse<String> r = node.get("/api/trades/export?from=" + from + "&to=" + to, viewer);
      assertEquals(200, r.statusCode(), r.body());
      assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("text/csv"),
          r.headers().toString());
      assertEquals("chunked", r.headers().firstValue("transfer-encoding").orElse(""),
          "streamed as chunks, never built whole: " + r.headers());
      assertFalse(r.headers().firstValue("content-length").isPresent(), "a streamed body has no length up front");
      assertTrue(r.headers().firstValue("content-disposition").orElse("").contains("attachment"));

      List<String> lines = List.of(r.body().split("\r\n"));
      assertEquals("auction_id,battery_id,aggregator_id,energy_kwh,price_c_per_kwh,amount,currency,confirmed_at", lines.get(0));
      List<String> expected = readModelRows(node, from, to);
      assertEquals(inRange, expected.size(), "the range holds the 20,000 trades inserted in it");
      assertSameLines(expected, lines.subList(1, lines.size()));

      // a battery's trades only
      HttpResponse<String> one = node.get("/api/trades/export?from=" + from + "&to=" + to + "&battery=bess-7",
          viewer);
      List<String> ofBattery = List.of(one.body().split("\r\n")).subList(1, one.body().split("\r\n").length);
      assertSameLines(expected.stream().filter(l -> l.split(",")[1].equals("bess-7")).toList(), ofBattery);
    }
  }

  @Test
  void aBadRangeOrParameterIsA400AndEveryTradeResourceNeedsAKey(@TempDir Path dir) throws Exception {
    try (Node node = new Node(dir, CONFIG)) {
      String viewer = node.key("bad-viewer", "viewer");
      String export = "/api/trades/export";
      assertProblem(node.get(export, viewer), 400, "invalid_range");
      assertProblem(node.get(export + "?from=2026-01-01T00:00:00Z", viewer), 400, "invalid_range");
      assertProblem(node.get(export + "?to=2026-01-01T00:00:00Z", viewer), 400, "invalid_range");
      assertProblem(node.get(export + "?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", viewer), 400,
          "invalid_range");
      assertProblem(node.get(export + "?from=2026-01-01T00:00:00Z&to=2026-01-01T00:00:00Z", viewer), 400,
          "invalid_range");
      assertProblem(node.get(export + "?from=yesterday&to=2026-01-01T00:00:00Z", viewer), 400, "invalid_from");
      assertProblem(node.get(export + "?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z&limit=5", viewer), 400,
          "unknown_parameter");
      assertProblem(node.get("/api/trades?since=yesterday", viewer), 400, "invalid_since");
      assertProblem(node.get("/api/trades?since=2026-01-01T00:00:00Z&from=2026-01-01T00:00:00Z", viewer), 400,
          "invalid_range");
      for (String since : List.of("%2B1000000000-12-31T23:59:59Z", "-1000000000-01-01T00:00:00Z")) {
        assertProblem(node.get("/api/trades?since=" + since, viewer), 400, "invalid_since");
      }
      for (String limit : List.of("0", "1001", "2147483648", "-1", "99999999999999999999999")) {
        assertProblem(node.get("/api/trades?limit=" + limit, viewer), 400, "invalid_limit");
      }
      assertProblem(node.get("/api/trades?cursor=%21%21not-a-cursor", viewer), 400, "invalid_cursor");
      assertProblem(node.get("/api/trades?state=active", viewer), 400, "unknown_parameter");
      assertEquals(401, node.get("/api/trades", null).statusCode());
      assertEquals(401, node.get(export + "?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z", null)
          .statusCode());
      HttpResponse<String> empty = node.get(export + "?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z", viewer);
      assertEquals(200, empty.statusCode());
      assertEquals("auction_id,battery_id,aggregator_id,energy_kwh,price_c_per_kwh,amount,currency,confirmed_at\r\n", empty.body(),
          "an empty range is the header alone");
    }
  }

  /** {@code inRange} trades from {@code from} on, two per second, and 50 just before and 50 just after them. */
  private static List<RowChange> exportRows(Instant from, int inRange) {
    List<RowChange> rows = new ArrayList<>();
    for (int i = -50; i < inRange + 50; i++) {
      long at = from.toEpochMilli() + (long) Math.floor(i / 2.0) * 1000; // pairs share a millisecond
      rows.add(new RowChange.Trade(String.format("exp-%06d", i + 50), "bess-" + Math.floorMod(i, 50),
          "agg-" + Math.floorMod(i, 5),
          new EnergyKwh(new java.math.BigDecimal("1.25").add(new java.math.BigDecimal("0.5").multiply(
              java.math.BigDecimal.valueOf(Math.floorMod(i, 8))))),
          new PriceCPerKwh(new java.math.BigDecimal("16.82").add(java.math.BigDecimal.valueOf(Math.floorMod(i, 3)))),
          at));
    }
    return rows;
  }

  /** The read model's trades in [from, to), oldest first, as CSV lines written the way the export writes them. */
  private static List<String> readModelRows(Node node, Instant from, Instant to) throws Exception {
    List<String> rows = new ArrayList<>();
    try (Connection c = node.dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
        "SELECT auction_id, battery_id, aggregator_id, energy_kwh, price_c_per_kwh, confirmed_at_ms FROM trades"
            + " WHERE confirmed_at_ms >= ? AND confirmed_at_ms < ? ORDER BY confirmed_at_ms, auction_id")) {
      s.setLong(1, from.toEpochMilli());
      s.setLong(2, to.toEpochMilli());
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          java.math.BigDecimal kwh = rs.getBigDecimal(4);
          java.math.BigDecimal cents = rs.getBigDecimal(5);
          // energy x price in cents, to EUR, rounded once half-even to the cent (docs/market.md, "Money and units")
          java.math.BigDecimal eur = kwh.multiply(cents).movePointLeft(2).setScale(2, java.math.RoundingMode.HALF_EVEN);
          rows.add(String.join(",", rs.getString(1), rs.getString(2), rs.getString(3),
              kwh.stripTrailingZeros().toPlainString(), cents.stripTrailingZeros().toPlainString(),
              eur.toPlainString(), "EUR", Instant.ofEpochMilli(rs.getLong(6)).toString()));
        }
      }
    }
    return rows;
  }

  private static List<JsonNode> walk(Node node, String path, String key) throws Exception {
    List<JsonNode> items = new ArrayList<>();
    Set<String> cursors = new HashSet<>();
    String next = null;
    int pages = 0;
    do {
      String url = path + (next == null ? "" : "&cursor=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
      HttpResponse<String> r = node.get(url, key);
      assertEquals(200, r.statusCode(), r.body());
      JsonNode body = JSON.readTree(r.body());
      body.path("items").forEach(items::add);
      next = body.path("next_cursor").isNull() ? null : body.path("next_cursor").asText();
      assertTrue(next == null || cursors.add(next), "a cursor is never handed out twice");
      assertTrue(++pages < 100, "pages never end");
    } while (next != null);
    return items;
  }

  /** Every expected row once, in order; on failure names the first row that differs rather than printing them all. */
  private static void assertSameLines(List<String> expected, List<String> actual) {
    for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
      assertEquals(expected.get(i), actual.get(i), "row " + (i + 1) + " of the export");
    }
    assertEquals(expected.size(), actual.size(), "rows in the export");
  }

  private static void assertProblem(HttpResponse<String> r, int status, String code) throws Exception {
    assertEquals(status, r.statusCode(), r.body());
    assertEquals(code, JSON.readTree(r.body()).path("error").asText(), r.body());
  }
}
