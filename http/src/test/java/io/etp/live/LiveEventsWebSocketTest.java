package io.etp.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.etp.api.TestGateway;
import io.etp.api.WsClient;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** /ws/events against a real bound server and the JDK's WebSocket client. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LiveEventsWebSocketTest {

  private static final Duration WAIT = Duration.ofSeconds(5);
  private static final int RING = 50;
  private static final int CLIENT_BUFFER = 64;

  private TestGateway server;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    server = TestGateway.onH2(dir, """
        etp.live.ring-size = %d
        etp.live.client-buffer = %d
        etp.access.anonymous-loopback-viewer = off
        etp.access.rate-limit.enabled = off
        """.formatted(RING, CLIENT_BUFFER));
  }

  @AfterAll
  void stop() throws Exception {
    server.close();
  }

  @Test
  void deliversOnlyEventsMatchingTheTypeAndBatteryFilterGivenOnConnect() throws Exception {
    try (WsClient client = connect("types=TRADE_CONFIRMED&batteries=bf-1")) {
      assertEquals("HELLO", client.next(WAIT).path("type").asText());
      server.publishAndAwait(
          event(LiveEventType.BATTERY_STATUS, "bf-1", "agg-1"),
          event(LiveEventType.TRADE_CONFIRMED, "bf-2", "agg-1"),
          event(LiveEventType.TRADE_CONFIRMED, "bf-1", "agg-1"),
          event(LiveEventType.BID_PLACED, "bf-1", "agg-1"),
          event(LiveEventType.TRADE_CONFIRMED, "bf-1", "agg-2"));

      JsonNode first = client.next(WAIT);
      JsonNode second = client.next(WAIT);
      assertEquals(List.of("TRADE_CONFIRMED bf-1 agg-1", "TRADE_CONFIRMED bf-1 agg-2"),
          List.of(describe(first), describe(second)));
      assertEquals(first.path("seq").asLong() + 2, second.path("seq").asLong(), "sequence numbers are the hub's");
      assertNothingMoreAfter(client, LiveEventType.TRADE_CONFIRMED, "bf-1");
    }
  }

  @Test
  void filtersByAggregator() throws Exception {
    try (WsClient client = connect("aggregators=agg-7")) {
      client.next(WAIT);
      server.publishAndAwait(
          event(LiveEventType.BID_PLACED, "ba-1", "agg-6"),
          event(LiveEventType.BID_PLACED, "ba-2", "agg-7"),
          event(LiveEventType.ALERT, "ba-3", null));

      assertEquals("BID_PLACED ba-2 agg-7", describe(client.next(WAIT)));
      server.publishAndAwait(event(LiveEventType.BID_ACCEPTED, "ba-2", "agg-7"));
      assertEquals("BID_ACCEPTED ba-2 agg-7", describe(client.next(WAIT)), "events of other aggregators never came");
    }
  }

  @Test
  void aSubscribeMessageReplacesTheFilter() throws Exception {
    try (WsClient client = connect("types=BATTERY_STATUS")) {
      client.next(WAIT);
      client.send("{\"type\":\"SUBSCRIBE\",\"types\":[\"ALERT\"],\"batteries\":[\"bs-9\"]}");
      JsonNode ack = client.next(WAIT);
      assertEquals("SUBSCRIBED", ack.path("type").asText());
      assertEquals("[\"ALERT\"]", ack.path("filter").path("types").toString());

      server.publishAndAwait(
          event(LiveEventType.BATTERY_STATUS, "bs-9", "agg-1"),
          event(LiveEventType.ALERT, "bs-8", "agg-1"),
          event(LiveEventType.ALERT, "bs-9", "agg-1"));

      assertEquals("ALERT bs-9 agg-1", describe(client.next(WAIT)));
    }
  }

  @Test
  void anInvalidSubscribeMessageIsAnsweredWithAnErrorAndKeepsTheConnection() throws Exception {
    try (WsClient client = connect("types=ALERT")) {
      client.next(WAIT);
      client.send("{\"type\":\"SUBSCRIBE\",\"types\":[\"NOT_A_TYPE\"]}");
      JsonNode error = client.next(WAIT);
      assertEquals("ERROR", error.path("type").asText());
      assertEquals("invalid_filter", error.path("code").asText());
      client.send("not json");
      assertEquals("malformed_json", client.next(WAIT).path("code").asText());

      server.publishAndAwait(event(LiveEventType.ALERT, "bi-1", null));
      assertEquals("ALERT bi-1 -", describe(client.next(WAIT)), "the old filter still applies");
    }
  }

  @Test
  void aReconnectingClientResumesAfterItsLastSequenceNumber() throws Exception {
    String epoch = server.hub().epoch();
    server.publishAndAwait(event(LiveEventType.BID_PLACED, "br-1", "agg-1"));
    long lastSeen = server.hub().latestSeq();
    server.publishAndAwait(
        event(LiveEventType.BID_ACCEPTED, "br-1", "agg-1"),
        event(LiveEventType.TRADE_CONFIRMED, "br-1", "agg-1"));

    try (WsClient client = connect("batteries=br-1&from=" + lastSeen + "&epoch=" + epoch)) {
      JsonNode hello = client.next(WAIT);
      assertEquals(epoch, hello.path("epoch").asText());
      JsonNode first = client.next(WAIT);
      JsonNode second = client.next(WAIT);
      assertEquals(lastSeen + 1, first.path("seq").asLong());
      assertEquals("BID_ACCEPTED br-1 agg-1", describe(first));
      assertEquals("TRADE_CONFIRMED br-1 agg-1", describe(second));

      server.publishAndAwait(event(LiveEventType.AUCTION_ENDED, "br-1", "agg-1"));
      JsonNode live = client.next(WAIT);
      assertEquals("AUCTION_ENDED br-1 agg-1", describe(live));
      assertEquals(second.path("seq").asLong() + 1, live.path("seq").asLong(), "no gap between replay and live");
    }
  }

  @Test
  void resumingFromAnEvictedSequenceNumberReportsHowManyWereMissed() throws Exception {
    server.publishAndAwait(event(LiveEventType.BID_PLACED, "bm-1", null));
    long lastSeen = server.hub().latestSeq();
    LiveEvent[] burst = new LiveEvent[RING + 10];
    for (int i = 0; i < burst.length; i++) {
      burst[i] = event(LiveEventType.BATTERY_STATUS, "bm-1", null);
    }
    server.publishAndAwait(burst);

    try (WsClient client = connect("from=" + lastSeen)) {
      client.next(WAIT);
      JsonNode missed = client.next(WAIT);
      assertEquals("MISSED", missed.path("type").asText());
      assertEquals(10, missed.path("count").asLong());
      assertEquals(lastSeen, missed.path("from_seq").asLong());
      JsonNode firstReplayed = client.next(WAIT);
      assertEquals(lastSeen + 11, firstReplayed.path("seq").asLong());
      assertEquals(missed.path("resumed_at_seq").asLong(), firstReplayed.path("seq").asLong());
    }
  }

  @Test
  void resumingWithAnotherEpochResetsAndReplaysTheRing() throws Exception {
    server.publishAndAwait(event(LiveEventType.ALERT, "be-1", null));
    try (WsClient client = connect("types=ALERT&batteries=be-1&from=3&epoch=previous-run")) {
      client.next(WAIT);
      JsonNode reset = client.next(WAIT);
      assertEquals("RESET", reset.path("type").asText());
      assertEquals(server.hub().epoch(), reset.path("epoch").asText());
      assertEquals("ALERT be-1 -", describe(client.next(WAIT)));
    }
  }

  @Test
  void aSlowClientGetsTheNewestEventsAndADroppedCountWhileTheServerBuffersABoundedNumber() throws Exception {
    int published = 40_000;
    String padding = "x".repeat(400);
    try (WsClient slow = connect("batteries=slow-1"); WsClient fast = connect("batteries=slow-1")) {
      slow.next(WAIT);
      fast.next(WAIT);
      awaitAttached("slow-1", slow, fast);
      slow.pause();
      long firstSeq = server.hub().latestSeq() + 1;
      for (int i = 0; i < published; i++) {
        LiveEvent e = LiveEvent.of(LiveEventType.BATTERY_STATUS, Instant.now(), "slow-1", "agg-1", null,
            LiveEvent.Payload.EMPTY.withEnergy(i).withMessage(padding));
        while (!server.hub().publish(e)) {
          Thread.sleep(1);
        }
      }
      long lastSeq = firstSeq + published - 1;

      Tally fastTally = drainUntil(fast, lastSeq);
      assertEquals(published, fastTally.events + fastTally.dropped,
          "the fast client saw every event or was told it was dropped, while the slow one was not reading");

      slow.resume();
      Tally slowTally = drainUntil(slow, lastSeq);
      assertTrue(slowTally.dropped > 0, "the slow client was told that events were dropped");
      assertEquals(published, slowTally.events + slowTally.dropped, "every event was delivered or counted as dropped");
      assertTrue(slowTally.events < published / 2,
          "the server did not queue the backlog for the slow client (it delivered " + slowTally.events + ")");
      assertEquals(lastSeq, slowTally.lastSeq, "the newest event is kept, the oldest are dropped");
    }
  }

  @Test
  void aBatchingClientGetsBurstsAsArraysInOrderWithNothingLostUncounted() throws Exception {
    int published = 20_000;
    String padding = "y".repeat(400);
    try (WsClient batching = connect("batteries=batch-1&batch=true")) {
      assertEquals("HELLO", batching.next(WAIT).path("type").asText(), "a lone message is still a plain object");
      awaitAttached("batch-1", batching);
      batching.pause();
      long firstSeq = server.hub().latestSeq() + 1;
      for (int i = 0; i < published; i++) {
        LiveEvent e = LiveEvent.of(LiveEventType.BATTERY_STATUS, Instant.now(), "batch-1", "agg-1", null,
            LiveEvent.Payload.EMPTY.withEnergy(i).withMessage(padding));
        while (!server.hub().publish(e)) {
          Thread.sleep(1);
        }
      }
      long lastSeq = firstSeq + published - 1;
      batching.resume();

      long events = 0;
      long dropped = 0;
      long previous = 0;
      int frames = 0;
      int arrays = 0;
      while (previous < lastSeq) {
        JsonNode frame = batching.next(Duration.ofSeconds(30));
        frames++;
        List<JsonNode> messages = new ArrayList<>();
        if (frame.isArray()) {
          arrays++;
          assertTrue(frame.size() >= 2 && frame.size() <= 128, "a batch holds 2 to 128 messages: " + frame.size());
          frame.forEach(messages::add);
        } else {
          messages.add(frame);
        }
        for (JsonNode m : messages) {
          if ("DROPPED".equals(m.path("type").asText())) {
            dropped += m.path("count").asLong();
          } else {
            long seq = m.path("seq").asLong();
            assertTrue(seq > previous, "sequence numbers increase across and within frames: " + seq + " after "
                + previous);
            previous = seq;
            events++;
          }
        }
      }
      assertEquals(published, events + dropped, "every event was delivered or counted as dropped");
      assertTrue(arrays > 0, "the burst behind a paused socket went out as arrays");
      assertTrue(frames < events, frames + " frames for " + events + " events");
    }
  }

  @Test
  void anInvalidBatchParameterIsABadRequest() throws Exception {
    try {
      connect("batch=yes").close();
      fail("connected with batch=yes");
    } catch (ExecutionException e) {
      assertEquals(400, ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode());
    }
  }

  @Test
  void refusesAConnectionWithoutAKeyAndAcceptsTheKeyAsAQueryParameter() throws Exception {
    try {
      WsClient.connect(server.client, server.ws("/ws/events")).close();
      fail("connected without a key");
    } catch (ExecutionException e) {
      assertEquals(401, ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode());
    }
    try (WsClient client = WsClient.connect(server.client, server.ws("/ws/events?access_token=" + server.adminKey))) {
      assertEquals("HELLO", client.next(WAIT).path("type").asText());
    }
  }

  @Test
  void revokingAKeyClosesItsOpenStreams() throws Exception {
    var created = server.post("/api/keys", server.adminKey, "{\"label\":\"soon-revoked\",\"role\":\"viewer\"}");
    JsonNode key = new com.fasterxml.jackson.databind.ObjectMapper().readTree(created.body());
    try (WsClient client = WsClient.connect(server.client,
        server.ws("/ws/events?access_token=" + key.path("key").asText()));
         WsClient other = connect("")) {
      client.next(WAIT);
      other.next(WAIT);
      assertEquals(200, server.delete("/api/keys/" + key.path("id").asText(), server.adminKey).statusCode());

      client.closed().get(5, java.util.concurrent.TimeUnit.SECONDS);
      server.publishAndAwait(event(LiveEventType.ALERT, "after-revoke", null));
      assertEquals("ALERT after-revoke -", describe(other.nextMatching(
          m -> "after-revoke".equals(m.path("battery_id").asText()), WAIT)), "other keys' streams stay open");
    }
  }

  @Test
  void anOversizedClientMessageClosesWith1009AndOneWarnLine() throws Exception {
    ch.qos.logback.classic.Logger pekkoWs = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(
        org.slf4j.Logger.ROOT_LOGGER_NAME);
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logged =
        new ch.qos.logback.core.read.ListAppender<>();
    logged.start();
    pekkoWs.addAppender(logged);
    try (WsClient client = connect("")) {
      assertEquals("HELLO", client.next(WAIT).path("type").asText());
      client.send("{\"type\":\"SUBSCRIBE\",\"pad\":\"" + "x".repeat(10_000) + "\"}");
      int code = client.closed().get(5, java.util.concurrent.TimeUnit.SECONDS);
      System.out.println("oversized client message: close code " + code);
      assertEquals(1009, code, "close code (1009 = message too big, 1011 = internal error)");
      Thread.sleep(200);
      var errors = logged.list.stream().filter(e -> e.getLevel() == ch.qos.logback.classic.Level.ERROR).toList();
      var warnings = logged.list.stream().filter(e -> e.getLevel() == ch.qos.logback.classic.Level.WARN
          && e.getFormattedMessage().contains("client message over")).toList();
      assertTrue(errors.isEmpty(), "no ERROR: " + errors);
      assertEquals(1, warnings.size(), "one WARN line: " + logged.list);
    } finally {
      pekkoWs.detachAppender(logged);
    }
  }

  @Test
  void aMessageFragmentedIntoSmallFramesIsBoundedAsAWhole() throws Exception {
    try (WsClient client = connect("")) {
      assertEquals("HELLO", client.next(WAIT).path("type").asText());
      client.sendPart("{\"type\":\"SUBSCRIBE\",\"pad\":\"", false);
      for (int i = 0; i < 5; i++) {
        client.sendPart("x".repeat(1_000), false); // each frame under the 4096-byte limit, 5,000+ bytes in all
      }
      client.sendPart("\"}", true);
      assertEquals(1009, client.closed().get(5, java.util.concurrent.TimeUnit.SECONDS));
    }
  }

  @Test
  void aMessageOfExactlyTheLimitIsRead() throws Exception {
    try (WsClient client = connect("")) {
      assertEquals("HELLO", client.next(WAIT).path("type").asText());
      String head = "{\"type\":\"SUBSCRIBE\",\"types\":[\"ALERT\"],\"pad\":\"";
      String message = head + "x".repeat(4096 - head.length() - 2) + "\"}";
      assertEquals(4096, message.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
      client.send(message);
      assertEquals("SUBSCRIBED", client.next(WAIT).path("type").asText());
    }
  }

  @Test
  void anUnknownEventTypeInTheQueryIsABadRequest() throws Exception {
    try {
      connect("types=NOPE").close();
      fail("connected with an unknown event type");
    } catch (ExecutionException e) {
      assertEquals(400, ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode());
    }
  }

  @Test
  void restReturnsTheRecentEventsWithTheSameFilters() throws Exception {
    server.publishAndAwait(
        event(LiveEventType.TRADE_CONFIRMED, "rest-1", "agg-1"),
        event(LiveEventType.ALERT, "rest-1", "agg-1"),
        event(LiveEventType.TRADE_CONFIRMED, "rest-2", "agg-1"));
    var response = server.get("/api/events?batteries=rest-1&types=TRADE_CONFIRMED", server.adminKey);
    assertEquals(200, response.statusCode());
    LiveEvent only = LiveJson.readEvent(new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body())
        .get(0).toString());
    assertEquals(LiveEventType.TRADE_CONFIRMED, only.type());
    assertEquals("rest-1", only.batteryId());
    assertEquals(new java.math.BigDecimal("12.5000"), only.payload().priceCPerKwh());
    assertEquals(1, new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body()).size());
  }

  private record Tally(long events, long dropped, long lastSeq) {}

  private static Tally drainUntil(WsClient client, long lastSeq) throws InterruptedException {
    long events = 0;
    long dropped = 0;
    long previous = 0;
    while (previous < lastSeq) {
      JsonNode m = client.next(Duration.ofSeconds(30));
      String type = m.path("type").asText();
      if ("DROPPED".equals(type)) {
        dropped += m.path("count").asLong();
      } else if (m.has("seq")) {
        long seq = m.path("seq").asLong();
        assertTrue(seq > previous, "sequence numbers increase: " + seq + " after " + previous);
        previous = seq;
        events++;
      } else {
        fail("unexpected message " + m);
      }
    }
    return new Tally(events, dropped, previous);
  }

  /**
   * Publishes a marker for {@code battery} and waits until every client got it: then each one's stream is attached
   * to the hub's broadcast (attaching is asynchronous; events published before it are found in the ring, which holds
   * only 50 here) and the hub has worked through what earlier tests published.
   */
  private void awaitAttached(String battery, WsClient... clients) throws Exception {
    server.publishAndAwait(LiveEvent.of(LiveEventType.BATTERY_STATUS, Instant.now(), battery, "agg-1", null,
        LiveEvent.Payload.EMPTY));
    for (WsClient client : clients) {
      assertEquals(battery, client.next(Duration.ofSeconds(30)).path("battery_id").asText(), "the marker");
    }
  }

  private void assertNothingMoreAfter(WsClient client, LiveEventType type, String battery) throws Exception {
    server.publishAndAwait(event(type, battery, "marker"));
    assertEquals(type + " " + battery + " marker", describe(client.next(WAIT)), "no other event came in between");
  }

  private WsClient connect(String query) throws Exception {
    return WsClient.connect(server.client, server.ws("/ws/events?access_token=" + server.adminKey + "&" + query));
  }

  private static LiveEvent event(LiveEventType type, String battery, String aggregator) {
    return LiveEvent.of(type, Instant.now(), battery, aggregator, "auc-1",
        LiveEvent.Payload.EMPTY.withPrice(12.5).withReserve(10.0).withEnergy(5.0));
  }

  private static String describe(JsonNode event) {
    return event.path("type").asText() + " " + event.path("battery_id").asText() + " "
        + event.path("aggregator_id").asText("-");
  }
}
