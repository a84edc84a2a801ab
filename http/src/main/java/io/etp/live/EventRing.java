package io.etp.live;

import java.util.ArrayList;
import java.util.List;

/**
 * The most recent events, for subscribers that resume. Holds at most {@code capacity} events; the oldest is evicted
 * first. Appends come from the hub's single sequencing stage; reads come from any subscriber's materialization.
 */
final class EventRing {

  /** What the ring holds right now: events with seq in [oldestSeq, latestSeq]; oldestSeq > latestSeq when empty. */
  record Snapshot(long oldestSeq, long latestSeq, List<LiveEvent> events) {}

  private final LiveEvent[] slots;
  private long latestSeq;

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
    slots[(int) (event.seq() % slots.length)] = event;
    latestSeq = event.seq();
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
