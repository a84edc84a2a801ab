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
 * WebSocket client on node A: the auctions, bids, trades and status of the batteries that sharding placed on node B
 * reach it, each persisted one carrying the id of its record and its position in its source, in order per battery;
 * after a reconnect to node A with the last sequence number the stream continues with the next one; after a reconnect
 * to node B with the cluster-wide cursor it continues there, and per source the client's records are exactly those
 * of a reference client connected to node B throughout: no gap and no event seen twice. Timeouts are generous: CI
 * shares two cores.
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
  void everyKindOfEventOfTwinsOnTheOtherNodeReachesAClientHereAndResumesOnEitherNodeWithoutGapsOrDuplicates()
      throws Exception {
    Set<String> onB = batteriesOnBothNodes();

    // a reference client on node B, connected throughout: what node B's stream holds, to check the resume against
    JsonNode[] helloOf = new JsonNode[1];
    try (WsClient reference = connectFollowing(TwoNodeCluster.HOST_B, cluster.httpPortB, helloOf)) {
      JsonNode referenceHello = helloOf[0];

      List<JsonNode> seen = new ArrayList<>();
      Map<String, Long> helloCursor;
      Map<String, Long> cursor;
      String epoch;
      try (WsClient ws = connectFollowing(TwoNodeCluster.HOST_A, cluster.httpPortA, helloOf)) {
        JsonNode hello = helloOf[0];
        epoch = hello.path("epoch").asText();
        helloCursor = parseCursor(hello.path("cursor").asText());
        assertTrue(helloCursor.keySet().containsAll(List.of("battery-0", "aggregator-0", "bid")),
            "HELLO names the followed sources: " + hello);
        cursor = new HashMap<>(helloCursor);
        Set<String> wanted = new HashSet<>(Set.of("AUCTION_OPENED", "BID_PLACED", "BID_ACCEPTED", "TRADE_CONFIRMED",
            "AUCTION_ENDED", "BATTERY_STATUS"));
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!wanted.isEmpty()) {
          assertTrue(System.nanoTime() < deadline, "still waiting for " + wanted + " of a battery on node B " + onB);
          JsonNode m = ws.next(PATIENCE);
          assertTrue(m.has("seq"), "a notice where only events were expected: " + m);
          seen.add(m);
          fold(cursor, m);
          if (onB.contains(m.path("battery_id").asText())) {
            wanted.remove(m.path("type").asText());
          }
        }
      }
      long lastSeq = seen.get(seen.size() - 1).path("seq").asLong();

      // resume on the same node with its hub's sequence number: the next seq, nothing else
      int before = seen.size();
      try (WsClient ws = connect(TwoNodeCluster.HOST_A, cluster.httpPortA, "?from=" + lastSeq + "&epoch=" + epoch)) {
        JsonNode hello = ws.next(Duration.ofSeconds(10));
        assertEquals("HELLO", hello.path("type").asText());
        assertEquals(epoch, hello.path("epoch").asText(), "the same node, the same hub");
        for (int i = 0; i < 100; i++) {
          JsonNode m = ws.next(PATIENCE);
          assertTrue(m.has("seq"), "a notice (RESET, MISSED, DROPPED) after a resume: " + m);
          assertEquals(lastSeq + 1, m.path("seq").asLong(), "the stream continues after the last seq: " + m);
          lastSeq++;
          seen.add(m);
          fold(cursor, m);
        }
      }
      System.out.printf("node A: %d events, then %d after a resume by seq; cursor %s%n", before,
          seen.size() - before, cursor);

      // resume on the OTHER node with the cluster-wide cursor
      int onA = seen.size();
      try (WsClient ws = connect(TwoNodeCluster.HOST_B, cluster.httpPortB, "?cursor=" + cursorText(cursor))) {
        JsonNode hello = ws.next(Duration.ofSeconds(10));
        assertEquals("HELLO", hello.path("type").asText());
        boolean tradeOnB = false;
        for (int i = 0; i < 300 || !tradeOnB; i++) {
          JsonNode m = ws.next(PATIENCE);
          assertTrue(m.has("seq"), "a notice (MISSED, DROPPED) after a resume on node B: " + m);
          if (m.has("source")) {
            assertTrue(m.path("position").asLong() > cursor.getOrDefault(m.path("source").asText(), -1L),
                "a record at or before the cursor came again: " + m + " cursor " + cursor);
          }
          seen.add(m);
          fold(cursor, m);
          tradeOnB |= m.path("type").asText().equals("TRADE_CONFIRMED")
              && onB.contains(m.path("battery_id").asText());
        }
      }
      System.out.printf("node B after the cursor resume: %d events; cursor %s%n", seen.size() - onA, cursor);

      // no gap: per source, the client's records after its first HELLO's cursor are exactly node B's own. The
      // reference vouches only for what node B sequenced after the reference's own HELLO: where node B's tail was
      // ahead of node A's when the clients connected, the records in between reached the client from node A but
      // were before the reference's time (those are still checked below: each once, in order).
      Map<String, List<String>> expected = new HashMap<>();
      Map<String, Long> referenceFrom = parseCursor(referenceHello.path("cursor").asText());
      Map<String, Long> from = new HashMap<>();
      for (String source : cursor.keySet()) {
        from.put(source, Math.max(helloCursor.getOrDefault(source, Long.MAX_VALUE),
            referenceFrom.getOrDefault(source, Long.MAX_VALUE)));
      }
      Map<String, Long> reached = new HashMap<>(referenceFrom);
      long deadline = System.nanoTime() + PATIENCE.toNanos();
      while (cursor.entrySet().stream().anyMatch(e -> reached.getOrDefault(e.getKey(), -1L) < e.getValue())) {
        assertTrue(System.nanoTime() < deadline, "the reference client reached " + reached + ", not " + cursor);
        JsonNode m = reference.next(PATIENCE);
        if (!m.has("source")) {
          continue;
        }
        String source = m.path("source").asText();
        long position = m.path("position").asLong();
        if (position > from.getOrDefault(source, Long.MAX_VALUE) && position <= cursor.get(source)) {
          expected.computeIfAbsent(source, k -> new ArrayList<>()).add(m.path("event_id").asText());
        }
        fold(reached, m);
      }
      for (String source : cursor.keySet()) {
        List<String> got = seen.stream().filter(m -> source.equals(m.path("source").asText()))
            .filter(m -> m.path("position").asLong() > from.get(source))
            .map(m -> m.path("event_id").asText()).toList();
        assertEquals(expected.getOrDefault(source, List.of()), got,
            source + ": the client's records (A, then B after the cursor) against node B's stream");
      }

      checkIdsAndOrder(seen, onB);
    }
  }

  /** Every persisted record once, each battery's in order; events of twins on both nodes. */
  private static void checkIdsAndOrder(List<JsonNode> seen, Set<String> onB) {
    Set<String> ids = new HashSet<>();
    Map<String, Long> lastJournalSeqNr = new HashMap<>();
    Map<String, Long> lastBidRow = new HashMap<>();
    boolean statusOfB = false;
    for (JsonNode m : seen) {
      String type = m.path("type").asText();
      statusOfB |= type.equals("BATTERY_STATUS") && onB.contains(m.path("battery_id").asText());
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
    assertTrue(statusOfB, "the status of a battery on node B");
    assertTrue(lastBidRow.keySet().stream().anyMatch(onB::contains), "bids of batteries on node B: " + lastBidRow);
    assertTrue(lastJournalSeqNr.keySet().stream().anyMatch(onB::contains), "journal events of batteries on node B");
    assertTrue(lastJournalSeqNr.keySet().stream().anyMatch(id -> !onB.contains(id)), "and of those on node A");
  }

  /** The client's cursor moves to each event's position in its source. */
  private static void fold(Map<String, Long> cursor, JsonNode m) {
    if (m.has("source")) {
      cursor.merge(m.path("source").asText(), m.path("position").asLong(), Math::max);
    }
  }

  /**
   * Connects to a node once its tails follow every source (its HELLO's cursor names them all: the tails start
   * asynchronously when the node starts); {@code hello[0]} is that HELLO.
   */
  private WsClient connectFollowing(String host, int port, JsonNode[] hello) throws Exception {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (true) {
      WsClient ws = connect(host, port, "");
      JsonNode first = ws.next(Duration.ofSeconds(30));
      assertEquals("HELLO", first.path("type").asText(), first.toString());
      if (parseCursor(first.path("cursor").asText()).size() == 9) { // battery-0..4, aggregator-0..2, bid
        hello[0] = first;
        return ws;
      }
      ws.close();
      assertTrue(System.nanoTime() < deadline, "node " + host + " never followed every source: " + first);
      Thread.sleep(500);
    }
  }

  private static Map<String, Long> parseCursor(String text) {
    Map<String, Long> out = new HashMap<>();
    if (text.isEmpty()) {
      return out;
    }
    for (String part : text.split(",")) {
      int colon = part.lastIndexOf(':');
      out.put(part.substring(0, colon), Long.parseLong(part.substring(colon + 1)));
    }
    return out;
  }

  private static String cursorText(Map<String, Long> cursor) {
    StringBuilder text = new StringBuilder();
    cursor.forEach((source, offset) -> text.append(text.length() == 0 ? "" : ",").append(source).append(':')
        .append(offset));
    return text.toString();
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

  /** Connects to a node (from loopback, so as the anonymous viewer), retrying until its HTTP server is bound. */
  private WsClient connect(String host, int port, String query) throws Exception {
    URI uri = URI.create("ws://" + host + ":" + port + "/ws/events" + query);
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
