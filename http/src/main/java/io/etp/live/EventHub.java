package io.etp.live;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.pekko.Done;
import org.apache.pekko.NotUsed;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.QueueOfferResult;
import org.apache.pekko.stream.javadsl.BroadcastHub;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/**
 * The node's live event hub. Publishers {@link #publish} from any thread into a bounded queue (never blocking); one
 * stage assigns sequence numbers and appends to a bounded {@link EventRing}; a {@link BroadcastHub} fans the events out
 * to subscribers. Every subscriber reads through its own bounded backlog that drops its oldest events when the
 * subscriber is slow and reports how many it dropped, so one slow client never slows the hub or other clients and never
 * makes the server buffer without bound.
 */
public final class EventHub implements LiveEventPublisher {

  /** Where a subscriber starts: nothing (live only) or after a sequence number, optionally of a given hub epoch. */
  public record Resume(OptionalLong fromSeq, Optional<String> epoch) {
    public static final Resume LIVE = new Resume(OptionalLong.empty(), Optional.empty());

    public static Resume after(long seq) {
      return new Resume(OptionalLong.of(seq), Optional.empty());
    }
  }

  /** How often every subscriber checks the ring for events it has not seen (a tick through the broadcast). */
  static final java.time.Duration CATCH_UP_INTERVAL = java.time.Duration.ofMillis(200);

  private final LiveSettings settings;
  private final EventRing ring;
  private final String epoch = UUID.randomUUID().toString().substring(0, 8);
  private final BoundedSourceQueue<LiveEvent> input;
  /** Sequenced events, and a tick every {@link #CATCH_UP_INTERVAL} (the subscribers' catch-up). */
  private final Source<Item, NotUsed> broadcast;

  /** What the broadcast carries: an event, or (event {@code null}) a catch-up tick up to {@code tickSeq}. */
  private record Item(LiveEvent event, long tickSeq) {}
  private final AtomicLong droppedAtInput = new AtomicLong();
  private final AtomicInteger subscribers = new AtomicInteger();
  /** Each recent event's JSON, written once when a socket first sends it and shared by every other socket. */
  private final java.util.concurrent.atomic.AtomicReferenceArray<Encoded> encoded;
  private long nextSeq = 1; // touched only by the single sequencing stage

  private EventHub(LiveSettings settings, Materializer materializer) {
    this.settings = settings;
    this.ring = new EventRing(settings.ringSize());
    this.encoded = new java.util.concurrent.atomic.AtomicReferenceArray<>(settings.ringSize());
    // One catch-up tick for all subscribers through the broadcast, rather than a timer per subscriber: with 1,000
    // subscribers, per-subscriber idle timers rescheduled on every event were a visible share of the node's CPU.
    // The tick carries the latest sequence number when it was sent, so a subscriber still working through the
    // broadcast never jumps ahead of it to the ring.
    Pair<BoundedSourceQueue<LiveEvent>, Source<Item, NotUsed>> pair =
        Source.<LiveEvent>queue(settings.inputBuffer())
            .map(e -> new Item(sequence(e), 0))
            .merge(Source.tick(CATCH_UP_INTERVAL, CATCH_UP_INTERVAL, NotUsed.getInstance())
                .map(tick -> new Item(null, ring.latestSeq())), true)
            .toMat(BroadcastHub.of(Item.class, settings.hubBuffer()), Keep.both())
            .run(materializer);
    this.input = pair.first();
    this.broadcast = pair.second();
    // A hub with no consumer backpressures its producer: this drain keeps it flowing while nobody is connected.
    broadcast.runWith(Sink.ignore(), materializer);
  }

  /** Starts a hub whose streams run on {@code materializer} (stop it with {@link #shutdown()}). */
  public static EventHub start(LiveSettings settings, Materializer materializer) {
    return new EventHub(settings, materializer);
  }

  @Override
  public boolean publish(LiveEvent event) {
    QueueOfferResult result = input.offer(event);
    if (result == QueueOfferResult.enqueued()) {
      return true;
    }
    droppedAtInput.incrementAndGet();
    return false;
  }

  /** Stops accepting events and completes every subscriber's stream. */
  public void shutdown() {
    input.complete();
  }

  /** This hub's identity: sequence numbers restart from 1 in a new epoch (after a node restart). */
  public String epoch() {
    return epoch;
  }

  /** The last sequence number assigned (0 before the first event). */
  public long latestSeq() {
    return ring.latestSeq();
  }

  /** Events refused because the input buffer was full. */
  public long droppedAtInput() {
    return droppedAtInput.get();
  }

  /** WebSocket subscribers connected right now. */
  public int subscriberCount() {
    return subscribers.get();
  }

  /** The most recent events with seq greater than {@code afterSeq}, at most {@code limit}, oldest first. */
  public List<LiveEvent> recent(long afterSeq, int limit, EventFilter filter) {
    List<LiveEvent> matching = ring.after(afterSeq).events().stream().filter(filter::matches).toList();
    return matching.subList(Math.max(0, matching.size() - limit), matching.size());
  }

  /**
   * One subscriber's stream: a {@link Outbound.Hello}, the replay the resume point asks for (with
   * {@link Outbound.Missed} or {@link Outbound.Reset} when it cannot be honoured in full), then live events, each
   * passing {@code filter} as it is at that moment, with {@link Outbound.Dropped} notices when the subscriber falls
   * more than {@code etp.live.client-buffer} events behind.
   */
  public Source<Outbound, NotUsed> subscribe(Resume resume, Supplier<EventFilter> filter) {
    return Source.lazySource(() -> connect(resume, filter))
        .mapMaterializedValue(ignored -> NotUsed.getInstance())
        .filter(out -> !(out instanceof Outbound.Event e) || filter.get().matches(e.event()))
        .watchTermination((notUsed, done) -> {
          subscribers.incrementAndGet();
          done.whenComplete((Done d, Throwable t) -> subscribers.decrementAndGet());
          return NotUsed.getInstance();
        });
  }

  private Source<Outbound, NotUsed> connect(Resume resume, Supplier<EventFilter> filter) {
    long latest = ring.latestSeq();
    List<Outbound> prefix = new ArrayList<>();
    prefix.add(new Outbound.Hello(epoch, ring.oldestSeq(), latest, filter.get()));
    long replayAfter = latest;
    if (resume.fromSeq().isPresent()) {
      long from = resume.fromSeq().getAsLong();
      boolean otherEpoch = resume.epoch().filter(e -> !e.equals(epoch)).isPresent();
      if (otherEpoch || from > latest) {
        prefix.add(new Outbound.Reset(epoch));
        from = 0;
      }
      EventRing.Snapshot replay = ring.between(from, latest);
      long firstHeld = replay.events().isEmpty() ? latest + 1 : replay.events().get(0).seq();
      if (from > 0 && firstHeld > from + 1) {
        prefix.add(new Outbound.Missed(firstHeld - from - 1, from, firstHeld));
      }
      replay.events().forEach(e -> prefix.add(new Outbound.Event(e)));
      replayAfter = latest;
    }
    return Source.from(prefix).concat(live(replayAfter, filter));
  }

  /**
   * Events after {@code afterSeq} from the broadcast, completed from the ring, through a bounded dropping backlog.
   * Joining the broadcast is asynchronous, so events published between the ring snapshot and the join reach this
   * subscriber from the ring: when a broadcast event is ahead of the last one delivered, or when the hub's catch-up
   * tick (every {@link #CATCH_UP_INTERVAL}) finds newer events in the ring. Events are delivered once, in sequence
   * order: anything at or below the last delivered sequence number is skipped. The filter is applied in the same
   * step, so an event the subscriber does not want costs one comparison.
   */
  private Source<Outbound, NotUsed> live(long afterSeq, Supplier<EventFilter> filter) {
    int capacity = settings.clientBuffer();
    return broadcast
        .statefulMapConcat(() -> {
          long[] last = {afterSeq};
          return item -> {
            LiveEvent event = item.event();
            long target = event != null ? event.seq() : item.tickSeq();
            if (target <= last[0]) {
              return List.<Outbound>of();
            }
            long fillUntil = event != null ? target - 1 : target;
            if (fillUntil <= last[0]) {
              // the common case, one event straight from the broadcast: filtered here, no list unless it passes
              last[0] = target;
              return filter.get().matches(event) ? List.<Outbound>of(new Outbound.Event(event)) : List.<Outbound>of();
            }
            List<Outbound> out = new ArrayList<>(1);
            EventFilter now = filter.get();
            List<LiveEvent> gap = ring.between(last[0], fillUntil).events();
            long lost = fillUntil - last[0] - gap.size();
            if (lost > 0) {
              out.add(new Outbound.Missed(lost, last[0], gap.isEmpty() ? fillUntil + 1 : gap.get(0).seq()));
            }
            gap.stream().filter(now::matches).forEach(e -> out.add(new Outbound.Event(e)));
            if (event != null && now.matches(event)) {
              out.add(new Outbound.Event(event));
            }
            last[0] = target;
            return out;
          };
        })
        .conflateWithSeed(first -> new Backlog(capacity).add(first), Backlog::add)
        .mapConcat(Backlog::drain);
  }

  /** A subscriber's pending messages: at most {@code capacity} events, the oldest dropped and counted. */
  private static final class Backlog {
    private final int capacity;
    private final Deque<LiveEvent> events = new ArrayDeque<>();
    private final List<Outbound> notices = new ArrayList<>(1);
    private long dropped;

    Backlog(int capacity) {
      this.capacity = capacity;
    }

    Backlog add(Outbound out) {
      if (out instanceof Outbound.Event e) {
        if (events.size() == capacity) {
          events.removeFirst();
          dropped++;
        }
        events.addLast(e.event());
      } else {
        notices.add(out);
      }
      return this;
    }

    List<Outbound> drain() {
      List<Outbound> out = new ArrayList<>(notices.size() + events.size() + 1);
      out.addAll(notices);
      if (dropped > 0) {
        out.add(new Outbound.Dropped(dropped));
      }
      events.forEach(e -> out.add(new Outbound.Event(e)));
      return out;
    }
  }

  /** One event's JSON text, kept beside the ring. */
  private record Encoded(long seq, String json) {}

  /**
   * The JSON text of one server-to-client message, as {@link LiveJson#write} writes it. An event still held in the
   * ring is serialised once, by the first socket that sends it, and every other socket shares that text, so fanning
   * an event out to N sockets costs one serialisation rather than N, and an event nobody is subscribed to costs
   * none; anything else is written on the spot.
   */
  public String json(Outbound out) {
    if (out instanceof Outbound.Event e && e.event().seq() > 0) {
      long seq = e.event().seq();
      int slot = slot(seq);
      Encoded held = encoded.get(slot);
      if (held != null && held.seq() == seq) {
        return held.json();
      }
      String text = LiveJson.write(out);
      boolean stillInRing = seq > ring.latestSeq() - encoded.length();
      if (stillInRing && (held == null || held.seq() < seq)
          && !encoded.compareAndSet(slot, held, new Encoded(seq, text))) {
        Encoded won = encoded.get(slot);
        if (won != null && won.seq() == seq) {
          return won.json(); // another socket wrote it at the same moment: share its text
        }
      }
      return text;
    }
    return LiveJson.write(out);
  }

  private int slot(long seq) {
    return (int) (seq % encoded.length());
  }

  private LiveEvent sequence(LiveEvent event) {
    LiveEvent sequenced = event.sequenced(nextSeq++, java.time.Instant.now());
    ring.append(sequenced);
    return sequenced;
  }
}
