package io.etp.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.etp.api.WsClient;
import io.etp.battery.Battery;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two nodes in one cluster on PostgreSQL ({@link TwoNodeCluster}) with the simulated fleet (a cluster singleton) and a
 * WebSocket client on node A only: the bids and trades of the batteries that sharding placed on node B reach it, each
 * carrying the id of the persisted record it came from, in order per battery; after a reconnect with the last
 * sequence number the stream continues with the next one, with no gap and no event seen twice. Timeouts are generous:
 * CI shares two cores.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoNodeLiveStreamIntegrationTest {

  private static final Duration PATIENCE = Duration.ofSeconds(120);

  private TwoNodeCluster cluster;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  void startCluster() throws Exception {
    cluster = new TwoNodeCluster("""
        etp.fleet.batteries = 10
        etp.fleet.aggregators = 4
        etp.fleet.reoffer-interval = 5s
        etp.forecasting.enabled = off
        """, PATIENCE);
  }

  @AfterAll
  void stopCluster() throws Exception {
    cluster.close();
  }

  @Test
  void bidsAndTradesOfTwinsOnTheOtherNodeReachAClientOnThisNodeAndResumeWithoutGapsOrDuplicates() throws Exception {
    Set<String> onB = batteriesOnBothNodes();

    List<JsonNode> seen = new ArrayList<>();
    String epoch;
    try (WsClient ws = connect(cluster.httpPortA, "")) {
      epoch = ws.next(Duration.ofSeconds(10)).path("epoch").asText();
      Set<String> wanted = new HashSet<>(Set.of("BID_PLACED", "TRADE_CONFIRMED"));
      long deadline = System.nanoTime() + PATIENCE.toNanos();
      while (!wanted.isEmpty()) {
        assertTrue(System.nanoTime() < deadline, "still waiting for " + wanted + " of a battery on node B " + onB);
        JsonNode m = ws.next(PATIENCE);
        assertTrue(m.has("seq"), "a notice where only events were expected: " + m);
        seen.add(m);
        if (onB.contains(m.path("battery_id").asText())) {
          wanted.remove(m.path("type").asText());
        }
      }
    }
    long lastSeq = seen.get(seen.size() - 1).path("seq").asLong();

    try (WsClient ws = connect(cluster.httpPortA, "?from=" + lastSeq + "&epoch=" + epoch)) {
      JsonNode hello = ws.next(Duration.ofSeconds(10));
      assertEquals("HELLO", hello.path("type").asText());
      assertEquals(epoch, hello.path("epoch").asText(), "the same node, the same hub");
      boolean tradeOnB = false;
      for (int i = 0; i < 300 || !tradeOnB; i++) {
        JsonNode m = ws.next(PATIENCE);
        assertTrue(m.has("seq"), "a notice (RESET, MISSED, DROPPED) after a resume: " + m);
        assertEquals(lastSeq + 1, m.path("seq").asLong(), "the stream continues after the last seq: " + m);
        lastSeq++;
        seen.add(m);
        tradeOnB |= m.path("type").asText().equals("TRADE_CONFIRMED") && onB.contains(m.path("battery_id").asText());
      }
    }

    Set<String> ids = new HashSet<>();
    Map<String, Long> lastJournalSeqNr = new HashMap<>();
    Map<String, Long> lastBidRow = new HashMap<>();
    for (JsonNode m : seen) {
      String type = m.path("type").asText();
      if ((type.equals("BATTERY_STATUS") || type.equals("ALERT")) && !m.has("event_id")) {
        continue; // telemetry and this node's monitoring alerts: not persisted records
      }
      String id = m.path("event_id").asText();
      assertFalse(id.isEmpty(), "an event without the id of its persisted record: " + m);
      assertTrue(ids.add(id), "seen twice: " + m);
      String battery = m.path("battery_id").asText();
      if (id.startsWith("Battery|")) {
        long seqNr = Long.parseLong(id.substring(id.lastIndexOf('/') + 1));
        assertEquals("Battery|" + battery, id.substring(0, id.lastIndexOf('/')), m.toString());
        Long before = lastJournalSeqNr.put(battery, seqNr);
        assertTrue(before == null || before < seqNr, "battery " + battery + "'s events out of order: " + m);
      } else if (id.startsWith("bid/")) {
        long row = Long.parseLong(id.substring(4));
        Long before = lastBidRow.put(battery, row);
        assertTrue(before == null || before < row, "battery " + battery + "'s bids out of order: " + m);
      }
    }
    assertTrue(lastBidRow.keySet().stream().anyMatch(onB::contains), "bids of batteries on node B: " + lastBidRow);
    assertTrue(lastJournalSeqNr.keySet().stream().anyMatch(onB::contains), "journal events of batteries on node B");
    assertTrue(lastJournalSeqNr.keySet().stream().anyMatch(id -> !onB.contains(id)), "and of those on node A");
  }

  /** Waits until sharding has placed fleet batteries on both nodes; returns those on node B. */
  private Set<String> batteriesOnBothNodes() throws Exception {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (true) {
      Set<String> onA = TwoNodeCluster.hostedEntities(cluster.a, Battery.ENTITY_KEY);
      Set<String> onB = TwoNodeCluster.hostedEntities(cluster.b, Battery.ENTITY_KEY);
      if (!onA.isEmpty() && !onB.isEmpty()) {
        Set<String> both = new HashSet<>(onA);
        both.retainAll(onB);
        assertTrue(both.isEmpty(), "a battery hosted on both nodes: " + both);
        return onB;
      }
      assertTrue(System.nanoTime() < deadline, "batteries on A " + onA + ", on B " + onB);
      Thread.sleep(500);
    }
  }

  /** Connects to node A (from loopback, so as the anonymous viewer), retrying until its HTTP server is bound. */
  private WsClient connect(int port, String query) throws Exception {
    URI uri = URI.create("ws://" + TwoNodeCluster.HOST_A + ":" + port + "/ws/events" + query);
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (true) {
      try {
        return WsClient.connect(http, uri);
      } catch (Exception notYetBound) {
        if (System.nanoTime() > deadline) {
          throw notYetBound;
        }
        Thread.sleep(250);
      }
    }
  }
}
