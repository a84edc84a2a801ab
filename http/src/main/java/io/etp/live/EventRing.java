package io.etp.live;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The most recent events, for subscribers that resume. Holds at most {@code capacity} events; the oldest is evicted
 * first. Appends come from the hub's single sequencing stage; reads come from any subscriber's materialization.
 */
final class EventRing {

  /** What the ring holds right now: events with seq in [oldestSeq, latestSeq]; oldestSeq > latestSeq when empty. */
  record Snapshot(long oldestSeq, long latestSeq, List<LiveEvent> events) {}

  /**
   * What a subscriber resuming from a cluster-wide cursor gets, read at one instant: the ring's latest seq, the
   * cursor at that seq (each followed source's last offset sequenced), the held events after the client's cursor in
   * seq order, and the sources whose records after the client's offset the ring no longer holds (all of them).
   */
  record CursorView(long oldestSeq, long latestSeq, LiveCursor cursor, List<LiveEvent> replay,
                    List<Outbound.MissedSource> missed) {}

  private final LiveEvent[] slots;
  private long latestSeq;
  /** Per followed source, the offset of the last record sequenced (or where the source was first followed). */
  private final Map<String, Long> sourceLatest = new HashMap<>();
  /**
   * Per followed source, the offset after which the ring holds every record of it that was sequenced: where it was
   * first followed, raised by every eviction and every record the hub had to refuse.
   */
  private final Map<String, Long> heldAfter = new HashMap<>();

  EventRing(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("ring capacity must be positive: " + capacity);
    }
    this.slots = new LiveEvent[capacity];
  }

  /** Appends the next event; its seq must be exactly one more than the previous one. */
  synchronized void append(LiveEvent event) {
    if (event.seq() != latestSeq + 1) {
      throw new IllegalStateException("ring expects seq " + (latestSeq + 1) + " but got " + event.seq());
    }
    int slot = (int) (event.seq() % slots.length);
    LiveEvent evicted = slots[slot];
    if (evicted != null && evicted.position() != null) {
      heldAfter.merge(evicted.position().source(), evicted.position().offset(), Math::max);
    }
    slots[slot] = event;
    latestSeq = event.seq();
    if (event.position() != null) {
      sourceLatest.merge(event.position().source(), event.position().offset(), Math::max);
    }
  }

  /** The hub follows {@code source} from after {@code offset}: records after it will be sequenced in order. */
  synchronized void follow(String source, long offset) {
    sourceLatest.merge(source, offset, Math::max);
    heldAfter.merge(source, offset, Math::max);
  }

  /** The record at {@code position} never reached the ring (refused at the hub's input): resumes before it miss it. */
  synchronized void lost(LiveEvent.Position position) {
    heldAfter.merge(position.source(), position.offset(), Math::max);
  }

  /**
   * The view of a subscriber resuming from {@code from}: every held event of a source the cursor names whose offset
   * is past the cursor's, and a {@link Outbound.MissedSource} for each named source whose records right after the
   * cursor's offset are no longer (or were never) held. Sources the cursor does not name are not replayed.
   */
  synchronized CursorView cursorView(LiveCursor from) {
    List<Outbound.MissedSource> missed = new ArrayList<>();
    from.offsets().forEach((source, offset) -> {
      Long held = heldAfter.get(source);
      if (held != null && offset < held) {
        missed.add(new Outbound.MissedSource(source, offset, held));
      }
    });
    List<LiveEvent> replay = new ArrayList<>();
    for (LiveEvent e : from.offsets().isEmpty() ? List.<LiveEvent>of() : between(0, latestSeq).events()) {
      LiveEvent.Position p = e.position();
      if (p != null && from.offsets().containsKey(p.source()) && p.offset() > from.offset(p.source())) {
        replay.add(e);
      }
    }
    return new CursorView(oldestSeq(), latestSeq, cursor(), replay, missed);
  }

  /** Each followed source's last offset sequenced so far. */
  synchronized LiveCursor cursor() {
    return new LiveCursor(sourceLatest);
  }

  synchronized long latestSeq() {
    return latestSeq;
  }

  synchronized long oldestSeq() {
    return Math.max(1, latestSeq - slots.length + 1);
  }

  /** The held events with {@code afterSeq < seq <= untilSeq}, oldest first. */
  synchronized Snapshot between(long afterSeq, long untilSeq) {
    long oldest = oldestSeq();
    // afterSeq may be any long a client sent: at or past the latest there is nothing (and afterSeq + 1 may overflow)
    long first = afterSeq >= latestSeq ? latestSeq + 1 : Math.max(afterSeq + 1, oldest);
    long last = Math.min(untilSeq, latestSeq);
    List<LiveEvent> events = new ArrayList<>((int) Math.max(0, last - first + 1));
    for (long s = first; s <= last; s++) {
      events.add(slots[(int) (s % slots.length)]);
    }
    return new Snapshot(oldest, latestSeq, events);
  }

  /** The held events after {@code afterSeq}. */
  synchronized Snapshot after(long afterSeq) {
    return between(afterSeq, latestSeq);
  }
}
