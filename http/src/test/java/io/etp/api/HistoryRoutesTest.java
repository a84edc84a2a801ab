package io.etp.api;

import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etp.money.EnergyKwh;
import io.etp.money.PriceCPerKwh;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import io.etp.persistence.SchemaMigrations;
import io.etp.readmodel.HistoryQueries;
import io.etp.readmodel.ReadModelWriter;
import io.etp.readmodel.RowChange;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The history resources behind the real gateway's authentication, on the node's H2 schema (Flyway V6) holding rows
 * written as the projection writes them: filters, pages walked to the end, and the 400/401/403/404 answers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HistoryRoutesTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private TestGateway server;
  private ServerBinding binding;
  private HikariDataSource dataSource;
  private String viewer;
  private String operator;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    server = TestGateway.onH2(dir, """
        etp.access.anonymous-loopback-viewer = off
        etp.access.rate-limit.enabled = off
        """);
    SchemaMigrations.Target target = SchemaMigrations.Target.fromConfig(server.system.settings().config());
    dataSource = target.pool("history-routes-test", 2);
    seed();
    var routes = new HistoryRoutes(new HistoryQueries(dataSource), server.gateway.access(),
        ForkJoinPool.commonPool(), io.etp.money.MarketCurrency.EUR).routes();
    binding = Http.get(server.system).newServerAt("127.0.0.1", 0).bind(concat(routes, server.gateway.routes()))
        .toCompletableFuture().get(10, TimeUnit.SECONDS);
    viewer = key("history-viewer", "viewer");
    operator = key("history-operator", "operator");
  }

  /** 45 auctions on 3 batteries, 42 of them traded by 2 aggregators, 3 still open; registrations; 12 audited bids. */
  private void seed() throws Exception {
    List<RowChange> rows = new ArrayList<>();
    for (int b = 0; b < 3; b++) {
      rows.add(new RowChange.Telemetry("bess-" + b, 1, "REGISTERED", 100.0, 80.0, 48.0, 0.0, "GOOD", null,
          T0.toEpochMilli()));
    }
    for (int i = 0; i < 45; i++) {
      long at = T0.plusSeconds(60L * i).toEpochMilli();
      String battery = "bess-" + (i % 3);
      rows.add(new RowChange.AuctionOpened("auc-" + String.format("%03d", i), battery, "ASCENDING", EnergyKwh.ofDouble(40), PriceCPerKwh.ofDouble(10),
          at - 2000, at));
      if (i < 42) {
        String aggregator = "agg-" + (i % 2);
        rows.add(new RowChange.Trade("auc-" + String.format("%03d", i), battery, aggregator, EnergyKwh.ofDouble(40), PriceCPerKwh.ofDouble(11 + i % 5), at));
        rows.add(new RowChange.AuctionEnded("auc-" + String.format("%03d", i), "COMPLETED", Optional.of(aggregator),
            PriceCPerKwh.ofDouble(11 + i % 5), EnergyKwh.ofDouble(40), 2, 0, at));
      }
    }
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      ReadModelWriter.apply(c, rows);
      try (PreparedStatement s = c.prepareStatement("INSERT INTO bid_audit (battery_id, auction_id, aggregator_id,"
          + " message_id, price_c_per_kwh, energy_kwh, decision, reason, at_ms)"
          + " VALUES ('bess-0', 'auc-000', ?, ?, 12.5, 40, 'REJECTED', 'REJECT_REASON_BELOW_RESERVE', ?)")) {
        for (int i = 0; i < 12; i++) {
          s.setString(1, "agg-" + (i % 2));
          s.setLong(2, 100 + i);
          s.setLong(3, T0.plusSeconds(i).toEpochMilli());
          s.addBatch();
        }
        s.executeBatch();
      }
      c.commit();
    }
  }

  @AfterAll
  void stop() {
    binding.unbind().toCompletableFuture().join();
    dataSource.close();
    server.close();
  }

  HttpResponse<String> get(String path, String key) throws Exception {
    return server.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + binding.localAddress().getPort()
        + path)).GET(), key);
  }

  private List<JsonNode> walk(String path, String key) throws Exception {
    List<JsonNode> items = new ArrayList<>();
    String next = null;
    int pages = 0;
    do {
      String url = path + (next == null ? "" : (path.contains("?") ? "&" : "?") + "cursor="
          + URLEncoder.encode(next, StandardCharsets.UTF_8));
      HttpResponse<String> r = get(url, key);
      assertEquals(200, r.statusCode(), r.body());
      JsonNode body = JSON.readTree(r.body());
      body.path("items").forEach(items::add);
      next = body.path("next_cursor").isNull() ? null : body.path("next_cursor").asText();
      assertTrue(++pages < 100, "pages never end");
    } while (next != null);
    return items;
  }

  @Test
  void aViewerWalksEveryTradePageNewestFirst() throws Exception {
    List<JsonNode> trades = walk("/api/trades/history?limit=5", viewer);
    assertEquals(42, trades.size());
    Set<String> ids = new HashSet<>();
    trades.forEach(t -> assertTrue(ids.add(t.path("auction_id").asText())));
    assertEquals("auc-041", trades.get(0).path("auction_id").asText());
    assertEquals("auc-000", trades.get(41).path("auction_id").asText());
    assertEquals(40.0, trades.get(0).path("energy_kwh").asDouble(), 1e-9);
  }

  @Test
  void tradesFilterByBatteryAggregatorAndTimeRange() throws Exception {
    List<JsonNode> ofBattery = walk("/api/trades/history?battery=bess-1&limit=4", viewer);
    assertEquals(14, ofBattery.size());
    assertTrue(ofBattery.stream().allMatch(t -> t.path("battery_id").asText().equals("bess-1")));

    // minutes 10..19 hold trades 10..19; agg-0 has the even ones
    List<JsonNode> inRange = walk("/api/trades/history?aggregator=agg-0&from=2026-01-01T00:10:00Z"
        + "&to=2026-01-01T00:20:00Z", viewer);
    assertEquals(List.of("auc-018", "auc-016", "auc-014", "auc-012", "auc-010"),
        inRange.stream().map(t -> t.path("auction_id").asText()).toList());
  }

  @Test
  void auctionHistoryShowsOpenAndEndedAuctionsWithFilters() throws Exception {
    assertEquals(45, walk("/api/auctions/history?limit=10", viewer).size());
    List<JsonNode> open = walk("/api/auctions/history?status=open", viewer);
    assertEquals(List.of("auc-044", "auc-043", "auc-042"),
        open.stream().map(a -> a.path("auction_id").asText()).toList());
    assertTrue(open.stream().allMatch(a -> a.path("winner_id").isMissingNode()));
    List<JsonNode> won = walk("/api/auctions/history?aggregator=agg-1&battery=bess-0", viewer);
    // bess-0 holds i = 0,3,...,39 traded; agg-1 won the odd ones: 3,9,15,21,27,33,39
    assertEquals(7, won.size());
    assertTrue(won.stream().allMatch(a -> a.path("status").asText().equals("COMPLETED")
        && a.path("winner_id").asText().equals("agg-1")));
  }

  @Test
  void summaryTotalsTheSelectedTrades() throws Exception {
    HttpResponse<String> r = get("/api/trades/summary?battery=bess-2", viewer);
    assertEquals(200, r.statusCode(), r.body());
    JsonNode s = JSON.readTree(r.body());
    assertEquals(14, s.path("trades").asLong());
    assertEquals(560.0, s.path("energy_kwh").asDouble(), 1e-9);
    assertEquals(11.0, s.path("min_price_c_per_kwh").asDouble(), 1e-9);
    assertEquals(15.0, s.path("max_price_c_per_kwh").asDouble(), 1e-9);
    assertEquals(1, s.path("open_auctions").asLong());
  }

  @Test
  void anOperatorPagesABatterysBidAuditTrail() throws Exception {
    List<JsonNode> trail = walk("/api/batteries/bess-0/audit?limit=5", operator);
    assertEquals(12, trail.size());
    assertEquals(111, trail.get(0).path("message_id").asLong());
    assertEquals(100, trail.get(11).path("message_id").asLong());
    assertEquals("REJECT_REASON_BELOW_RESERVE", trail.get(0).path("reason").asText());
    assertEquals(0, walk("/api/batteries/bess-1/audit", operator).size(), "known battery without audited bids");
  }

  @Test
  void aViewerReadsABatterysTelemetry() throws Exception {
    List<JsonNode> telemetry = walk("/api/batteries/bess-2/telemetry", viewer);
    assertEquals(1, telemetry.size());
    assertEquals("REGISTERED", telemetry.get(0).path("kind").asText());
    assertEquals(100.0, telemetry.get(0).path("capacity_kwh").asDouble(), 1e-9);
  }

  @Test
  void badParametersAreA400WithTheReason() throws Exception {
    assertProblem(get("/api/trades/history?cursor=%21%21not-a-cursor", viewer), 400, "invalid_cursor");
    assertProblem(get("/api/batteries/bess-0/audit?cursor=" + new io.etp.readmodel.Cursor(1, "x").encode(),
        operator), 400, "invalid_cursor");
    assertProblem(get("/api/trades/history?from=yesterday", viewer), 400, "invalid_from");
    assertProblem(get("/api/auctions/history?to=2026-13-01T00:00:00Z", viewer), 400, "invalid_to");
    assertProblem(get("/api/trades/history?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z", viewer), 400,
        "invalid_range");
    assertProblem(get("/api/trades/history?limit=0", viewer), 400, "invalid_limit");
    assertProblem(get("/api/trades/history?limit=1001", viewer), 400, "invalid_limit");
    assertProblem(get("/api/trades/history?limit=ten", viewer), 400, "invalid_limit");
    assertProblem(get("/api/trades/history?batery=bess-0", viewer), 400, "unknown_parameter");
    assertProblem(get("/api/trades/history?battery=%27%3B%20drop", viewer), 400, "invalid_id");
    assertProblem(get("/api/auctions/history?status=open%21", viewer), 400, "invalid_status");
  }

  @Test
  void instantsThatParseButHaveNoEpochMillisecondsAreA400NotA500() throws Exception {
    for (String path : List.of("/api/auctions/history", "/api/trades/history", "/api/trades/summary",
        "/api/batteries/bess-0/telemetry", "/api/batteries/bess-0/audit")) {
      for (String name : List.of("from", "to")) {
        for (String instant : List.of("+1000000000-12-31T23:59:59Z", "-1000000000-01-01T00:00:00Z",
            "+10000-01-01T00:00:00Z", "-0001-01-01T00:00:00Z")) {
          HttpResponse<String> r = get(path + "?" + name + "=" + URLEncoder.encode(instant, StandardCharsets.UTF_8),
              operator);
          assertProblem(r, 400, "invalid_" + name);
          assertTrue(JSON.readTree(r.body()).path("message").asText().contains("out of range"), r.body());
        }
      }
    }
  }

  @Test
  void extremeLimitsCursorsAndIdsAreA400OrAnEmptyPageNeverA500() throws Exception {
    String hugeTime = new io.etp.readmodel.Cursor(Long.MAX_VALUE, "auc-999").encode();
    String tinyTime = new io.etp.readmodel.Cursor(Long.MIN_VALUE, "auc-000").encode();
    String hugeKey = new io.etp.readmodel.Cursor(0, "99999999999999999999999").encode();
    for (String path : List.of("/api/auctions/history", "/api/trades/history", "/api/batteries/bess-0/telemetry",
        "/api/batteries/bess-0/audit")) {
      for (String limit : List.of("2147483648", "-2147483649", "99999999999999999999", "1e3", "-0")) {
        assertProblem(get(path + "?limit=" + limit, operator), 400, "invalid_limit");
      }
      for (String cursor : List.of(hugeTime, tinyTime)) {
        // a cursor of another history's key kind is a 400 invalid_cursor; one that fits is a (possibly empty) page
        int status = get(path + "?cursor=" + cursor, operator).statusCode();
        assertTrue(status == 200 || status == 400, path + " " + status);
      }
      int numericKey = get(path + "?cursor=" + hugeKey, operator).statusCode();
      assertTrue(numericKey == 200 || numericKey == 400, path + " " + numericKey);
      assertProblem(get(path + "?cursor=" + "A".repeat(513), operator), 400, "invalid_cursor");
    }
    assertProblem(get("/api/trades/history?battery=" + "b".repeat(129), viewer), 400, "invalid_id");
    assertProblem(get("/api/batteries/" + "b".repeat(129) + "/telemetry", viewer), 400, "invalid_id");
  }

  @Test
  void withoutAKeyEveryHistoryIsA401() throws Exception {
    for (String path : List.of("/api/auctions/history", "/api/trades/history", "/api/trades/summary",
        "/api/batteries/bess-0/audit", "/api/batteries/bess-0/telemetry")) {
      assertEquals(401, get(path, null).statusCode(), path);
    }
    assertEquals(401, get("/api/trades/history", "etp_not-a-real-key").statusCode());
  }

  @Test
  void theAuditTrailNeedsTheOperatorRole() throws Exception {
    assertProblem(get("/api/batteries/bess-0/audit", viewer), 403, null);
  }

  @Test
  void anUnknownBatteryIsA404() throws Exception {
    assertProblem(get("/api/batteries/bess-404/audit", operator), 404, "battery_not_found");
    assertProblem(get("/api/batteries/bess-404/telemetry", viewer), 404, "battery_not_found");
  }

  private static void assertProblem(HttpResponse<String> r, int status, String code) throws Exception {
    assertEquals(status, r.statusCode(), r.body());
    if (code != null) {
      assertEquals(code, JSON.readTree(r.body()).path("error").asText(), r.body());
    }
  }

  private String key(String label, String role) throws Exception {
    HttpResponse<String> created = server.post("/api/keys", server.adminKey,
        "{\"label\":\"" + label + "\",\"role\":\"" + role + "\"}");
    assertEquals(201, created.statusCode(), created.body());
    return JSON.readTree(created.body()).path("key").asText();
  }
}
