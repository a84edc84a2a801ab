package io.etp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import io.etp.access.Role;
import io.etp.edge.EdgeMetrics;
import io.etp.metrics.LiveFigures;
import io.etp.metrics.MetricsRoutes;
import io.etp.metrics.NodeMetrics;
import io.etp.persistence.SchemaMigrations;
import io.etp.readmodel.HistoryQueries;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The access statuses of every protected endpoint, on a real trading node with a tight rate limit: 401 without a key
 * and with an unknown key, 403 for a role below the endpoint's, 429 with Retry-After once a key is over its burst.
 * The endpoint-specific 400, 404 and 409 answers are in the resource tests (TradingApiTest, MarketRoutesTest,
 * ApiKeyRoutesContract, LiveEventsWebSocketTest, MarketIntelligenceRoutesTest); see the table in docs/api.md. The
 * public endpoints (health, the dashboard's files, openapi.json) take no key: OpenApiCoverageTest.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RouteStatusMatrixTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A protected endpoint: method, a concrete path, the role it needs, a body for writes. */
  record Endpoint(String method, String path, Role role, String body) {
    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  static final List<Endpoint> PROTECTED = List.of(
      new Endpoint("GET", "/ws/events", Role.VIEWER, null),
      new Endpoint("GET", "/api/events", Role.VIEWER, null),
      new Endpoint("GET", "/metrics", Role.VIEWER, null),
      new Endpoint("GET", "/api/batteries", Role.VIEWER, null),
      new Endpoint("GET", "/api/batteries/bat-m", Role.VIEWER, null),
      new Endpoint("GET", "/api/auctions", Role.VIEWER, null),
      new Endpoint("GET", "/api/trades", Role.VIEWER, null),
      new Endpoint("GET", "/api/auctions/history", Role.VIEWER, null),
      new Endpoint("GET", "/api/trades/history", Role.VIEWER, null),
      new Endpoint("GET", "/api/trades/summary", Role.VIEWER, null),
      new Endpoint("GET", "/api/trades/export?from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z", Role.VIEWER, null),
      new Endpoint("GET", "/api/alerts/active", Role.VIEWER, null),
      new Endpoint("GET", "/api/batteries/bat-m/telemetry", Role.VIEWER, null),
      new Endpoint("GET", "/api/batteries/bat-m/audit", Role.OPERATOR, null),
      new Endpoint("GET", "/api/aggregators/agg-m", Role.VIEWER, null),
      new Endpoint("POST", "/api/batteries", Role.OPERATOR, "{\"battery_id\":\"bat-m\",\"capacity_kwh\":5}"),
      new Endpoint("PATCH", "/api/batteries/bat-m/criteria", Role.OPERATOR, "{\"reserve_c_per_kwh\":10}"),
      new Endpoint("POST", "/api/auctions/auc-m/terminate", Role.OPERATOR, "{\"reason\":\"test\"}"),
      new Endpoint("POST", "/api/aggregators", Role.OPERATOR, "{}"),
      new Endpoint("PATCH", "/api/aggregators/agg-m/strategy", Role.OPERATOR, "{}"),
      new Endpoint("PUT", "/api/aggregators/agg-m/targets", Role.OPERATOR, "{}"),
      new Endpoint("POST", "/api/aggregators/agg-m/pause", Role.OPERATOR, ""),
      new Endpoint("POST", "/api/aggregators/agg-m/resume", Role.OPERATOR, ""),
      new Endpoint("GET", "/api/keys", Role.ADMIN, null),
      new Endpoint("POST", "/api/keys", Role.ADMIN, "{\"label\":\"x\",\"role\":\"viewer\"}"),
      new Endpoint("DELETE", "/api/keys/key-m", Role.ADMIN, null),
      new Endpoint("GET", "/api/audit", Role.ADMIN, null),
      new Endpoint("GET", "/api/forecasts/SIM", Role.VIEWER, null),
      new Endpoint("GET", "/api/market/results", Role.VIEWER, null),
      new Endpoint("POST", "/api/optimise", Role.OPERATOR, "{}"));

  /**
   * Served by the second binding (metrics, alerts, market intelligence and history, on the same access control); the
   * trades and their export are served by the node's binding, as TradingTestNode wires the read side.
   */
  private static final java.util.Set<String> ON_SIDE_BINDING =
      java.util.Set.of("/metrics", "/api/alerts/active", "/api/forecasts/SIM", "/api/market/results", "/api/optimise",
          "/api/auctions/history", "/api/trades/history", "/api/trades/summary", "/api/batteries/bat-m/telemetry",
          "/api/batteries/bat-m/audit");

  private TradingTestNode node;
  private ServerBinding metrics;
  private HikariDataSource history;
  private final HttpClient http = HttpClient.newHttpClient();
  private String viewer;
  private String operator;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    // a burst of 2 refilled at one request per 4 s: a third request in a row is refused
    node = new TradingTestNode(dir, "etp.access.rate-limit { enabled = on, burst = 2, per-second = 0.25 }\n"
        + "etp.access.auth-failures.burst = 100000"); // this test fails authentication on purpose, many times
    viewer = key("matrix-viewer", "viewer");
    operator = key("matrix-operator", "operator");
    history = SchemaMigrations.Target.fromConfig(node.system.settings().config()).pool("matrix-history", 2);
    NodeMetrics nodeMetrics = new NodeMetrics(new NodeMetrics.Sources(node.core.timings(),
        new LiveFigures(Clock.systemUTC()), new EdgeMetrics(), () -> 0, () -> 0, () -> 0,
        () -> io.etp.alerts.AlertMonitor.Status.NONE));
    metrics = Http.get(node.system).newServerAt("127.0.0.1", 0)
        .bind(org.apache.pekko.http.javadsl.server.Directives.concat(
            new MetricsRoutes(nodeMetrics, node.gateway.access()).routes(),
            new io.etp.alerts.AlertRoutes(List::of, node.gateway.access()).routes(),
            new MarketIntelligenceRoutes(new MarketIntelligenceRoutesTest.InMemoryIntelligence(),
                node.gateway.access(), java.util.concurrent.ForkJoinPool.commonPool()).routes(),
            new HistoryRoutes(new HistoryQueries(history),
                node.gateway.access(), java.util.concurrent.ForkJoinPool.commonPool(),
                io.etp.money.MarketCurrency.EUR).routes()))
        .toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @AfterAll
  void stop() throws Exception {
    metrics.unbind().toCompletableFuture().get(10, TimeUnit.SECONDS);
    history.close();
    node.close();
  }

  @Test
  void everyProtectedEndpointAnswers401WithoutAKeyAndWithAnUnknownKey() throws Exception {
    List<String> wrong = new ArrayList<>();
    for (Endpoint e : PROTECTED) {
      expect(wrong, e, send(e, null), 401, "missing_credentials");
      HttpResponse<String> unknown = send(e, "etp_unknown_key_0123456789abcdefghijklmnop");
      expect(wrong, e, unknown, 401, "invalid_credentials");
      if (unknown.statusCode() == 401 && unknown.headers().firstValue("WWW-Authenticate").isEmpty()) {
        wrong.add(e + ": 401 without WWW-Authenticate");
      }
    }
    assertTrue(wrong.isEmpty(), String.join("\n", wrong));
  }

  @Test
  void everyOperatorAndAdminEndpointAnswers403ToALowerRole() throws Exception {
    List<String> wrong = new ArrayList<>();
    int checked = 0;
    for (Endpoint e : PROTECTED) {
      if (e.role() == Role.OPERATOR || e.role() == Role.ADMIN) {
        expect(wrong, e, send(e, viewer), 403, "forbidden");
        checked++;
      }
      if (e.role() == Role.ADMIN) {
        expect(wrong, e, send(e, operator), 403, "forbidden");
      }
    }
    assertEquals(14, checked);
    assertTrue(wrong.isEmpty(), String.join("\n", wrong));
  }

  @Test
  void everyProtectedEndpointAnswers429WithRetryAfterOnceAKeyIsOverItsBurst() throws Exception {
    List<String> wrong = new ArrayList<>();
    for (Endpoint e : PROTECTED) {
      String key = switch (e.role()) {
        case VIEWER -> viewer;
        case OPERATOR -> operator;
        case ADMIN -> node.adminKey;
      };
      HttpResponse<String> response = null;
      // at most burst + 1 requests reach a refusal (fewer when the previous endpoint left the bucket empty)
      for (int i = 0; i < 3 && (response == null || response.statusCode() != 429); i++) {
        response = send(e, key);
      }
      expect(wrong, e, response, 429, "rate_limited");
      if (response.statusCode() == 429 && response.headers().firstValue("Retry-After").isEmpty()) {
        wrong.add(e + ": 429 without Retry-After");
      }
    }
    assertTrue(wrong.isEmpty(), String.join("\n", wrong));
  }

  private static void expect(List<String> wrong, Endpoint e, HttpResponse<String> response, int status, String code)
      throws Exception {
    if (response.statusCode() != status) {
      wrong.add(e + ": expected " + status + " " + code + ", got " + response.statusCode() + " " + response.body());
      return;
    }
    JsonNode body = JSON.readTree(response.body());
    if (!code.equals(body.path("error").asText())) {
      wrong.add(e + ": expected error " + code + ", got " + response.body());
    }
  }

  private HttpResponse<String> send(Endpoint e, String key) throws Exception {
    URI uri = ON_SIDE_BINDING.contains(e.path())
        ? URI.create("http://127.0.0.1:" + metrics.localAddress().getPort() + e.path()) : node.http(e.path());
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).method(e.method(), e.body() == null
        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(e.body()));
    if (e.body() != null) {
      request.header("Content-Type", "application/json");
    }
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private String key(String label, String role) throws Exception {
    HttpResponse<String> created = node.post("/api/keys", node.adminKey,
        "{\"label\":\"" + label + "\",\"role\":\"" + role + "\"}");
    assertEquals(201, created.statusCode(), created.body());
    return JSON.readTree(created.body()).path("key").asText();
  }
}
