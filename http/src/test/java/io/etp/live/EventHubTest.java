package io.etp.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.testkit.TestSubscriber;
import org.apache.pekko.stream.testkit.javadsl.TestSink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The hub itself, without HTTP: sequencing under concurrent publishers and the bounded input. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventHubTest {

  private final ActorTestKit kit = ActorTestKit.create(ConfigFactory.parseString("pekko.actor.provider = local"));
  private final Materializer materializer = Materializer.matFromSystem(kit.system());

  @AfterAll
  void stop() {
    kit.shutdownTestKit();
  }

  @Test
  void concurrentPublishersGetGapFreeSequenceNumbersInDeliveryOrder() throws Exception {
    EventHub hub = EventHub.start(new LiveSettings(64, 1000, 1_000_000, 4096, Duration.ofSeconds(5)),
        materializer);
    Queue<Outbound> received = new ConcurrentLinkedQueue<>();
    hub.subscribe(EventHub.Resume.LIVE, () -> EventFilter.ALL).runWith(Sink.foreach(received::add), materializer);
    assertEquals(0, awaitHello(received));
    assertEquals(1, hub.subscriberCount());

    int threads = 4;
    int perThread = 5_000;
    AtomicLong accepted = new AtomicLong();
    AtomicLong refused = new AtomicLong();
    CountDownLatch done = new CountDownLatch(threads);
    for (int t = 0; t < threads; t++) {
      String battery = "bat-" + t;
      new Thread(() -> {
        for (int i = 0; i < perThread; i++) {
          LiveEvent e = LiveEvent.of(LiveEventType.BATTERY_STATUS, Instant.now(), battery, null, null,
              LiveEvent.Payload.EMPTY.withEnergy(i));
          if (hub.publish(e)) {
            accepted.incrementAndGet();
          } else {
            refused.incrementAndGet();
          }
        }
        done.countDown();
      }).start();
    }
    assertTrue(done.await(30, TimeUnit.SECONDS), "publishers never block");
    awaitSequenced(hub, accepted.get());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (events(received) < accepted.get() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    hub.shutdown();

    List<Long> seqs = new ArrayList<>();
    for (Outbound out : received) {
      if (out instanceof Outbound.Event e) {
        seqs.add(e.event().seq());
      } else {
        assertTrue(out instanceof Outbound.Hello, "no drops expected with this client buffer: " + out);
      }
    }
    assertEquals(threads * perThread, accepted.get() + refused.get());
    assertEquals(refused.get(), hub.droppedAtInput(), "every refusal is counted");
    assertEquals(accepted.get(), hub.latestSeq());
    assertEquals(accepted.get(), seqs.size(), "the subscriber got every accepted event");
    for (int i = 0; i < seqs.size(); i++) {
      assertEquals(i + 1, seqs.get(i), "gap-free and in order");
    }
  }

  @Test
  void aShutDownHubRefusesEventsAndCompletesItsSubscribers() throws Exception {
    EventHub hub = EventHub.start(new LiveSettings(16, 100, 16, 4096, Duration.ofSeconds(5)), materializer);
    CompletionStage<List<Outbound>> received = hub.subscribe(EventHub.Resume.LIVE, () -> EventFilter.ALL)
        .runWith(Sink.seq(), materializer);
    hub.shutdown();
    received.toCompletableFuture().get(5, TimeUnit.SECONDS);
    assertFalse(hub.publish(LiveEvent.of(LiveEventType.ALERT, Instant.now(), "b", null, null,
        LiveEvent.Payload.EMPTY)));
  }

  @Test
  void aSubscriberThatJoinsDuringABurstStillGetsItsTailWhenTheStreamFallsQuiet() throws Exception {
    EventHub hub = EventHub.start(new LiveSettings(1024, 1000, 1000, 4096, Duration.ofSeconds(5)), materializer);
    Queue<Outbound> received = new ConcurrentLinkedQueue<>();
    hub.subscribe(EventHub.Resume.LIVE, () -> EventFilter.ALL).runWith(Sink.foreach(received::add), materializer);
    assertEquals(0, awaitHello(received));
    // published at once, possibly before the subscriber has joined the broadcast; nothing is published afterwards
    for (int i = 0; i < 50; i++) {
      hub.publish(LiveEvent.of(LiveEventType.ALERT, Instant.now(), "b", null, null, LiveEvent.Payload.EMPTY));
    }
    awaitSequenced(hub, 50);
    long firstSeen = -1;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (System.nanoTime() < deadline) {
      List<Long> seqs = received.stream().filter(o -> o instanceof Outbound.Event)
          .map(o -> ((Outbound.Event) o).event().seq()).toList();
      if (!seqs.isEmpty() && seqs.get(seqs.size() - 1) == 50) {
        firstSeen = seqs.get(0);
        assertEquals(1, firstSeen, "nothing after its HELLO is lost");
        assertEquals(50, seqs.size(), "no duplicates");
        break;
      }
      Thread.sleep(10);
    }
    assertTrue(firstSeen > 0, "the subscriber received the last event of the burst: " + received);
    hub.shutdown();
  }

  @Test
  void serialisesEachEventOnceAndSharesTheTextAcrossSubscribers() throws Exception {
    EventHub hub = EventHub.start(new LiveSettings(64, 4, 512, 4096, Duration.ofSeconds(5)), materializer);
    Queue<Outbound> first = new ConcurrentLinkedQueue<>();
    Queue<Outbound> second = new ConcurrentLinkedQueue<>();
    hub.subscribe(EventHub.Resume.LIVE, () -> EventFilter.ALL).runWith(Sink.foreach(first::add), materializer);
    hub.subscribe(EventHub.Resume.LIVE, () -> EventFilter.ALL).runWith(Sink.foreach(second::add), materializer);
    awaitHello(first);
    awaitHello(second);
    for (int i = 0; i < 6; i++) {
      hub.publish(LiveEvent.of(LiveEventType.BATTERY_STATUS, Instant.EPOCH, "bat-" + i, null, null,
          LiveEvent.Payload.EMPTY));
    }
    awaitSequenced(hub, 6);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while ((events(first) < 6 || events(second) < 6) && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    Outbound.Event latestOfFirst = lastEvent(first);
    Outbound.Event latestOfSecond = lastEvent(second);
    assertEquals(6, latestOfFirst.event().seq());
    String text = hub.json(latestOfFirst);
    assertTrue(text == hub.json(latestOfSecond), "both sockets send the very same text, serialised once");
    assertEquals(LiveJson.write(latestOfFirst), text);
    assertTrue(text.contains("\"published_at\":\""), text);
    Outbound.Event evicted = (Outbound.Event) first.stream().filter(o -> o instanceof Outbound.Event e
        && e.event().seq() == 1).findFirst().orElseThrow();
    assertEquals(LiveJson.write(evicted), hub.json(evicted), "an event no longer held is written on the spot");
    assertEquals(LiveJson.write(new Outbound.Dropped(3)), hub.json(new Outbound.Dropped(3)));
    hub.shutdown();
  }

  @Test
  void aSubscriberThatDoesNotReadKeepsOnlyItsNewestEventsAndIsToldExactlyHowManyWereDropped() throws Exception {
    EventHub hub = EventHub.start(new LiveSettings(1024, 1000, 16, 4096, Duration.ofSeconds(5)), materializer);
    TestSubscriber.Probe<List<Outbound>> probe = hub.subscribeChunks(EventHub.Resume.LIVE, () -> EventFilter.ALL, 1000)
        .runWith(TestSink.create(kit.system()), materializer);
    probe.request(1);
    assertTrue(probe.expectNext().get(0) instanceof Outbound.Hello);
    for (int i = 0; i < 100; i++) { // the subscriber asks for nothing meanwhile
      hub.publish(LiveEvent.of(LiveEventType.ALERT, Instant.now(), "b", null, null, LiveEvent.Payload.EMPTY));
    }
    awaitSequenced(hub, 100);
    probe.request(10);
    // The stream's plumbing may already have taken one chunk (up to 16 events) while the events were being
    // published, before the subscriber stopped asking; everything after that waited in the backlog of 16.
    List<Outbound> received = new ArrayList<>();
    while (received.isEmpty() || !(received.get(received.size() - 1) instanceof Outbound.Event last
        && last.event().seq() == 100)) {
      received.addAll(probe.expectNext());
    }
    long dropped = received.stream().filter(o -> o instanceof Outbound.Dropped)
        .mapToLong(o -> ((Outbound.Dropped) o).count()).sum();
    List<Long> seqs = received.stream().filter(o -> o instanceof Outbound.Event)
        .map(o -> ((Outbound.Event) o).event().seq()).toList();
    assertEquals(100, dropped + seqs.size(), "every event delivered or counted as dropped: " + received);
    assertTrue(seqs.size() <= 32, "the backlog held no more than 16, plus one chunk taken ahead: " + seqs);
    assertEquals(java.util.stream.LongStream.rangeClosed(85, 100).boxed().toList(),
        seqs.subList(seqs.size() - 16, seqs.size()), "the newest 16 kept, in order");
    probe.expectNoMessage(java.time.Duration.ofMillis(100));
    hub.shutdown();
    probe.expectComplete();
  }

  @Test
  void eachSubscriberIsHandedOnlyTheEventsItsFilterMatchesAndABurstComesWholeInBoundedChunks() throws Exception {
    EventHub hub = EventHub.start(new LiveSettings(1024, 1000, 1000, 4096, Duration.ofSeconds(5)), materializer);
    EventFilter batteryA = new EventFilter(java.util.Set.of(), java.util.Set.of("bat-a"), java.util.Set.of());
    TestSubscriber.Probe<List<Outbound>> probe = hub.subscribeChunks(EventHub.Resume.LIVE, () -> batteryA, 64)
        .runWith(TestSink.create(kit.system()), materializer);
    probe.request(1);
    assertTrue(probe.expectNext().get(0) instanceof Outbound.Hello);
    for (int i = 0; i < 300; i++) { // every third event is for bat-a; the subscriber reads nothing meanwhile
      hub.publish(LiveEvent.of(LiveEventType.BATTERY_STATUS, Instant.now(), i % 3 == 0 ? "bat-a" : "bat-b", null,
          null, LiveEvent.Payload.EMPTY));
    }
    awaitSequenced(hub, 300);
    probe.request(10);
    // One chunk may have been taken ahead while the burst was being published; the rest waited in the backlog.
    List<List<Outbound>> chunks = new ArrayList<>();
    List<Long> seqs = new ArrayList<>();
    while (seqs.isEmpty() || seqs.get(seqs.size() - 1) != 298) {
      List<Outbound> chunk = probe.expectNext();
      chunks.add(chunk);
      for (Outbound o : chunk) {
        LiveEvent e = ((Outbound.Event) o).event();
        assertEquals("bat-a", e.batteryId(), "bat-b's events never reach this subscriber");
        seqs.add(e.seq());
      }
    }
    probe.expectNoMessage(java.time.Duration.ofMillis(100));
    assertEquals(java.util.stream.LongStream.iterate(1, x -> x <= 298, x -> x + 3).boxed().toList(), seqs,
        "every matching event once, in sequence order");
    assertTrue(chunks.stream().allMatch(c -> c.size() <= 64), "chunks of at most 64");
    assertTrue(chunks.size() <= 4, "100 events in at most 4 chunks (one taken ahead, then 64 + 36): " + chunks.size());
    hub.shutdown();
  }

  private static Outbound.Event lastEvent(Queue<Outbound> received) {
    Outbound.Event last = null;
    for (Outbound out : received) {
      if (out instanceof Outbound.Event e) {
        last = e;
      }
    }
    return last;
  }

  private static long events(Queue<Outbound> received) {
    return received.stream().filter(o -> o instanceof Outbound.Event).count();
  }

  /** Waits for the subscriber's HELLO: from then on every published event is for it. */
  private static long awaitHello(Queue<Outbound> received) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (System.nanoTime() < deadline) {
      for (Outbound o : received) {
        if (o instanceof Outbound.Hello hello) {
          return hello.latestSeq();
        }
      }
      Thread.sleep(2);
    }
    throw new AssertionError("no HELLO within 5 s");
  }

  private static void awaitSequenced(EventHub hub, long count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (hub.latestSeq() < count && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
  }
}
