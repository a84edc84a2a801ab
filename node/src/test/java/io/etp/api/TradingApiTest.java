package io.etp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.etp.battery.Battery;
import io.etp.live.EventFilter;
import io.etp.live.LiveEvent;
import io.etp.live.LiveEventType;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.Done;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The market's REST resources and commands over real HTTP against a real one-node cluster: Battery and Aggregator
 * twins in Cluster Sharding on an H2 journal, {@code EntityMarket} behind the gateway, real API keys. Each test uses
 * its own twin ids; twins created here trade with each other for real.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TradingApiTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  private TradingTestNode node;
  private String viewer;
  private String operator;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    node = new TradingTestNode(dir, "");
    viewer = key("api-viewer", "viewer");
    operator = key("api-operator", "operator");
  }

  @AfterAll
  void stop() throws Exception {
    node.close();
  }

  @Test
  void anOperatorRegistersABatteryThatViewersThenSee() throws Exception {
    HttpResponse<String> created = node.post("/api/batteries", operator,
        "{\"battery_id\":\"reg-1\",\"capacity_kwh\":20,\"remaining_kwh\":15,\"percentage_for_sale\":40,\"voltage_v\":380}");
    assertEquals(201, created.statusCode(), created.body());
    JsonNode battery = JSON.readTree(created.body());
    assertEquals("ONLINE", battery.path("availability").asText());
    assertEquals(20.0, battery.path("capacity_kwh").asDouble());
    assertEquals(15.0, battery.path("energy_kwh").asDouble());
    assertEquals(380.0, battery.path("voltage_v").asDouble());

    HttpResponse<String> again = node.post("/api/batteries", operator,
        "{\"battery_id\":\"reg-1\",\"capacity_kwh\":20}");
    assertEquals(200, again.statusCode(), "registering again updates: " + again.body());

    HttpResponse<String> one = node.get("/api/batteries/reg-1", viewer);
    assertEquals(200, one.statusCode());
    assertEquals("reg-1", JSON.readTree(one.body()).path("battery_id").asText());

    JsonNode listed = eventually(() -> {
      for (JsonNode b : JSON.readTree(node.get("/api/batteries", viewer).body())) {
        if (b.path("battery_id").asText().equals("reg-1")) {
          return b;
        }
      }
      return null;
    });
    assertEquals(20.0, listed.path("capacity_kwh").asDouble());
    assertFalse(listed.has("aggregator_id"), "a battery belongs to no aggregator; absent values are left out");
  }

  @Test
  void registrationsAreValidated() throws Exception {
    assertProblem(node.post("/api/batteries", operator, "{not json"), 400, "malformed_json");
    assertProblem(node.post("/api/batteries", operator, "{\"battery_id\":\"ok-1\"}"), 400, "invalid_capacity_kwh");
    assertProblem(node.post("/api/batteries", operator, "{\"battery_id\":\"no spaces\",\"capacity_kwh\":5}"), 400,
        "invalid_battery_id");
    assertProblem(node.post("/api/batteries", operator,
        "{\"battery_id\":\"ok-1\",\"capacity_kwh\":5,\"remaining_kwh\":6}"), 400, "invalid_remaining_kwh");
    assertEquals(404, node.get("/api/batteries/ok-1", viewer).statusCode(), "nothing was registered");
  }

  @Test
  void commandsNeedAKeyAndTheOperatorRole() throws Exception {
    assertProblem(node.post("/api/batteries", null, "{\"battery_id\":\"x-1\",\"capacity_kwh\":5}"), 401,
        "missing_credentials");
    assertProblem(node.post("/api/batteries", viewer, "{\"battery_id\":\"x-1\",\"capacity_kwh\":5}"), 403,
        "forbidden");
    assertProblem(node.patch("/api/batteries/x-1/criteria", viewer, "{\"reserve_c_per_kwh\":10}"), 403, "forbidden");
    assertProblem(node.post("/api/aggregators/x-1/pause", viewer, ""), 403, "forbidden");
    assertProblem(node.get("/api/aggregators/x-1", null), 401, "missing_credentials");
  }

  @Test
  void unknownTwinsAreNotFound() throws Exception {
    assertProblem(node.get("/api/batteries/ghost-1", viewer), 404, "battery_not_found");
    assertProblem(node.patch("/api/batteries/ghost-1/criteria", operator, "{\"reserve_c_per_kwh\":10}"), 404,
        "battery_not_found");
    assertProblem(node.get("/api/aggregators/ghost-1", viewer), 404, "aggregator_not_found");
    assertProblem(node.post("/api/aggregators/ghost-1/pause", operator, ""), 404, "aggregator_not_found");
    assertProblem(node.put("/api/aggregators/ghost-1/targets", operator,
        "{\"requirement_kwh\":1,\"max_price_c_per_kwh\":1,\"budget_c\":1}"), 404, "aggregator_not_found");
  }

  @Test
  void everyAggregatorCommandAnswers404ForAnUnknownAggregatorAndCreationValidatesItsBody() throws Exception {
    assertProblem(node.patch("/api/aggregators/ghost-2/strategy", operator, "{\"strategy\":\"adaptive\"}"), 404,
        "aggregator_not_found");
    assertProblem(node.post("/api/aggregators/ghost-2/resume", operator, ""), 404, "aggregator_not_found");
    assertProblem(node.post("/api/aggregators", operator, "{not json"), 400, "malformed_json");
    assertProblem(node.post("/api/aggregators", operator, "{\"requirement_kwh\":0,\"max_price_c_per_kwh\":18,"
        + "\"budget_c\":5000}"), 400, "invalid_aggregator_id");
    assertProblem(node.post("/api/aggregators", operator, "{\"aggregator_id\":\"bad-strategy-1\",\"requirement_kwh\":0,"
        + "\"max_price_c_per_kwh\":18,\"budget_c\":5000,\"strategy\":\"greedy\"}"), 400, "invalid_strategy");
    assertEquals(404, node.get("/api/aggregators/bad-strategy-1", viewer).statusCode(), "nothing was created");
  }

  @Test
  void theLiveEventEndpointsNameWhatIsWrongWithTheirQuery() throws Exception {
    assertProblem(node.get("/api/events?from=-1", viewer), 400, "invalid_from");
    assertProblem(node.get("/api/events?from=abc", viewer), 400, "invalid_from");
    assertProblem(node.get("/api/events?limit=0", viewer), 400, "invalid_limit");
    assertProblem(node.get("/api/events?types=NOPE", viewer), 400, "invalid_filter");
    // the WebSocket endpoint validates its query before the upgrade, so a plain GET shows the same answers
    assertProblem(node.get("/ws/events?from=abc", viewer), 400, "invalid_from");
    assertProblem(node.get("/ws/events?types=NOPE", viewer), 400, "invalid_filter");
  }

  @Test
  void listingsRefuseParametersTheyDoNotServe() throws Exception {
    assertProblem(node.get("/api/auctions?state=closed", viewer), 400, "invalid_state");
  }

  @Test
  void anOperatorChangesABatterysReservePriceKeepingTheOtherCriteria() throws Exception {
    assertEquals(201, node.post("/api/batteries", operator,
        "{\"battery_id\":\"crit-1\",\"capacity_kwh\":10,\"percentage_for_sale\":0}").statusCode());
    JsonNode before = JSON.readTree(node.get("/api/batteries/crit-1", viewer).body()).path("criteria");

    HttpResponse<String> changed = node.patch("/api/batteries/crit-1/criteria", operator,
        "{\"reserve_c_per_kwh\":16.5}");
    assertEquals(200, changed.statusCode(), changed.body());
    JsonNode after = JSON.readTree(changed.body()).path("criteria");
    assertEquals(16.5, after.path("reserve_c_per_kwh").asDouble());
    assertEquals(before.path("min_reputation").asDouble(), after.path("min_reputation").asDouble());
    assertEquals(before.path("max_energy_per_trade_kwh").asDouble(), after.path("max_energy_per_trade_kwh").asDouble());
    assertEquals(16.5, JSON.readTree(node.get("/api/batteries/crit-1", viewer).body())
        .path("criteria").path("reserve_c_per_kwh").asDouble(), "the twin keeps it");

    assertProblem(node.patch("/api/batteries/crit-1/criteria", operator, "{\"min_reputation\":2}"), 400,
        "invalid_min_reputation");
  }

  @Test
  void anOperatorCreatesAndSteersAnAggregator() throws Exception {
    HttpResponse<String> created = node.post("/api/aggregators", operator, """
        {"aggregator_id":"ops-1","requirement_kwh":0,"max_price_c_per_kwh":18,"budget_c":5000,
         "strategy":"value-based","params":{"margin_c_per_kwh":0.75}}""");
    assertEquals(201, created.statusCode(), created.body());
    JsonNode aggregator = JSON.readTree(created.body());
    assertEquals("value-based", aggregator.path("strategy").asText());
    assertEquals(0.75, aggregator.path("params").path("margin_c_per_kwh").asDouble());
    assertEquals(18.0, aggregator.path("max_price_c_per_kwh").asDouble());

    assertProblem(node.post("/api/aggregators", operator,
        "{\"aggregator_id\":\"ops-1\",\"requirement_kwh\":0,\"max_price_c_per_kwh\":18,\"budget_c\":5000}"), 409,
        "aggregator_exists");

    HttpResponse<String> strategy = node.patch("/api/aggregators/ops-1/strategy", operator,
        "{\"strategy\":\"adaptive\",\"params\":{\"target_success_rate\":0.8}}");
    assertEquals(200, strategy.statusCode(), strategy.body());
    assertEquals("adaptive", JSON.readTree(strategy.body()).path("strategy").asText());
    assertEquals(0.8, JSON.readTree(strategy.body()).path("params").path("target_success_rate").asDouble());
    assertEquals(0.75, JSON.readTree(strategy.body()).path("params").path("margin_c_per_kwh").asDouble(),
        "parameters not given are kept");
    assertProblem(node.patch("/api/aggregators/ops-1/strategy", operator, "{\"strategy\":\"greedy\"}"), 400,
        "invalid_strategy");

    HttpResponse<String> targets = node.put("/api/aggregators/ops-1/targets", operator,
        "{\"requirement_kwh\":0,\"max_price_c_per_kwh\":21,\"budget_c\":9000}");
    assertEquals(200, targets.statusCode(), targets.body());
    assertEquals(21.0, JSON.readTree(targets.body()).path("max_price_c_per_kwh").asDouble());
    assertProblem(node.put("/api/aggregators/ops-1/targets", operator, "{\"requirement_kwh\":0}"), 400,
        "invalid_max_price_c_per_kwh");

    HttpResponse<String> paused = node.post("/api/aggregators/ops-1/pause", operator, "");
    assertEquals(200, paused.statusCode(), paused.body());
    assertTrue(JSON.readTree(paused.body()).path("paused").asBoolean());
    assertTrue(JSON.readTree(node.get("/api/aggregators/ops-1", viewer).body()).path("paused").asBoolean());
    HttpResponse<String> resumed = node.post("/api/aggregators/ops-1/resume", operator, "");
    assertFalse(JSON.readTree(resumed.body()).path("paused").asBoolean());
  }

  @Test
  void anOpenAuctionIsListedWithItsBidsAndAnOperatorTerminatesIt() throws Exception {
    var rules = node.core.batterySettings().auctionRules().withWindow(Duration.ofMinutes(5));
    node.core.battery("long-1").<Done>ask(r -> new Battery.ChangeAuctionRules(rules, r), Duration.ofSeconds(10))
        .toCompletableFuture().get(20, TimeUnit.SECONDS);
    assertEquals(201, node.post("/api/batteries", operator,
        "{\"battery_id\":\"long-1\",\"capacity_kwh\":10,\"percentage_for_sale\":50}").statusCode());
    buyer("buyer-long");

    JsonNode auction = eventually(() -> {
      for (JsonNode a : JSON.readTree(node.get("/api/auctions?state=active", viewer).body())) {
        if (a.path("battery_id").asText().equals("long-1") && a.path("bids").size() > 0) {
          return a;
        }
      }
      return null;
    });
    String auctionId = auction.path("auction_id").asText();
    assertTrue(auction.path("bids").get(0).path("aggregator_id").asText().startsWith("buyer-"), auction.toString());
    assertTrue(auction.path("reserve_c_per_kwh").asDouble() > 0);

    assertProblem(node.post("/api/auctions/" + auctionId + "/terminate", viewer, "{\"reason\":\"grid alarm\"}"), 403,
        "forbidden");
    assertProblem(node.post("/api/auctions/" + auctionId + "/terminate", operator, "{}"), 400, "invalid_reason");
    HttpResponse<String> terminated = node.post("/api/auctions/" + auctionId + "/terminate", operator,
        "{\"reason\":\"grid alarm\"}");
    assertEquals(202, terminated.statusCode(), terminated.body());

    LiveEvent ended = eventually(() -> node.hub().recent(0, 10_000, EventFilter.ALL).stream()
        .filter(e -> e.type() == LiveEventType.AUCTION_TERMINATED && auctionId.equals(e.auctionId()))
        .findFirst().orElse(null));
    assertEquals("CANCELLED", ended.payload().reason());
    assertProblem(node.post("/api/auctions/" + auctionId + "/terminate", operator, "{\"reason\":\"again\"}"), 409,
        "auction_closed");
    assertProblem(node.post("/api/auctions/long-1-a999/terminate", operator, "{\"reason\":\"x\"}"), 404,
        "auction_not_found");
    assertProblem(node.post("/api/auctions/no-such-auction/terminate", operator, "{\"reason\":\"x\"}"), 404,
        "auction_not_found");
  }

  @Test
  void confirmedTradesAreServedFromTheReadModel() throws Exception {
    assertEquals(201, node.post("/api/batteries", operator,
        "{\"battery_id\":\"trade-1\",\"capacity_kwh\":10,\"percentage_for_sale\":50}").statusCode());
    buyer("buyer-trade");

    JsonNode trade = eventually(() -> {
      for (JsonNode t : JSON.readTree(node.get("/api/trades?battery=trade-1", viewer).body()).path("items")) {
        if (t.path("battery_id").asText().equals("trade-1")) {
          return t;
        }
      }
      return null;
    });
    assertTrue(trade.path("aggregator_id").asText().startsWith("buyer-"), trade.toString());
    assertTrue(trade.path("price_c_per_kwh").asDouble() >= trade.path("reserve_c_per_kwh").asDouble(),
        trade.toString());
    assertTrue(trade.path("energy_kwh").asDouble() > 0, trade.toString());
    assertProblem(node.get("/api/trades?limit=0", viewer), 400, "invalid_limit");
  }

  @Test
  void aBatteryReportsTheEnergyItHasLeftAfterItsTrades() throws Exception {
    // issue #12: registered with 15 kWh, it sold energy; before, REST kept the registration's 15 kWh (only a
    // restart showed what was left). Now the twin reports the journal's energy: 15 minus what it sold.
    assertEquals(201, node.post("/api/batteries", operator,
        "{\"battery_id\":\"energy-1\",\"capacity_kwh\":20,\"remaining_kwh\":15,\"percentage_for_sale\":50}")
        .statusCode());
    buyer("buyer-energy");
    BigDecimal registered = new BigDecimal("15");
    eventually(() -> {
      BigDecimal sold = BigDecimal.ZERO;
      int trades = 0;
      for (JsonNode t : JSON.readTree(node.get("/api/trades?battery=energy-1", viewer).body()).path("items")) {
        if (t.path("battery_id").asText().equals("energy-1")) {
          sold = sold.add(t.path("energy_kwh").decimalValue());
          trades++;
        }
      }
      JsonNode battery = JSON.readTree(node.get("/api/batteries/energy-1", viewer).body());
      BigDecimal energy = battery.path("energy_kwh").decimalValue();
      return trades > 0 && energy.compareTo(registered.subtract(sold)) == 0 ? energy : null;
    });
  }

  @Test
  void servesItsOpenApiDescription() throws Exception {
    HttpResponse<String> response = node.get("/api/openapi.json", null);
    assertEquals(200, response.statusCode());
    JsonNode spec = JSON.readTree(response.body());
    assertTrue(spec.path("openapi").asText().startsWith("3."));
    assertTrue(spec.path("paths").has("/api/aggregators/{id}/strategy"));
  }

  private void buyer(String id) throws Exception {
    HttpResponse<String> created = node.post("/api/aggregators", operator, """
        {"aggregator_id":"%s","requirement_kwh":1000,"max_price_c_per_kwh":20,"budget_c":1000000}""".formatted(id));
    assertEquals(201, created.statusCode(), created.body());
  }

  private static void assertProblem(HttpResponse<String> response, int status, String code) throws Exception {
    assertEquals(status, response.statusCode(), response.body());
    assertEquals(code, JSON.readTree(response.body()).path("error").asText(), response.body());
  }

  private static <T> T eventually(Callable<T> probe) throws Exception {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (true) {
      T value = probe.call();
      if (value != null) {
        return value;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + PATIENCE);
      }
      Thread.sleep(200);
    }
  }

  private String key(String label, String role) throws Exception {
    HttpResponse<String> created = node.post("/api/keys", node.adminKey,
        "{\"label\":\"" + label + "\",\"role\":\"" + role + "\"}");
    assertEquals(201, created.statusCode(), created.body());
    return JSON.readTree(created.body()).path("key").asText();
  }
}
