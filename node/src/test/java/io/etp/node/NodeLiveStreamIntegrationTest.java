package io.etp.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.etp.api.WsClient;
import io.etp.persistence.SchemaMigrations;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node as the README runs it (H2 file journal, one-node cluster, a small simulated fleet), watched through
 * {@code /ws/events} with a real WebSocket client, as the dashboard watches it: the core's trades (from the journal
 * tail) and battery telemetry arrive on the stream, and a restarted node's tail starts at the journal's end rather
 * than replaying it. Timeouts are generous: CI shares two cores.
 */
class NodeLiveStreamIntegrationTest {

  private static final Duration PATIENCE = Duration.ofSeconds(90);
  private static final Set<String> JOURNAL_TYPES =
      Set.of("AUCTION_OPENED", "BID_ACCEPTED", "TRADE_CONFIRMED", "AUCTION_ENDED", "AUCTION_TERMINATED");

  @Test
  void tradesAndTelemetryOfTheSimulatedFleetArriveOnTheLiveStream(@TempDir Path dir) throws Exception {
    int port = freePort();
    ActorSystem<Void> node = startNode(dir, port);
    try (WsClient ws = connect(port)) {
      JsonNode trade = ws.nextMatching(m -> m.path("type").asText().equals("TRADE_CONFIRMED"), PATIENCE);
      assertTrue(trade.path("battery_id").asText().startsWith("bess-"), trade.toString());
      assertTrue(trade.path("aggregator_id").asText().startsWith("agg-"), trade.toString());
      assertTrue(trade.path("auction_id").asText().startsWith(trade.path("battery_id").asText() + "-a"));
      assertTrue(trade.path("payload").path("price_c_per_kwh").asDouble() > 0, trade.toString());
      assertTrue(trade.path("payload").path("energy_kwh").asDouble() > 0, trade.toString());
      assertTrue(trade.path("payload").path("reserve_c_per_kwh").asDouble() > 0, trade.toString());

      // telemetry, not the journal's Registered (which carries the voltage too, with an event_id)
      JsonNode status = ws.nextMatching(m -> m.path("type").asText().equals("BATTERY_STATUS")
          && m.path("payload").has("voltage_v") && !m.has("event_id"), PATIENCE);
      assertEquals(13.5, status.path("payload").path("capacity_kwh").asDouble(), status.toString());
      assertEquals("GOOD", status.path("payload").path("health").asText(), status.toString());
      assertEquals(400.0, status.path("payload").path("voltage_v").asDouble(), status.toString());
      assertEquals("IDLE", status.path("payload").path("status").asText(), status.toString());
    } finally {
      stop(node);
    }
  }

  @Test
  void aRestartedNodeStreamsNewEventsWithoutReplayingTheJournal(@TempDir Path dir) throws Exception {
    int port = freePort();
    ActorSystem<Void> first = startNode(dir, port);
    try (WsClient ws = connect(port)) {
      ws.nextMatching(m -> m.path("type").asText().equals("TRADE_CONFIRMED"), PATIENCE);
    } finally {
      stop(first);
    }

    Instant restartedAt = Instant.now();
    ActorSystem<Void> second = startNode(dir, port);
    try (WsClient ws = connect(port)) {
      List<JsonNode> journalEvents = new ArrayList<>();
      ws.nextMatching(m -> {
        if (JOURNAL_TYPES.contains(m.path("type").asText())) {
          journalEvents.add(m);
        }
        return m.path("type").asText().equals("TRADE_CONFIRMED");
      }, PATIENCE);
      assertFalse(journalEvents.isEmpty());
      for (JsonNode event : journalEvents) {
        Instant at = Instant.parse(event.path("timestamp").asText());
        assertFalse(at.isBefore(restartedAt.minusSeconds(1)), "replayed from before the restart: " + event);
      }
    } finally {
      stop(second);
    }
  }

  private static ActorSystem<Void> startNode(Path dir, int port) {
    String h2 = "jdbc:h2:file:" + dir.resolve("etp") + ";DATABASE_TO_UPPER=false";
    Config config = ConfigFactory.parseString("""
            etp.http.port = %d
            pekko.remote.artery.canonical.port = 0
            pekko.coordinated-shutdown.exit-jvm = off
            pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off
            pekko-persistence-jdbc.shared-databases.slick.db.url = "%s"
            etp.access.generate-admin-key-at-first-start = off
            etp.fleet.batteries = 6
            etp.fleet.aggregators = 3
            """.formatted(port, h2))
        .withFallback(ConfigFactory.load())
        .resolve();
    SchemaMigrations.migrate(config);
    return ActorSystem.create(Node.create(), "etp", config);
  }

  /** Connects (from loopback, so as the anonymous viewer) once the node's HTTP server is bound. */
  private static WsClient connect(int port) throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (true) {
      try {
        WsClient ws = WsClient.connect(client, URI.create("ws://127.0.0.1:" + port + "/ws/events"));
        assertEquals("HELLO", ws.next(Duration.ofSeconds(10)).path("type").asText());
        return ws;
      } catch (Exception notYetBound) {
        if (System.nanoTime() > deadline) {
          throw notYetBound;
        }
        Thread.sleep(250);
      }
    }
  }

  private static void stop(ActorSystem<Void> node) throws Exception {
    node.terminate();
    node.getWhenTerminated().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  private static int freePort() throws Exception {
    try (ServerSocket free = new ServerSocket(0)) {
      return free.getLocalPort();
    }
  }
}
