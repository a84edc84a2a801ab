package io.etp.api;

import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.etp.forecast.DayAheadForecast;
import io.etp.pipeline.DayResult;
import io.etp.risk.RiskReason;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The market-intelligence resources behind the real gateway's authentication, as the node serves them. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MarketIntelligenceRoutesTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  static final DayAheadForecast FORECAST = DayAheadForecast.of("SIM", LocalDate.of(2024, 1, 23), prices(),
      "EUR", "LEAR-21", Instant.parse("2024-01-23T00:00:00Z"));
  static final DayResult DAY = new DayResult("SIM", LocalDate.of(2024, 1, 22), "LEAR-21", "EUR", 6.5, 10, 0, 42,
      Map.of(RiskReason.POSITION_LIMIT_EXCEEDED, 3), 1200, 900, 55.25, 160.5, 160.5);

  private TestGateway server;
  private ServerBinding binding;
  private String viewer;
  private String operator;

  static double[] prices() {
    double[] p = new double[24];
    for (int h = 0; h < 24; h++) p[h] = h < 6 ? 120 : h >= 17 && h < 21 ? 200 : 160;
    return p;
  }

  /** The node's part: one zone with a forecast, one pipeline day. */
  static final class InMemoryIntelligence implements MarketIntelligenceView {
    @Override
    public CompletionStage<Optional<DayAheadForecast>> latestForecast(String zone) {
      return CompletableFuture.completedFuture(zone.equals("SIM") ? Optional.of(FORECAST) : Optional.empty());
    }

    @Override
    public CompletionStage<List<DayResult>> pipelineResults() {
      return CompletableFuture.completedFuture(List.of(DAY));
    }
  }

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    server = TestGateway.onH2(dir, """
        etp.access.anonymous-loopback-viewer = off
        etp.access.rate-limit.enabled = off
        """);
    var routes = new MarketIntelligenceRoutes(new InMemoryIntelligence(), server.gateway.access(),
        ForkJoinPool.commonPool()).routes();
    binding = Http.get(server.system).newServerAt("127.0.0.1", 0).bind(concat(routes, server.gateway.routes()))
        .toCompletableFuture().get(10, TimeUnit.SECONDS);
    viewer = key("mi-viewer", "viewer");
    operator = key("mi-operator", "operator");
  }

  @AfterAll
  void stop() {
    binding.unbind().toCompletableFuture().join();
    server.close();
  }

  HttpResponse<String> get(String path, String key) throws Exception {
    return server.send(HttpRequest.newBuilder(uri(path)).GET(), key);
  }

  HttpResponse<String> post(String path, String key, String json) throws Exception {
    return server.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)), key);
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + binding.localAddress().getPort() + path);
  }

  static final String BATTERY = """
      "battery": {"max_charge_kw": 100, "max_discharge_kw": 100, "max_soc_kwh": 200, "initial_soc_kwh": 100,
                  "end_soc_target_kwh": 100, "charge_efficiency": 0.95, "discharge_efficiency": 0.95}""";

  @Test
  void aViewerReadsTheLatestForecastInBothUnits() throws Exception {
    HttpResponse<String> r = get("/api/forecasts/SIM", viewer);
    assertEquals(200, r.statusCode(), r.body());
    JsonNode body = JSON.readTree(r.body());
    assertEquals("2024-01-23", body.path("delivery_day").asText());
    assertEquals("LEAR-21", body.path("model").asText());
    assertEquals(24, body.path("prices_per_mwh").size());
    assertEquals(200.0, body.path("prices_per_mwh").get(18).asDouble());
    assertEquals(20.0, body.path("prices_c_per_kwh").get(18).asDouble(), 1e-9);
  }

  @Test
  void anUnknownZoneIsNotFound() throws Exception {
    HttpResponse<String> r = get("/api/forecasts/NOWHERE", viewer);
    assertEquals(404, r.statusCode());
    assertEquals("forecast_not_found", JSON.readTree(r.body()).path("error").asText());
  }

  @Test
  void readingWithoutAKeyIsUnauthorized() throws Exception {
    assertEquals(401, get("/api/forecasts/SIM", null).statusCode());
    assertEquals(401, get("/api/market/results", null).statusCode());
    assertEquals(401, post("/api/optimise", null, "{}").statusCode());
  }

  @Test
  void aViewerReadsThePipelineResults() throws Exception {
    HttpResponse<String> r = get("/api/market/results", viewer);
    assertEquals(200, r.statusCode(), r.body());
    JsonNode day = JSON.readTree(r.body()).path("days").get(0);
    assertEquals("2024-01-22", day.path("day").asText());
    assertEquals(42, day.path("bids_submitted").asInt());
    assertEquals(3, day.path("rejected_by_reason").path("POSITION_LIMIT_EXCEEDED").asInt());
    assertEquals(55.25, day.path("revenue").asDouble(), 1e-9);
  }

  @Test
  void anOperatorOptimisesABatteryOnGivenPrices() throws Exception {
    StringBuilder prices = new StringBuilder();
    for (double p : prices()) prices.append(prices.length() == 0 ? "" : ",").append(p);
    HttpResponse<String> r = post("/api/optimise", operator, "{" + BATTERY + ", \"prices_per_mwh\": [" + prices + "]}");
    assertEquals(200, r.statusCode(), r.body());
    JsonNode body = JSON.readTree(r.body());
    assertEquals(24, body.path("schedule").size());
    assertTrue(body.path("profit").asDouble() > 0);
    JsonNode bids = body.path("bids");
    assertTrue(bids.size() > 0);
    boolean sellsInThePeak = false;
    for (JsonNode b : bids) {
      if (b.path("side").asText().equals("sell") && b.path("period").asInt() >= 17 && b.path("period").asInt() < 21) {
        sellsInThePeak = true;
      }
    }
    assertTrue(sellsInThePeak, r.body());
  }

  @Test
  void anOperatorOptimisesOnAZonesLatestForecast() throws Exception {
    HttpResponse<String> r = post("/api/optimise", operator, "{" + BATTERY + ", \"zone\": \"SIM\"}");
    assertEquals(200, r.statusCode(), r.body());
    JsonNode body = JSON.readTree(r.body());
    assertEquals("SIM", body.path("zone").asText());
    assertEquals(200.0, body.path("schedule").get(18).path("price_per_mwh").asDouble());
    assertEquals(404, post("/api/optimise", operator, "{" + BATTERY + ", \"zone\": \"NOWHERE\"}").statusCode());
  }

  @Test
  void aBadSpecIsABadRequestWithTheReason() throws Exception {
    HttpResponse<String> r = post("/api/optimise", operator, """
        {"battery": {"max_charge_kw": 100, "max_discharge_kw": 100, "max_soc_kwh": 200, "initial_soc_kwh": 300,
                     "charge_efficiency": 0.95, "discharge_efficiency": 0.95}, "prices_per_mwh": [1, 2]}""");
    assertEquals(400, r.statusCode());
    JsonNode body = JSON.readTree(r.body());
    assertEquals("invalid_battery", body.path("error").asText());
    assertTrue(r.body().contains("initialSocKwh"), r.body());
    assertEquals("invalid_battery", JSON.readTree(post("/api/optimise", operator,
        "{\"prices_per_mwh\": [1]}").body()).path("error").asText());
    assertEquals("invalid_prices", JSON.readTree(post("/api/optimise", operator,
        "{" + BATTERY + ", \"prices_per_mwh\": [1, \"x\"]}").body()).path("error").asText());
    assertEquals("invalid_prices", JSON.readTree(post("/api/optimise", operator,
        "{" + BATTERY + "}").body()).path("error").asText());
    assertEquals(400, post("/api/optimise", operator, "not json").statusCode());
  }

  @Test
  void anUnreachableEndTargetIsUnprocessable() throws Exception {
    // 2 hours at 10 kW cannot raise an empty 200 kWh battery to 150 kWh
    HttpResponse<String> r = post("/api/optimise", operator, """
        {"battery": {"max_charge_kw": 10, "max_discharge_kw": 10, "max_soc_kwh": 200, "initial_soc_kwh": 0,
                     "end_soc_target_kwh": 150, "charge_efficiency": 0.95, "discharge_efficiency": 0.95},
         "prices_per_mwh": [50, 60]}""");
    assertEquals(422, r.statusCode(), r.body());
    assertEquals("infeasible", JSON.readTree(r.body()).path("error").asText());
  }

  @Test
  void aViewerCannotOptimise() throws Exception {
    assertEquals(403, post("/api/optimise", viewer, "{" + BATTERY + ", \"zone\": \"SIM\"}").statusCode());
  }

  private String key(String label, String role) throws Exception {
    HttpResponse<String> created = server.post("/api/keys", server.adminKey,
        "{\"label\":\"" + label + "\",\"role\":\"" + role + "\"}");
    assertEquals(201, created.statusCode(), created.body());
    return JSON.readTree(created.body()).path("key").asText();
  }
}
