package io.etp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etp.money.EnergyKwh;
import io.etp.money.PriceCPerKwh;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.pattern.AskTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The market's REST resources over real HTTP, served from a {@link MarketView} that this test implements in memory in
 * place of the trading core (whose entities are not part of this module yet).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MarketRoutesTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant T0 = Instant.parse("2026-11-21T02:00:00Z");

  private final InMemoryMarket market = new InMemoryMarket();
  private TestGateway server;
  private String viewer;
  private String operator;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    server = TestGateway.onH2(dir, """
        etp.access.anonymous-loopback-viewer = off
        etp.access.rate-limit.enabled = off
        """, Optional.of(market));
    viewer = key("market-viewer", "viewer");
    operator = key("market-operator", "operator");
  }

  @AfterAll
  void stop() {
    server.close();
  }

  @Test
  void servesBatteriesInTheDocumentedShape() throws Exception {
    HttpResponse<String> response = server.get("/api/batteries", viewer);
    assertEquals(200, response.statusCode());
    JsonNode batteries = JSON.readTree(response.body());
    assertEquals(2, batteries.size());
    JsonNode first = batteries.get(0);
    assertEquals("bat-1", first.path("battery_id").asText());
    assertEquals(42.5, first.path("energy_kwh").asDouble());
    assertEquals("2026-11-21T02:00:00Z", first.path("updated_at").asText());
    assertFalse(batteries.get(1).has("health_pct"), "unknown values are left out");
  }

  @Test
  void servesActiveAuctionsWithTheirBids() throws Exception {
    JsonNode auctions = JSON.readTree(server.get("/api/auctions?state=active", viewer).body());
    assertEquals("auc-1", auctions.get(0).path("auction_id").asText());
    assertEquals(10.0, auctions.get(0).path("reserve_c_per_kwh").asDouble());
    assertEquals(11.5, auctions.get(0).path("bids").get(0).path("price_c_per_kwh").asDouble());
    assertEquals(400, server.get("/api/auctions?state=closed", viewer).statusCode());
  }

  @Test
  void extremeEventSequencesAreA400OrEmptyNeverA500() throws Exception {
    server.hub().publish(new io.etp.live.LiveEvent(0, io.etp.live.LiveEventType.ALERT, java.time.Instant.now(),
        "b-extreme", null, null, io.etp.live.LiveEvent.Payload.EMPTY, null));
    HttpResponse<String> max = server.get("/api/events?from=" + Long.MAX_VALUE + "&limit=" + Long.MAX_VALUE,
        server.adminKey);
    assertEquals(200, max.statusCode(), max.body());
    assertEquals("[]", max.body(), "nothing follows the largest sequence number");
    assertEquals(400, server.get("/api/events?from=9223372036854775808", server.adminKey).statusCode());
    assertEquals(400, server.get("/api/audit?limit=2147483648", server.adminKey).statusCode());
  }

  @Test
  void anOperatorTerminatesAnOpenAuctionOnce() throws Exception {
    market.open.put("auc-9", true);
    HttpResponse<String> first = server.post("/api/auctions/auc-9/terminate", operator, "{\"reason\":\"grid alarm\"}");
    assertEquals(202, first.statusCode(), first.body());
    assertTrue(market.lastTermination.get().startsWith("auc-9 grid alarm "), market.lastTermination.get());

    HttpResponse<String> again = server.post("/api/auctions/auc-9/terminate", operator, "{\"reason\":\"again\"}");
    assertEquals(409, again.statusCode());
    assertEquals("auction_closed", JSON.readTree(again.body()).path("error").asText());
    assertEquals(404, server.post("/api/auctions/auc-404/terminate", operator, "{\"reason\":\"x\"}").statusCode());
    assertEquals(400, server.post("/api/auctions/auc-9/terminate", operator, "{}").statusCode());
  }

  @Test
  void aViewerCannotTerminateAuctions() throws Exception {
    market.open.put("auc-10", true);
    assertEquals(403, server.post("/api/auctions/auc-10/terminate", viewer, "{\"reason\":\"x\"}").statusCode());
    assertTrue(market.open.get("auc-10"), "the auction is still open");
  }

  @Test
  void anAskTimeoutInTheCoreIsServiceUnavailable() throws Exception {
    market.failNextBatteries.set(new AskTimeoutException("battery entity did not answer"));
    HttpResponse<String> response = server.get("/api/batteries", viewer);
    assertEquals(503, response.statusCode());
    assertEquals("timeout", JSON.readTree(response.body()).path("error").asText());
  }

  private String key(String label, String role) throws Exception {
    HttpResponse<String> created = server.post("/api/keys", server.adminKey,
        "{\"label\":\"" + label + "\",\"role\":\"" + role + "\"}");
    assertEquals(201, created.statusCode(), created.body());
    return JSON.readTree(created.body()).path("key").asText();
  }

  /** The core's part, held in memory: what a test needs to see what the routes asked for. */
  private static final class InMemoryMarket implements MarketView {
    final Map<String, Boolean> open = new ConcurrentHashMap<>();
    final AtomicReference<String> lastTermination = new AtomicReference<>();
    final AtomicReference<Throwable> failNextBatteries = new AtomicReference<>();

    @Override
    public CompletionStage<List<BatterySnapshot>> batteries() {
      Throwable failure = failNextBatteries.getAndSet(null);
      if (failure != null) {
        return CompletableFuture.failedFuture(failure);
      }
      return CompletableFuture.completedFuture(List.of(
          new BatterySnapshot("bat-1", "agg-1", 42.5, 50.0, 97.0, 9.5, "IDLE", T0),
          new BatterySnapshot("bat-2", "agg-1", 10.0, 20.0, null, null, "OFFLINE", T0)));
    }

    @Override
    public CompletionStage<List<AuctionSnapshot>> activeAuctions() {
      return CompletableFuture.completedFuture(List.of(new AuctionSnapshot("auc-1", "bat-1", "agg-1",
          PriceCPerKwh.parse("10.0"), EnergyKwh.parse("20.0"), T0, T0.plusSeconds(60), List.of(new BidSnapshot("agg-2",
              new java.math.BigDecimal("11.5"), new java.math.BigDecimal("20.0"), T0.plusSeconds(5), "PLACED")))));
    }

    @Override
    public CompletionStage<Termination> terminateAuction(String auctionId, String reason, String requestedBy) {
      Boolean state = open.get(auctionId);
      if (state == null) {
        return CompletableFuture.completedFuture(new Termination.UnknownAuction(auctionId));
      }
      if (!state) {
        return CompletableFuture.completedFuture(new Termination.AlreadyClosed(auctionId));
      }
      open.put(auctionId, false);
      lastTermination.set(auctionId + " " + reason + " " + requestedBy);
      return CompletableFuture.completedFuture(new Termination.Terminated(auctionId));
    }
  }
}
