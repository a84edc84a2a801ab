package io.etp.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.etp.persistence.SchemaMigrations;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenAPI description against the real node's route tree (Node, as Main starts it, without the fleet). Pekko HTTP
 * routes cannot be listed, so {@link #ENDPOINTS} names every endpoint with an example request; the tests check that
 * the list and {@code /api/openapi.json} describe the same endpoints, that each one is answered by a route (not the
 * catch-all 404 {@code not_found} nor 405), and that a method or path the description leaves out is not answered.
 * A new route therefore needs its entry here and in openapi.json, or these tests fail.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiCoverageTest {

  /** One endpoint: its method, its path as openapi.json writes it, and a concrete path to send. */
  record Endpoint(String method, String template, String example) {
    String key() {
      return method + " " + template;
    }
  }

  static final List<Endpoint> ENDPOINTS = List.of(
      new Endpoint("GET", "/", "/"),
      new Endpoint("GET", "/assets/{file}", "/assets/app.js"),
      new Endpoint("GET", "/webjars/chart.js/{file}", "/webjars/chart.js/4.5.1/dist/chart.umd.min.js"),
      new Endpoint("GET", "/health/alive", "/health/alive"),
      new Endpoint("GET", "/health/ready", "/health/ready"),
      new Endpoint("GET", "/metrics", "/metrics"),
      new Endpoint("GET", "/ws/events", "/ws/events"),
      new Endpoint("GET", "/api/openapi.json", "/api/openapi.json"),
      new Endpoint("GET", "/api/events", "/api/events"),
      new Endpoint("GET", "/api/batteries", "/api/batteries"),
      new Endpoint("POST", "/api/batteries", "/api/batteries"),
      new Endpoint("GET", "/api/batteries/{id}", "/api/batteries/bat-x"),
      new Endpoint("PATCH", "/api/batteries/{id}/criteria", "/api/batteries/bat-x/criteria"),
      new Endpoint("GET", "/api/auctions", "/api/auctions"),
      new Endpoint("POST", "/api/auctions/{id}/terminate", "/api/auctions/auc-x/terminate"),
      new Endpoint("GET", "/api/trades", "/api/trades"),
      new Endpoint("GET", "/api/auctions/history", "/api/auctions/history"),
      new Endpoint("GET", "/api/trades/history", "/api/trades/history"),
      new Endpoint("GET", "/api/trades/summary", "/api/trades/summary"),
      new Endpoint("GET", "/api/trades/export",
          "/api/trades/export?from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z"),
      new Endpoint("GET", "/api/alerts/active", "/api/alerts/active"),
      new Endpoint("GET", "/api/batteries/{id}/telemetry", "/api/batteries/bat-x/telemetry"),
      new Endpoint("GET", "/api/batteries/{id}/audit", "/api/batteries/bat-x/audit"),
      new Endpoint("POST", "/api/aggregators", "/api/aggregators"),
      new Endpoint("GET", "/api/aggregators/{id}", "/api/aggregators/agg-x"),
      new Endpoint("PATCH", "/api/aggregators/{id}/strategy", "/api/aggregators/agg-x/strategy"),
      new Endpoint("PUT", "/api/aggregators/{id}/targets", "/api/aggregators/agg-x/targets"),
      new Endpoint("POST", "/api/aggregators/{id}/pause", "/api/aggregators/agg-x/pause"),
      new Endpoint("POST", "/api/aggregators/{id}/resume", "/api/aggregators/agg-x/resume"),
      new Endpoint("GET", "/api/keys", "/api/keys"),
      new Endpoint("POST", "/api/keys", "/api/keys"),
      new Endpoint("DELETE", "/api/keys/{id}", "/api/keys/key-x"),
      new Endpoint("GET", "/api/audit", "/api/audit"),
      new Endpoint("GET", "/api/forecasts/{zone}", "/api/forecasts/NL"),
      new Endpoint("GET", "/api/market/results", "/api/market/results"),
      new Endpoint("POST", "/api/optimise", "/api/optimise"));

  /**
   * The least an endpoint needs: {@code public} (no key), or a role. Every endpoint must have an entry: a new route
   * without one fails {@link #everyEndpointAnswersEachKindOfAnonymousCallerAsItsAccessRequires}. The keyed roles
   * (viewer, operator, admin: 401, 403, 429) are RouteStatusMatrixTest's, over the same protected endpoints.
   */
  static final java.util.Map<String, String> ACCESS = java.util.Map.ofEntries(
      java.util.Map.entry("GET /", "public"),
      java.util.Map.entry("GET /assets/{file}", "public"),
      java.util.Map.entry("GET /webjars/chart.js/{file}", "public"),
      java.util.Map.entry("GET /health/alive", "public"),
      java.util.Map.entry("GET /health/ready", "public"),
      java.util.Map.entry("GET /api/openapi.json", "public"),
      java.util.Map.entry("GET /metrics", "viewer"),
      java.util.Map.entry("GET /ws/events", "viewer"),
      java.util.Map.entry("GET /api/events", "viewer"),
      java.util.Map.entry("GET /api/batteries", "viewer"),
      java.util.Map.entry("POST /api/batteries", "operator"),
      java.util.Map.entry("GET /api/batteries/{id}", "viewer"),
      java.util.Map.entry("PATCH /api/batteries/{id}/criteria", "operator"),
      java.util.Map.entry("GET /api/auctions", "viewer"),
      java.util.Map.entry("POST /api/auctions/{id}/terminate", "operator"),
      java.util.Map.entry("GET /api/trades", "viewer"),
      java.util.Map.entry("GET /api/auctions/history", "viewer"),
      java.util.Map.entry("GET /api/trades/history", "viewer"),
      java.util.Map.entry("GET /api/trades/summary", "viewer"),
      java.util.Map.entry("GET /api/trades/export", "viewer"),
      java.util.Map.entry("GET /api/alerts/active", "viewer"),
      java.util.Map.entry("GET /api/batteries/{id}/telemetry", "viewer"),
      java.util.Map.entry("GET /api/batteries/{id}/audit", "operator"),
      java.util.Map.entry("POST /api/aggregators", "operator"),
      java.util.Map.entry("GET /api/aggregators/{id}", "viewer"),
      java.util.Map.entry("PATCH /api/aggregators/{id}/strategy", "operator"),
      java.util.Map.entry("PUT /api/aggregators/{id}/targets", "operator"),
      java.util.Map.entry("POST /api/aggregators/{id}/pause", "operator"),
      java.util.Map.entry("POST /api/aggregators/{id}/resume", "operator"),
      java.util.Map.entry("GET /api/keys", "admin"),
      java.util.Map.entry("POST /api/keys", "admin"),
      java.util.Map.entry("DELETE /api/keys/{id}", "admin"),
      java.util.Map.entry("GET /api/audit", "admin"),
      java.util.Map.entry("GET /api/forecasts/{zone}", "viewer"),
      java.util.Map.entry("GET /api/market/results", "viewer"),
      java.util.Map.entry("POST /api/optimise", "operator"));

  private static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE");
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String ADMIN_KEY = io.etp.access.KeySecrets.generate();
  /** The roles in rising order: a caller may use an endpoint whose entry is its role or one before it. */
  private static final List<String> ROLES = List.of("public", "viewer", "operator", "admin");

  private final java.util.Map<String, String> keys = new java.util.HashMap<>();
  private ActorSystem<Void> node;
  private int port;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  void startNode(@TempDir Path dir) throws Exception {
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    Config config = ConfigFactory.parseString("""
            etp.http.port = %d
            etp.fleet.enabled = off
            etp.access.rate-limit.enabled = off
            etp.access.auth-failures.burst = 100000
            etp.access.generate-admin-key-at-first-start = off
            etp.access.bootstrap-admin-key = "%s"
            pekko.remote.artery.canonical.port = 0
            pekko.coordinated-shutdown.exit-jvm = off
            pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off
            pekko-persistence-jdbc.shared-databases.slick.db.url = "jdbc:h2:file:%s;DATABASE_TO_UPPER=false"
            """.formatted(port, ADMIN_KEY, dir.resolve("etp")))
        .withFallback(ConfigFactory.load())
        .resolve();
    SchemaMigrations.migrate(config);
    node = ActorSystem.create(Node.create(), "etp", config);
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    int ready = 0;
    while (System.nanoTime() < deadline && ready != 200) {
      Thread.sleep(250);
      try {
        ready = send("GET", "/health/ready").statusCode();
      } catch (java.io.IOException notYetBound) {
        ready = 0;
      }
    }
    assertEquals(200, ready, "/health/ready");
    keys.put("admin", ADMIN_KEY);
    for (String role : List.of("viewer", "operator")) {
      HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
              + "/api/keys")).header("Authorization", "Bearer " + ADMIN_KEY).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"label\":\"matrix-" + role + "\",\"role\":\"" + role
              + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(201, created.statusCode(), created.body());
      keys.put(role, JSON.readTree(created.body()).path("key").asText());
    }
  }

  @AfterAll
  void stopNode() throws Exception {
    if (node != null) {
      node.terminate();
      node.getWhenTerminated().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }
  }

  @Test
  void theDescriptionAndTheEndpointListNameTheSameEndpoints() throws Exception {
    JsonNode paths = description().path("paths");
    Set<String> described = new TreeSet<>();
    Iterator<String> names = paths.fieldNames();
    while (names.hasNext()) {
      String path = names.next();
      paths.path(path).fieldNames().forEachRemaining(method -> {
        if (METHODS.contains(method.toUpperCase(Locale.ROOT))) {
          described.add(method.toUpperCase(Locale.ROOT) + " " + path);
        }
      });
    }
    Set<String> listed = new TreeSet<>();
    ENDPOINTS.forEach(e -> listed.add(e.key()));
    Set<String> undescribed = new TreeSet<>(listed);
    undescribed.removeAll(described);
    Set<String> unlisted = new TreeSet<>(described);
    unlisted.removeAll(listed);
    assertTrue(undescribed.isEmpty(), "endpoints missing from openapi.json: " + undescribed);
    assertTrue(unlisted.isEmpty(), "described but not in ENDPOINTS (add an example request): " + unlisted);
    for (String required : List.of("GET /metrics", "GET /health/alive", "GET /health/ready", "GET /ws/events")) {
      assertTrue(described.contains(required), required);
    }
  }

  @Test
  void everyDescribedEndpointIsAnsweredByARouteOfTheNode() throws Exception {
    List<String> unanswered = new ArrayList<>();
    for (Endpoint e : ENDPOINTS) {
      HttpResponse<String> response = send(e.method(), e.example());
      if (unmatched(response)) {
        unanswered.add(e.key() + " (" + e.example() + ") -> " + response.statusCode() + " " + response.body());
      }
    }
    assertTrue(unanswered.isEmpty(), "no route answers: " + unanswered);
  }

  @Test
  void methodsAndPathsTheDescriptionLeavesOutAreNotAnswered() throws Exception {
    JsonNode paths = description().path("paths");
    List<String> answered = new ArrayList<>();
    for (Endpoint e : ENDPOINTS) {
      for (String method : METHODS) {
        if (!paths.path(e.template()).has(method.toLowerCase(Locale.ROOT))) {
          HttpResponse<String> response = send(method, e.example());
          if (!unmatched(response)) {
            answered.add(method + " " + e.example() + " -> " + response.statusCode());
          }
        }
      }
    }
    for (String path : List.of("/api", "/api/alerts", "/api/bids", "/api/health", "/api/metrics", "/ws",
        "/ws/events/extra", "/health", "/api/batteries/bat-x/extra")) {
      HttpResponse<String> response = send("GET", path);
      if (!unmatched(response)) {
        answered.add("GET " + path + " -> " + response.statusCode());
      }
    }
    assertTrue(answered.isEmpty(), "answered but not described in openapi.json: " + answered);
  }

  @Test
  void everyEndpointAnswersEachKindOfAnonymousCallerAsItsAccessRequires() throws Exception {
    List<String> wrong = new ArrayList<>();
    for (Endpoint e : ENDPOINTS) {
      String access = ACCESS.get(e.key());
      if (access == null) {
        wrong.add(e.key() + ": no entry in ACCESS (public, viewer, operator or admin)");
        continue;
      }
      boolean isPublic = access.equals("public");
      // anonymous, straight from loopback (the embedded default): a viewer, never more
      int loopback = send(e.method(), e.example()).statusCode();
      boolean loopbackOk = isPublic || access.equals("viewer")
          ? loopback != 401 && loopback != 403 && loopback != 421 && loopback < 500 : loopback == 403;
      if (!loopbackOk) {
        wrong.add(e.key() + " anonymous loopback: " + loopback);
      }
      // anonymous through a proxy (any proxy header): a remote caller without a key
      int remote = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + e.example()))
          .header("Via", "1.1 edge-proxy").header("Content-Type", "application/json")
          .method(e.method(), e.method().equals("GET") || e.method().equals("DELETE")
              ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString("{}")).build(),
          HttpResponse.BodyHandlers.ofString()).statusCode();
      if (isPublic ? remote == 401 || remote == 403 || remote >= 500 : remote != 401) {
        wrong.add(e.key() + " anonymous remote: " + remote);
      }
      // a DNS-rebinding page: any Host not on etp.http.allowed-hosts (health answers probes on any Host)
      int rebound = io.etp.api.RawHttp.send(port, e.method(), e.example(),
          java.util.Map.of("Host", "evil.example:" + port, "Content-Length", "0")).status();
      if (e.template().startsWith("/health/") ? rebound != 200 : rebound != 421) {
        wrong.add(e.key() + " foreign Host: " + rebound);
      }
    }
    Set<String> stale = new TreeSet<>(ACCESS.keySet());
    ENDPOINTS.forEach(e -> stale.remove(e.key()));
    assertTrue(stale.isEmpty(), "ACCESS names endpoints that no longer exist: " + stale);
    assertTrue(wrong.isEmpty(), String.join("\n", wrong));
  }

  /**
   * The permission matrix's completeness, from the node's own {@code /api/openapi.json}: every described route has an
   * entry in {@link #ACCESS} and every entry is a described route. A new route without an entry fails here.
   */
  @Test
  void everyRouteHasAnEntryAndEveryEntryARoute() throws Exception {
    Set<String> described = describedEndpoints();
    Set<String> withoutEntry = new TreeSet<>(described);
    withoutEntry.removeAll(ACCESS.keySet());
    Set<String> withoutRoute = new TreeSet<>(ACCESS.keySet());
    withoutRoute.removeAll(described);
    assertTrue(withoutEntry.isEmpty(), "routes in openapi.json with no entry in ACCESS: " + withoutEntry);
    assertTrue(withoutRoute.isEmpty(), "ACCESS entries that are no route in openapi.json: " + withoutRoute);
    for (String access : ACCESS.values()) {
      assertTrue(ROLES.contains(access), "unknown access " + access);
    }
  }

  /**
   * Every route of openapi.json by every role holding a key (viewer, operator, admin; sent from loopback with the key
   * in Authorization): a role at or above the route's entry is let through (neither 401, 403, 421 nor a 5xx), a role
   * below it gets 403 {@code forbidden}. The anonymous callers are
   * {@link #everyEndpointAnswersEachKindOfAnonymousCallerAsItsAccessRequires}; 401 for an unknown key and 429 are
   * RouteStatusMatrixTest's.
   */
  @Test
  void everyRouteAnswersEveryKeyedRoleAsItsEntryRequires() throws Exception {
    List<String> wrong = new ArrayList<>();
    int cells = 0;
    for (Endpoint e : ENDPOINTS) {
      String access = ACCESS.get(e.key());
      assertTrue(access != null, e.key() + ": no entry in ACCESS");
      for (String role : List.of("viewer", "operator", "admin")) {
        boolean allowed = ROLES.indexOf(role) >= ROLES.indexOf(access);
        HttpResponse<String> response = send(e.method(), e.example(), keys.get(role));
        int status = response.statusCode();
        boolean ok = allowed
            ? status != 401 && status != 403 && status != 421 && status < 500
            : status == 403 && "forbidden".equals(JSON.readTree(response.body()).path("error").asText());
        if (!ok) {
          wrong.add(e.key() + " as " + role + " (" + (allowed ? "allowed" : "forbidden") + "): " + status + " "
              + response.body());
        }
        cells++;
      }
    }
    System.out.printf("permission matrix: %d routes x 3 keyed roles = %d cells checked%n", ENDPOINTS.size(), cells);
    assertTrue(wrong.isEmpty(), String.join("\n", wrong));
  }

  @Test
  void theNodeServesTheDescriptionPublicly() throws Exception {
    HttpResponse<String> response = send("GET", "/api/openapi.json");
    assertEquals(200, response.statusCode());
    assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    assertEquals("3.0.3", JSON.readTree(response.body()).path("openapi").asText());
  }

  /** The catch-all answers: no route for the path (404 not_found) or none for the method (405). */
  private static boolean unmatched(HttpResponse<String> response) throws Exception {
    if (response.statusCode() == 405) {
      return true;
    }
    if (response.statusCode() != 404) {
      return false;
    }
    String body = response.body();
    if (body.isBlank() || !body.trim().startsWith("{")) {
      return false; // a static-file 404 from an existing route
    }
    return "not_found".equals(JSON.readTree(body).path("error").asText());
  }

  private JsonNode description() throws Exception {
    return JSON.readTree(send("GET", "/api/openapi.json").body());
  }

  private HttpResponse<String> send(String method, String path) throws Exception {
    return send(method, path, null);
  }

  private HttpResponse<String> send(String method, String path, String key) throws Exception {
    HttpRequest.BodyPublisher body = method.equals("GET") || method.equals("DELETE")
        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString("{}");
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Content-Type", "application/json").method(method, body);
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private Set<String> describedEndpoints() throws Exception {
    JsonNode paths = description().path("paths");
    Set<String> described = new TreeSet<>();
    Iterator<String> names = paths.fieldNames();
    while (names.hasNext()) {
      String path = names.next();
      paths.path(path).fieldNames().forEachRemaining(method -> {
        if (METHODS.contains(method.toUpperCase(Locale.ROOT))) {
          described.add(method.toUpperCase(Locale.ROOT) + " " + path);
        }
      });
    }
    return described;
  }
}
