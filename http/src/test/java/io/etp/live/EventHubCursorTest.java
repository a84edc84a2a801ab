package io.etp.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.testkit.TestSubscriber;
import org.apache.pekko.stream.testkit.javadsl.TestSink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The cluster-wide cursor: two hubs stand for two nodes whose tails read the same persisted sources (a journal tag,
 * the bid table) in the same order per source but interleave the sources differently. A client that read part of
 * the stream on one resumes on the other from its cursor and gets exactly the records it had not seen; a node that
 * no longer holds (or never held) what follows the cursor says so per source.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventHubCursorTest {

  private final ActorTestKit kit = ActorTestKit.create(ConfigFactory.parseString("pekko.actor.provider = local"));
  private final Materializer materializer = Materializer.matFromSystem(kit.system());

  @AfterAll
  void stop() {
    kit.shutdownTestKit();
  }

  /** A persisted record as a tail maps it: battery {@code battery}'s event at {@code offset} of {@code source}. */
  private static LiveEvent record(String source, long offset, String battery) {
    return LiveEvent.of(source.equals("bid") ? LiveEventType.BID_PLACED : LiveEventType.AUCTION_OPENED,
            Instant.parse("2026-12-05T12:00:00Z").plusMillis(offset), battery, null, null, LiveEvent.Payload.EMPTY)
        .withEventId(source + "/" + offset).at(source, offset);
  }

  private EventHub hub(int ringSize) {
    EventHub hub = EventHub.start(new LiveSettings(1024, ringSize, 1000, 4096, Duration.ofSeconds(5)), materializer);
    hub.follow("battery-0", 100);
    hub.follow("bid", 7);
    return hub;
  }

  /** The journal's records 101..130 of tag battery-0 and bid rows 8..37, odd ones of battery bess-1. */
  private static List<LiveEvent> journal() {
    List<LiveEvent> out = new ArrayList<>();
    for (int i = 1; i <= 30; i++) {
      out.add(record("battery-0", 100 + i, "bess-" + (i % 2)));
    }
    return out;
  }

  private static List<LiveEvent> bids() {
    List<LiveEvent> out = new ArrayList<>();
    for (int i = 1; i <= 30; i++) {
      out.add(record("bid", 7 + i, "bess-" + (i % 2)));
    }
    return out;
  }

  /** Publishes the two sources interleaved: {@code journalFirst} records of one source, then alternating. */
  private static void publishInterleaved(EventHub hub, List<LiveEvent> journal, List<LiveEvent> bids, int lead) {
    int j = 0;
    int b = 0;
    while (j < journal.size() || b < bids.size()) {
      if (j < journal.size() && (j < lead || b >= bids.size() || (j + b) % 2 == 0)) {
        hub.publish(journal.get(j++));
      } else {
        hub.publish(bids.get(b++));
      }
    }
  }

  private static void awaitSequenced(EventHub hub, long count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (hub.latestSeq() < count && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertEquals(count, hub.latestSeq());
  }

  @Test
  void aClientResumesOnAnotherNodeFromItsCursorWithoutGapsOrDuplicates() throws Exception {
    EventHub a = hub(1000);
    EventHub b = hub(1000);
    TestSubscriber.Probe<Outbound> onA = a.subscribe(EventHub.Resume.LIVE, () -> EventFilter.ALL)
        .runWith(TestSink.create(kit.system()), materializer);
    onA.request(1);
    Outbound.Hello hello = (Outbound.Hello) onA.expectNext();
    assertEquals(new LiveCursor(Map.of("battery-0", 100L, "bid", 7L)), hello.cursor(),
        "HELLO: where each followed source stands");

    // the two nodes read the same sources, but interleave them differently
    publishInterleaved(a, journal(), bids(), 0);
    publishInterleaved(b, journal(), bids(), 12);
    awaitSequenced(a, 60);
    awaitSequenced(b, 60);

    // the client reads 25 events on node A, folding each one's position into its cursor, then loses the connection
    LiveCursor cursor = hello.cursor();
    List<String> seen = new ArrayList<>();
    onA.request(25);
    for (int i = 0; i < 25; i++) {
      LiveEvent e = ((Outbound.Event) onA.expectNext()).event();
      seen.add(e.eventId());
      cursor = cursor.advance(e.position());
    }
    onA.cancel();

    TestSubscriber.Probe<Outbound> onB = b.subscribe(EventHub.Resume.after(LiveCursor.parse(cursor.toString())),
            () -> EventFilter.ALL).runWith(TestSink.create(kit.system()), materializer);
    onB.request(100);
    Outbound.Hello helloB = (Outbound.Hello) onB.expectNext();
    assertEquals(new LiveCursor(Map.of("battery-0", 130L, "bid", 37L)), helloB.cursor());
    List<String> resumed = new ArrayList<>();
    while (seen.size() + resumed.size() < 60) {
      Outbound out = onB.expectNext();
      assertTrue(out instanceof Outbound.Event, "only events after a resume node B can serve: " + out);
      resumed.add(((Outbound.Event) out).event().eventId());
    }
    onB.expectNoMessage(Duration.ofMillis(100));

    List<String> all = new ArrayList<>(seen);
    all.addAll(resumed);
    assertEquals(60, all.stream().distinct().count(), "no record twice: " + all);
    for (String source : List.of("battery-0", "bid")) {
      List<Long> offsets = all.stream().filter(id -> id.startsWith(source + "/"))
          .map(id -> Long.parseLong(id.substring(id.indexOf('/') + 1))).toList();
      long first = source.equals("bid") ? 8 : 101;
      assertEquals(java.util.stream.LongStream.range(first, first + 30).boxed().toList(), offsets,
          source + ": every record once, in order");
    }

    // a record sequenced after the resume goes out live, once
    b.publish(record("bid", 38, "bess-0"));
    assertEquals("bid/38", ((Outbound.Event) onB.expectNext()).event().eventId());
    onB.cancel();
    a.shutdown();
    b.shutdown();
  }

  @Test
  void aNodeWhoseTailIsBehindTheCursorSkipsTheRecordsTheClientHasWhenTheyArriveLive() throws Exception {
    EventHub behind = hub(1000);
    List<LiveEvent> journal = journal();
    for (int i = 0; i < 10; i++) {
      behind.publish(journal.get(i)); // this node's tail has reached battery-0 offset 110 so far
    }
    awaitSequenced(behind, 10);

    // the client came from a node that had reached 120 on battery-0
    TestSubscriber.Probe<Outbound> probe = behind.subscribe(
            EventHub.Resume.after(new LiveCursor(Map.of("battery-0", 120L, "bid", 7L))), () -> EventFilter.ALL)
        .runWith(TestSink.create(kit.system()), materializer);
    probe.request(100);
    assertTrue(probe.expectNext() instanceof Outbound.Hello);

    // the tail catches up: 111..120 arrive live and the client has them; 121..130 are new to it
    for (int i = 10; i < 30; i++) {
      behind.publish(journal.get(i));
    }
    List<String> got = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      got.add(((Outbound.Event) probe.expectNext()).event().eventId());
    }
    assertEquals(java.util.stream.LongStream.rangeClosed(121, 130).mapToObj(o -> "battery-0/" + o).toList(), got);
    probe.expectNoMessage(Duration.ofMillis(100));
    probe.cancel();
    behind.shutdown();
  }

  @Test
  void aNodeThatNoLongerHoldsWhatFollowsTheCursorSaysSoPerSourceAndServesTheRest() throws Exception {
    EventHub small = hub(20); // holds only the last 20 of the 60 events
    publishInterleaved(small, journal(), bids(), 0);
    awaitSequenced(small, 60);

    LiveCursor cursor = new LiveCursor(Map.of("battery-0", 105L, "bid", 36L));
    TestSubscriber.Probe<Outbound> probe = small.subscribe(EventHub.Resume.after(cursor), () -> EventFilter.ALL)
        .runWith(TestSink.create(kit.system()), materializer);
    probe.request(100);
    assertTrue(probe.expectNext() instanceof Outbound.Hello);
    Outbound.MissedSource missed = (Outbound.MissedSource) probe.expectNext();
    assertEquals("battery-0", missed.source());
    assertEquals(105, missed.fromOffset());
    assertTrue(missed.heldAfterOffset() > 105 && missed.heldAfterOffset() < 130, missed.toString());
    List<String> replay = new ArrayList<>();
    Outbound next;
    while ((next = probe.expectNext()) instanceof Outbound.Event e) {
      replay.add(e.event().eventId());
      if (replay.size() == 11) {
        break;
      }
    }
    // battery-0: what is still held after the gap (offsets heldAfter+1 .. 130); bid: only row 37 is after 36
    List<String> expected = new ArrayList<>();
    for (long o = missed.heldAfterOffset() + 1; o <= 130; o++) {
      expected.add("battery-0/" + o);
    }
    expected.add("bid/37");
    assertEquals(expected.stream().sorted().toList(), replay.stream().sorted().toList());
    probe.cancel();
    small.shutdown();
  }

  @Test
  void aNodeThatStartedFollowingASourceAfterTheCursorSaysWhatItNeverHeld() throws Exception {
    EventHub late = EventHub.start(new LiveSettings(1024, 1000, 1000, 4096, Duration.ofSeconds(5)), materializer);
    late.follow("battery-0", 120); // its tail started when the journal was at 120
    late.follow("bid", 7);
    late.publish(record("battery-0", 121, "bess-1"));
    awaitSequenced(late, 1);
    TestSubscriber.Probe<Outbound> probe = late.subscribe(
            EventHub.Resume.after(new LiveCursor(Map.of("battery-0", 110L, "bid", 7L))), () -> EventFilter.ALL)
        .runWith(TestSink.create(kit.system()), materializer);
    probe.request(10);
    assertTrue(probe.expectNext() instanceof Outbound.Hello);
    assertEquals(new Outbound.MissedSource("battery-0", 110, 120), probe.expectNext());
    assertEquals("battery-0/121", ((Outbound.Event) probe.expectNext()).event().eventId());
    probe.expectNoMessage(Duration.ofMillis(100));
    probe.cancel();
    late.shutdown();
  }

  @Test
  void aCursorIsWrittenAndReadAsSourceColonOffsetAndAMalformedOneIsRefused() {
    LiveCursor cursor = LiveCursor.parse("bid:37,battery-0:130");
    assertEquals("battery-0:130,bid:37", cursor.toString());
    assertEquals(cursor, LiveCursor.parse(cursor.toString()));
    assertEquals(130, cursor.advance(new LiveEvent.Position("battery-0", 120)).offset("battery-0"),
        "a cursor never moves back");
    assertEquals(LiveCursor.EMPTY, LiveCursor.parse(""));
    for (String bad : List.of("bid", "bid:", ":3", "bid:x", "bid:-1", "bid:1,bid:2", "bid:1,")) {
      assertThrows(IllegalArgumentException.class, () -> LiveCursor.parse(bad), bad);
    }
  }

  @Test
  void theCursorQueryParameterIsReadAndAMalformedOneIsA400InvalidCursor() {
    assertEquals(java.util.Optional.of(LiveCursor.parse("battery-0:5,bid:9")), LiveRoutes.cursor(
        org.apache.pekko.http.javadsl.model.Query.create(org.apache.pekko.japi.Pair.create("cursor",
            "battery-0:5,bid:9"))));
    assertTrue(LiveRoutes.cursor(org.apache.pekko.http.javadsl.model.Query.EMPTY).isEmpty());
    io.etp.web.ValidationException refused = assertThrows(io.etp.web.ValidationException.class,
        () -> LiveRoutes.cursor(org.apache.pekko.http.javadsl.model.Query.create(
            org.apache.pekko.japi.Pair.create("cursor", "bid:-3"))));
    assertEquals("invalid_cursor", refused.problem().code());
    assertEquals(400, refused.problem().status().intValue());
  }
}
