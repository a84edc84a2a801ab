package io.etp.live;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.pekko.Done;
import org.apache.pekko.NotUsed;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.QueueOfferResult;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/**
 * The node's live event hub. Publishers {@link #publish} from any thread into a bounded queue (never blocking); one
 * stage assigns sequence numbers, appends to a bounded {@link EventRing} and hands each event to the subscribers whose
 * filter matches it, into each one's own bounded backlog. A subscriber's stream is woken once when its backlog goes
 * from empty to non-empty and then takes everything queued at once, so a burst costs a subscriber one wake-up (and, for
 * a batching socket, one frame) rather than one pass through its stream per event, and an event a subscriber does not
 * want costs it one filter test on the sequencing stage. A slow subscriber's backlog drops its oldest events and
 * reports how many, so one slow client never slows the hub or other clients and never makes the server buffer without
 * bound.
 *
 * <p>Why not Pekko's {@code BroadcastHub}: it hands every element to every consumer's stream, which then filters it.
 * With 1,000 WebSocket subscribers that is 1,000 stream wake-ups per event; one live client beside 999 that were sent
 * nothing at all saw its p99 delivery latency double (docs/benchmarks.md, "WebSocket fan-out").
 */
public final class EventHub implements LiveEventPublisher {

  /**
   * Where a subscriber starts: nothing (live only); after a sequence number of this node's hub, optionally of a given
   * hub epoch; or after a cluster-wide {@link LiveCursor}, on any node (the cursor wins when both are given).
   */
  public record Resume(OptionalLong fromSeq, Optional<String> epoch, Optional<LiveCursor> cursor) {
    public static final Resume LIVE = new Resume(OptionalLong.empty(), Optional.empty(), Optional.empty());

    public Resume(OptionalLong fromSeq, Optional<String> epoch) {
      this(fromSeq, epoch, Optional.empty());
    }

    public static Resume after(long seq) {
      return new Resume(OptionalLong.of(seq), Optional.empty());
    }

    public static Resume after(LiveCursor cursor) {
      return new Resume(OptionalLong.empty(), Optional.empty(), Optional.of(cursor));
    }
  }

  private final LiveSettings settings;
  private final EventRing ring;
  private final String epoch = UUID.randomUUID().toString().substring(0, 8);
  private final BoundedSourceQueue<LiveEvent> input;
  /**
   * The connected subscribers. Copy-on-write: the sequencing stage iterates it for every event, subscribers join and
   * leave far less often.
   */
  private final CopyOnWriteArrayList<Subscription> subscriptions = new CopyOnWriteArrayList<>();
  private volatile boolean closed;
  private final AtomicLong droppedAtInput = new AtomicLong();
  /** Each recent event's JSON, written once when a socket first sends it and shared by every other socket. */
  private final java.util.concurrent.atomic.AtomicReferenceArray<Encoded> encoded;
  private long nextSeq = 1; // touched only by the single sequencing stage

  private EventHub(LiveSettings settings, Materializer materializer) {
    this.settings = settings;
    this.ring = new EventRing(settings.ringSize());
    this.encoded = new java.util.concurrent.atomic.AtomicReferenceArray<>(settings.ringSize());
    Pair<BoundedSourceQueue<LiveEvent>, CompletionStage<Done>> pair =
        Source.<LiveEvent>queue(settings.inputBuffer())
            .toMat(Sink.foreach(this::dispatch), Keep.both())
            .run(materializer);
    this.input = pair.first();
    pair.second().whenComplete((done, failure) -> {
      closed = true;
      subscriptions.forEach(Subscription::complete);
    });
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
    if (event.position() != null) {
      ring.lost(event.position());
    }
    return false;
  }

  @Override
  public void follow(String source, long afterOffset) {
    ring.follow(source, afterOffset);
  }

  /** The cluster-wide cursor at the latest event sequenced. */
  public LiveCursor cursor() {
    return ring.cursor();
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
    return subscriptions.size();
  }

  /** The most recent events with seq greater than {@code afterSeq}, at most {@code limit}, oldest first. */
  public List<LiveEvent> recent(long afterSeq, int limit, EventFilter filter) {
    List<LiveEvent> matching = ring.after(afterSeq).events().stream().filter(filter::matches).toList();
    return matching.subList(Math.max(0, matching.size() - limit), matching.size());
  }

  /**
   * One subscriber's stream, message by message: see {@link #subscribeChunks}.
   */
  public Source<Outbound, NotUsed> subscribe(Resume resume, Supplier<EventFilter> filter) {
    return subscribeChunks(resume, filter, Integer.MAX_VALUE).mapConcat(chunk -> chunk);
  }

  /**
   * One subscriber's stream: a {@link Outbound.Hello}, the replay the resume point asks for (with
   * {@link Outbound.Missed} or {@link Outbound.Reset} when it cannot be honoured in full), then live events, each
   * passing {@code filter} as it is at that moment, with {@link Outbound.Dropped} notices when the subscriber falls
   * more than {@code etp.live.client-buffer} events behind. Messages come in chunks of at most {@code maxChunk}: each
   * live chunk is what arrived since the subscriber last took its backlog, in sequence order.
   */
  public Source<List<Outbound>, NotUsed> subscribeChunks(Resume resume, Supplier<EventFilter> filter, int maxChunk) {
    if (maxChunk < 1) {
      throw new IllegalArgumentException("maxChunk must be positive: " + maxChunk);
    }
    return Source.lazySource(() -> connect(resume, filter, maxChunk))
        .mapMaterializedValue(ignored -> NotUsed.getInstance());
  }

  private Source<List<Outbound>, NotUsed> connect(Resume resume, Supplier<EventFilter> filter, int maxChunk) {
    Subscription subscription = new Subscription(filter, settings.clientBuffer(), maxChunk);
    // Joined before the ring is read: every event sequenced after that read reaches this subscription's backlog
    // (the sequencing stage appends to the ring, under its lock, before it reads the subscriber list).
    subscriptions.add(subscription);
    if (closed) {
      subscription.complete();
    }
    List<Outbound> prefix = new ArrayList<>();
    if (resume.cursor().isPresent()) {
      EventRing.CursorView view = ring.cursorView(resume.cursor().get());
      subscription.startAfter(view.latestSeq(), resume.cursor().get());
      prefix.add(new Outbound.Hello(epoch, view.oldestSeq(), view.latestSeq(), filter.get(), view.cursor()));
      prefix.addAll(view.missed());
      EventFilter now = filter.get();
      view.replay().stream().filter(now::matches).forEach(e -> prefix.add(new Outbound.Event(e)));
    } else {
      EventRing.CursorView view = ring.cursorView(LiveCursor.EMPTY);
      long latest = view.latestSeq();
      subscription.startAfter(latest);
      prefix.add(new Outbound.Hello(epoch, view.oldestSeq(), latest, filter.get(), view.cursor()));
      if (resume.fromSeq().isPresent()) {
        replaySeq(resume, latest, filter, prefix);
      }
    }
    return Source.fromGraph(subscription.source(prefix))
        .watchTermination((notUsed, done) -> {
          done.whenComplete((d, t) -> {
            subscriptions.remove(subscription);
            subscription.complete();
          });
          return NotUsed.getInstance();
        });
  }

  /** The replay of a node-local resume ({@code from} and {@code epoch}) up to {@code latest}. */
  private void replaySeq(Resume resume, long latest, Supplier<EventFilter> filter, List<Outbound> prefix) {
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
    EventFilter now = filter.get();
    replay.events().stream().filter(now::matches).forEach(e -> prefix.add(new Outbound.Event(e)));
  }

  /** The sequencing stage: numbers the event, keeps it in the ring and queues it for every subscriber that wants it. */
  private void dispatch(LiveEvent event) {
    LiveEvent sequenced = event.sequenced(nextSeq++, java.time.Instant.now());
    ring.append(sequenced);
    for (Subscription subscription : subscriptions) {
      subscription.offer(sequenced);
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
}
