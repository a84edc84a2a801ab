package io.etp.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.etp.api.TradingTestNode;
import io.etp.battery.Battery;
import io.etp.persistence.SchemaMigrations;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Issue #12, must-show 3: a real trade at 16.82 c/kWh is 16.82 everywhere. A one-node cluster on an H2 journal with
 * the read-model projection and the history routes; a battery twin with a reserve of 16.82 c/kWh and an aggregator
 * twin bidding with the prototype's fixed increment from 16.62 by 0.1, so its third bid is the binary double
 * 16.62 + 0.1 + 0.1 = 16.820000000000004 (before exact money, the trade's price everywhere). Then every numeric money
 * and energy field of the REST API and of the read tables is read, and none carries more decimals than its unit's
 * scale (price 4, energy 3, amount 2, cents 4): no binary floating-point artefact reaches a client or a table.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExactMoneyEverywhereTest {

  /** Keeps every JSON number's decimal digits as written (no parse through a double). */
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static final BigDecimal PRICE = new BigDecimal("16.82");
  private static final String BATTERY = "exact-1";
  private static final String BUYER = "exact-buyer";

  private TradingTestNode node;
  private DataSource readModels;
  private final ListAppender<ILoggingEvent> outcomes = new ListAppender<>();
  private Level outcomesLevel;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    Logger log = (Logger) LoggerFactory.getLogger(Battery.OUTCOMES.getName());
    outcomesLevel = log.getLevel();
    log.setLevel(Level.INFO);
    outcomes.start();
    log.addAppender(outcomes);
    // the test node runs the read-model projections and serves the history routes, as the node does
    node = new TradingTestNode(dir, "etp.read-models.group-within = 100ms");
    readModels = SchemaMigrations.Target.fromConfig(node.system.settings().config()).pool("exact-money-test", 1);
  }

  @AfterAll
  void stop() throws Exception {
    Logger log = (Logger) LoggerFactory.getLogger(Battery.OUTCOMES.getName());
    log.detachAppender(outcomes);
    log.setLevel(outcomesLevel);
    if (readModels instanceof AutoCloseable c) c.close();
    if (node != null) node.close();
  }

  @Test
  void aTradeAt1682IsExactlyThatInEveryApiFieldEveryReadTableAndTheLog() throws Exception {
    String admin = node.adminKey;
    assertEquals(201, node.post("/api/batteries", admin,
        "{\"battery_id\":\"" + BATTERY + "\",\"capacity_kwh\":10,\"percentage_for_sale\":50}").statusCode());
    HttpResponse<String> reserve = node.patch("/api/batteries/" + BATTERY + "/criteria", admin,
        "{\"reserve_c_per_kwh\":16.82}");
    assertEquals(200, reserve.statusCode(), reserve.body());
    HttpResponse<String> buyer = node.post("/api/aggregators", admin, """
        {"aggregator_id":"%s","requirement_kwh":1000,"max_price_c_per_kwh":20,"budget_c":1000000,
         "strategy":"fixed-increment","params":{"start_price_c_per_kwh":16.62,"increment_c_per_kwh":0.1}}"""
        .formatted(BUYER));
    assertEquals(201, buyer.statusCode(), buyer.body());
    assertTrue(16.62 + 0.1 + 0.1 != 16.82, "the bid this test relies on is a binary artefact");

    // the trade reaches the market window (journal tail) and the read model (projection)
    JsonNode trade = eventually(() -> first(json(node.get("/api/trades?limit=1000", admin).body()).path("items"),
        BATTERY));
    JsonNode historyTrade = eventually(() -> first(json(history("/api/trades/history?battery=" + BATTERY)).path(
        "items"), BATTERY));
    eventually(() -> {
      JsonNode items = json(history("/api/auctions/history?battery=" + BATTERY)).path("items");
      for (JsonNode a : items) if ("COMPLETED".equals(a.path("status").asText())) return a;
      return null;
    });
    assertEquals(0, PRICE.compareTo(trade.path("price_c_per_kwh").decimalValue()), trade.toString());
    assertEquals("16.82", trade.path("price_c_per_kwh").decimalValue().toPlainString(), trade.toString());
    assertEquals("16.82", historyTrade.path("price_c_per_kwh").decimalValue().toPlainString(),
        historyTrade.toString());
    BigDecimal energy = trade.path("energy_kwh").decimalValue();
    assertEquals(0, energy.compareTo(historyTrade.path("energy_kwh").decimalValue()), historyTrade.toString());
    BigDecimal amount = energy.multiply(PRICE).movePointLeft(2).setScale(2, java.math.RoundingMode.HALF_EVEN);
    // an amount is written at the currency's minor unit: energy x price rounded once, half-even
    assertEquals(0, amount.compareTo(trade.path("amount").decimalValue()), trade.toString());
    assertEquals(0, amount.compareTo(historyTrade.path("amount").decimalValue()), historyTrade.toString());
    assertEquals("EUR", trade.path("currency").asText());

    // every money and energy number of every REST resource, read as the decimal text the server wrote
    Map<String, String> api = new java.util.LinkedHashMap<>();
    api.put("/api/trades", history("/api/trades?limit=1000"));
    api.put("/api/auctions?state=active", node.get("/api/auctions?state=active", admin).body());
    api.put("/api/batteries", node.get("/api/batteries", admin).body());
    api.put("/api/batteries/" + BATTERY, node.get("/api/batteries/" + BATTERY, admin).body());
    api.put("/api/aggregators/" + BUYER, node.get("/api/aggregators/" + BUYER, admin).body());
    api.put("/api/events", node.get("/api/events?limit=10000", admin).body());
    api.put("/api/auctions/history", history("/api/auctions/history?battery=" + BATTERY));
    api.put("/api/trades/history", history("/api/trades/history"));
    api.put("/api/trades/summary", history("/api/trades/summary?battery=" + BATTERY));
    api.put("/api/batteries/{id}/telemetry", history("/api/batteries/" + BATTERY + "/telemetry"));
    api.put("/api/batteries/{id}/audit", history("/api/batteries/" + BATTERY + "/audit"));
    List<String> artefacts = new ArrayList<>();
    int[] checked = new int[1];
    Map<String, BigDecimal> tradePrices = new java.util.TreeMap<>();
    api.forEach((resource, body) -> walk(resource, json(body), artefacts, checked, tradePrices));
    assertEquals(List.of(), artefacts, "binary floating-point artefacts in the API");
    assertTrue(checked[0] >= 40, "money and energy fields read: " + checked[0]);
    // the trade's price as each view shows it: market window, live stream, history, summary
    assertEquals(java.util.Set.of("/api/trades", "/api/events", "/api/trades/history", "/api/trades/summary"),
        tradePrices.keySet(), "trade prices seen: " + tradePrices);
    tradePrices.forEach((where, p) -> assertEquals(0, PRICE.compareTo(p), where + ": a trade price of " + p));

    // every money and energy column of the read tables, as the database holds it
    List<String> columns = List.of(
        "auctions.lot_kwh", "auctions.reserve_c_per_kwh", "auctions.clearing_c_per_kwh", "auctions.energy_kwh",
        "bids.price_c_per_kwh", "bids.energy_kwh", "trades.energy_kwh", "trades.price_c_per_kwh",
        "battery_telemetry.capacity_kwh", "battery_telemetry.remaining_kwh",
        "bid_audit.price_c_per_kwh", "bid_audit.energy_kwh");
    int rows = 0;
    try (Connection c = readModels.getConnection(); Statement s = c.createStatement()) {
      for (String column : columns) {
        String[] tc = column.split("\\.");
        try (ResultSet rs = s.executeQuery("SELECT " + tc[1] + " FROM " + tc[0] + " WHERE battery_id = '"
            + BATTERY + "' AND " + tc[1] + " IS NOT NULL")) {
          while (rs.next()) {
            rows++;
            String text = rs.getString(1);
            check(column, text, scaleOf(tc[1]), artefacts);
          }
        }
      }
      try (ResultSet rs = s.executeQuery("SELECT price_c_per_kwh FROM trades WHERE battery_id = '" + BATTERY + "'")) {
        assertTrue(rs.next(), "a trade row");
        assertEquals(0, PRICE.compareTo(rs.getBigDecimal(1)), "trades.price_c_per_kwh " + rs.getString(1));
      }
    }
    assertEquals(List.of(), artefacts, "binary floating-point artefacts in the read models");
    assertTrue(rows >= 10, "read-model values read: " + rows);

    // the auction's outcome line in the log
    String line = outcomes.list.stream().map(ILoggingEvent::getFormattedMessage)
        .filter(m -> m.contains("battery=" + BATTERY) && m.contains("winner=" + BUYER)).findFirst().orElse(null);
    assertNotNull(line, "an outcome line for the trade");
    assertTrue(line.contains("clearing=16.82 c/kWh reserve=16.82 c/kWh"), line);
    Matcher m = Pattern.compile("\\d+\\.(\\d+)").matcher(line);
    while (m.find()) assertTrue(m.group(1).length() <= 4, "a number with a binary artefact in: " + line);
  }

  /** Checks every numeric field whose name says it is money or energy; collects the trade prices it passes. */
  private static void walk(String where, JsonNode node, List<String> artefacts, int[] checked,
      Map<String, BigDecimal> tradePrices) {
    if (node.isArray()) {
      for (JsonNode item : node) walk(where, item, artefacts, checked, tradePrices);
      return;
    }
    if (!node.isObject()) return;
    boolean isTrade = BATTERY.equals(node.path("battery_id").asText())
        && (node.has("confirmed_at") || "TRADE_CONFIRMED".equals(node.path("type").asText()));
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      JsonNode v = f.getValue();
      if (v.isNumber()) {
        int scale = scaleOf(f.getKey());
        if (scale >= 0) {
          checked[0]++;
          check(where + " " + f.getKey(), v.decimalValue().toPlainString(), scale, artefacts);
        }
      } else {
        walk(where, v, artefacts, checked, tradePrices);
      }
    }
    if (isTrade) {
      JsonNode price = node.has("payload") ? node.path("payload").path("price_c_per_kwh")
          : node.path("price_c_per_kwh");
      tradePrices.put(where, price.decimalValue());
    }
    if (node.has("average_price_c_per_kwh")) tradePrices.put(where, node.path("average_price_c_per_kwh").decimalValue());
  }

  /** The scale of a field by its unit: c/kWh 4, kWh 3, cents 4, an amount in currency 2; -1 if not money/energy. */
  private static int scaleOf(String field) {
    if (field.endsWith("_c_per_kwh")) return 4;
    if (field.endsWith("_kwh")) return 3;
    if (field.endsWith("_c")) return 4;
    if (field.equals("amount")) return 2;
    return -1;
  }

  private static void check(String where, String decimalText, int scale, List<String> artefacts) {
    BigDecimal v = new BigDecimal(decimalText).stripTrailingZeros();
    if (v.scale() > scale) artefacts.add(where + " = " + decimalText);
  }

  private static JsonNode first(JsonNode trades, String batteryId) {
    for (JsonNode t : trades) if (batteryId.equals(t.path("battery_id").asText())) return t;
    return null;
  }

  private static JsonNode json(String body) {
    try {
      return JSON.readTree(body);
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + body, e);
    }
  }

  private String history(String pathAndQuery) throws Exception {
    HttpResponse<String> r = node.get(pathAndQuery, node.adminKey);
    assertEquals(200, r.statusCode(), pathAndQuery + ": " + r.body());
    return r.body();
  }

  private static <T> T eventually(Callable<T> probe) throws Exception {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (true) {
      T value = probe.call();
      if (value != null) return value;
      if (System.nanoTime() > deadline) throw new AssertionError("not within " + PATIENCE);
      Thread.sleep(200);
    }
  }
}
