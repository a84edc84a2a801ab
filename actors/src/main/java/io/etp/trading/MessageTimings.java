package io.etp.trading;

import io.etp.protocol.TimingClass;
import io.etp.protocol.v1.EtpMessage;
import io.etp.protocol.v1.MessageType;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.BehaviorInterceptor;
import org.apache.pekko.actor.typed.TypedActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Latency of every ETP message from its {@code sent_at_ms} to the moment its twin's mailbox hands it to the entity
 * ("send to handling" in the protocol's timing classes), per message type, plus how many arrived past their type's
 * deadline. Recording is lock-free (one HdrHistogram {@link Recorder} per type), so entities on every dispatcher
 * thread record without contention; {@link #snapshot()} folds the interval histograms into running totals.
 * sent_at has millisecond resolution, so latencies are whole milliseconds.
 */
public final class MessageTimings {

  /** Latencies above this are recorded as this (one minute), so a wild clock cannot blow the histogram up. */
  static final long MAX_TRACKED_MS = 60_000;

  /** What one message type looked like since start. */
  public record Summary(MessageType type, long count, long late, long p50Ms, long p99Ms, long p999Ms, long maxMs) {}

  private final Clock clock;
  private final Map<MessageType, Recorder> recorders = new EnumMap<>(MessageType.class);
  private final Map<MessageType, Histogram> totals = new EnumMap<>(MessageType.class);
  private final Map<MessageType, AtomicLong> late = new EnumMap<>(MessageType.class);
  /** Recent latencies per type in time slices (2 significant digits), for {@link #p99Within}. */
  private final Map<MessageType, java.util.Deque<Slice>> slices = new EnumMap<>(MessageType.class);
  private java.time.Duration retained = java.time.Duration.ofMinutes(5);

  /** Latencies recorded in one slice of time: from {@code start} for {@link #sliceLength()}. */
  private record Slice(long startMs, org.HdrHistogram.IntCountsHistogram latencies) {}

  public MessageTimings(Clock clock) {
    this.clock = clock;
    for (MessageType type : MessageType.values()) {
      if (type == MessageType.UNRECOGNIZED) {
        continue;
      }
      recorders.put(type, new Recorder(MAX_TRACKED_MS, 3));
      totals.put(type, new Histogram(MAX_TRACKED_MS, 3));
      late.put(type, new AtomicLong());
    }
  }

  /** Records one message as handled now. Messages without a known type are not counted here (the edge rejects them). */
  public void record(EtpMessage message) {
    Recorder recorder = message.hasMessageType() ? recorders.get(message.getMessageType()) : null;
    if (recorder == null) {
      return;
    }
    long latencyMs = Math.max(0, clock.millis() - message.getSentAtMs());
    recorder.recordValue(Math.min(latencyMs, MAX_TRACKED_MS));
    if (latencyMs > TimingClass.of(message.getMessageType()).deadline().toMillis()) {
      late.get(message.getMessageType()).incrementAndGet();
    }
  }

  /** Totals since start, one summary per type that has seen at least one message. */
  public synchronized Map<MessageType, Summary> snapshot() {
    fold();
    Map<MessageType, Summary> result = new EnumMap<>(MessageType.class);
    totals.forEach((type, total) -> {
      if (total.getTotalCount() > 0) {
        result.put(type, new Summary(type, total.getTotalCount(), late.get(type).get(),
            total.getValueAtPercentile(50), total.getValueAtPercentile(99), total.getValueAtPercentile(99.9),
            total.getMaxValue()));
      }
    });
    return result;
  }

  /** Moves what was recorded since the last fold into the running totals and the kept slices. */
  private void fold() {
    recorders.forEach((type, recorder) -> {
      Histogram interval = recorder.getIntervalHistogram();
      totals.get(type).add(interval);
      keep(type, interval);
    });
  }

  /** Keeps latencies for windows up to {@code window} long (5 minutes unless set), in ten slices of a tenth of it. */
  public synchronized void retainFor(java.time.Duration window) {
    if (window.toMillis() < 1000) {
      throw new IllegalArgumentException("a latency window is at least one second: " + window);
    }
    retained = window;
  }

  /** The length of one slice of kept latencies: windows are whole slices, so up to one slice older than asked. */
  public synchronized java.time.Duration sliceLength() {
    return retained.dividedBy(10);
  }

  /**
   * p99 latency per type over the slices that overlap the last {@code window} (at most {@link #retainFor}), in ms,
   * for types with messages in it, including what was recorded up to now.
   */
  public synchronized Map<MessageType, Long> p99Within(java.time.Duration window) {
    fold();
    long from = clock.millis() - Math.min(window.toMillis(), retained.toMillis());
    long length = sliceLength().toMillis();
    Map<MessageType, Long> result = new EnumMap<>(MessageType.class);
    slices.forEach((type, kept) -> {
      Histogram merged = new Histogram(MAX_TRACKED_MS, 2);
      kept.stream().filter(s -> s.startMs() + length > from).forEach(s -> merged.add(s.latencies()));
      if (merged.getTotalCount() > 0) {
        result.put(type, merged.getValueAtPercentile(99));
      }
    });
    return result;
  }

  private void keep(MessageType type, Histogram interval) {
    long now = clock.millis();
    long length = sliceLength().toMillis();
    java.util.Deque<Slice> kept = slices.get(type);
    while (kept != null && !kept.isEmpty() && kept.peekFirst().startMs() + length <= now - retained.toMillis()) {
      kept.removeFirst();
    }
    if (interval.getTotalCount() == 0) {
      return;
    }
    if (kept == null) {
      kept = new java.util.ArrayDeque<>();
      slices.put(type, kept);
    }
    Slice last = kept.peekLast();
    if (last == null || now >= last.startMs() + length) {
      last = new Slice(now - now % length, new org.HdrHistogram.IntCountsHistogram(MAX_TRACKED_MS, 2));
      kept.addLast(last);
    }
    last.latencies().add(interval);
  }

  /** Starts a new measurement window: forgets everything recorded so far (e.g. a benchmark's warm-up). */
  public synchronized void reset() {
    recorders.values().forEach(Recorder::reset);
    totals.values().forEach(Histogram::reset);
    slices.clear();
    late.values().forEach(counter -> counter.set(0));
  }

  /**
   * Wraps an entity's behavior so that every ETP message delivered to it is timed before the entity handles it.
   *
   * @param etpCommand the entity's command that carries an ETP message (e.g. {@code Battery.ReceiveEtp})
   */
  public <C, E extends C> Behavior<C> observe(Behavior<C> entity, Class<E> etpCommand,
      Function<E, EtpMessage> message) {
    @SuppressWarnings("unchecked") // every message of the entity passes through; only etpCommand ones are timed
    Class<C> all = (Class<C>) (Class<?>) Object.class;
    return Behaviors.intercept(() -> new BehaviorInterceptor<C, C>(all) {
      @Override
      public Behavior<C> aroundReceive(TypedActorContext<C> ctx, C msg, ReceiveTarget<C> target) {
        if (etpCommand.isInstance(msg)) {
          record(message.apply(etpCommand.cast(msg)));
        }
        return target.apply(ctx, msg);
      }
    }, entity);
  }
}
