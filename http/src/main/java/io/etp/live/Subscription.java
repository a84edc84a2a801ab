package io.etp.live;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.pekko.stream.Attributes;
import org.apache.pekko.stream.Outlet;
import org.apache.pekko.stream.SourceShape;
import org.apache.pekko.stream.stage.AbstractOutHandler;
import org.apache.pekko.stream.stage.AsyncCallback;
import org.apache.pekko.stream.stage.GraphStage;
import org.apache.pekko.stream.stage.GraphStageLogic;

/**
 * One live subscriber's backlog in the {@link EventHub}, and the stream stage that reads it.
 *
 * <p>The hub's sequencing stage {@link #offer}s each event whose filter matches; the backlog holds at most
 * {@code capacity} events and drops the oldest, counting them. The subscriber's stream takes the whole backlog
 * whenever its downstream asks for more ({@link #source}): a subscriber that keeps up gets each event on its own, one
 * that was busy (a burst, a slow socket) gets everything that arrived meanwhile as one chunk. The stream is woken only
 * when it has asked for more, found nothing and something then arrives, so a burst costs one wake-up per
 * subscriber, not one per event.
 *
 * <p>Why a stage of our own: Pekko's {@code Source.queue} would buffer events one by one and has no drop-oldest
 * policy with a count; its {@code BroadcastHub} wakes every consumer for every element (see {@link EventHub}).
 */
final class Subscription {

  private final Supplier<EventFilter> filter;
  private final int capacity;
  private final int maxChunk;

  // guarded by this
  private final ArrayDeque<LiveEvent> pending = new ArrayDeque<>();
  private long dropped;
  private long afterSeq = -1; // events at or below it went out as the replay; -1 until the replay point is known
  private boolean waiting; // the stage asked, found nothing and waits for a wake-up
  private boolean completed;
  private AsyncCallback<Boolean> wake; // set when the stage starts
  /**
   * A cluster-wide resume's cursor: records at or before it, per source, the client already has. This node's tail
   * may be behind the node the client came from, so records up to the cursor can still arrive live after the replay;
   * they are skipped, not sent again.
   */
  private LiveCursor has = LiveCursor.EMPTY;

  Subscription(Supplier<EventFilter> filter, int capacity, int maxChunk) {
    this.filter = filter;
    this.capacity = capacity;
    this.maxChunk = maxChunk;
  }

  /** From here on only events after {@code seq} are delivered; the ones up to it were sent as the replay. */
  synchronized void startAfter(long seq) {
    startAfter(seq, LiveCursor.EMPTY);
  }

  /**
   * From here on only events after {@code seq} are delivered, and of those none at or before {@code has} in its
   * source: the client resumed from that cursor and already has them.
   */
  synchronized void startAfter(long seq, LiveCursor has) {
    afterSeq = seq;
    this.has = has;
    pending.removeIf(e -> e.seq() <= seq || alreadyHeld(e));
  }

  private boolean alreadyHeld(LiveEvent event) {
    LiveEvent.Position p = event.position();
    return p != null && p.offset() <= has.offset(p.source());
  }

  /** Queues the event if this subscriber's filter matches it. Called by the hub's sequencing stage only. */
  void offer(LiveEvent event) {
    if (!filter.get().matches(event)) {
      return;
    }
    AsyncCallback<Boolean> toWake = null;
    synchronized (this) {
      if (completed || (afterSeq >= 0 && event.seq() <= afterSeq) || alreadyHeld(event)) {
        return;
      }
      if (pending.size() == capacity) {
        pending.removeFirst();
        dropped++;
      }
      pending.addLast(event);
      if (waiting && wake != null) {
        waiting = false;
        toWake = wake;
      }
    }
    if (toWake != null) {
      toWake.invoke(Boolean.TRUE);
    }
  }

  /** No more events: the stream ends once it has sent what is queued. */
  void complete() {
    AsyncCallback<Boolean> toWake;
    synchronized (this) {
      if (completed) {
        return;
      }
      completed = true;
      toWake = wake;
    }
    if (toWake != null) {
      toWake.invoke(Boolean.TRUE);
    }
  }

  /**
   * Everything queued (a {@link Outbound.Dropped} notice first if events were dropped, then the events that still
   * pass the filter), or an empty list, after which the next {@link #offer} wakes the stage.
   */
  private List<Outbound> take() {
    List<LiveEvent> events;
    long lost;
    synchronized (this) {
      if (pending.isEmpty() && dropped == 0) {
        waiting = true;
        return List.of();
      }
      events = new ArrayList<>(pending);
      pending.clear();
      lost = dropped;
      dropped = 0;
    }
    List<Outbound> out = new ArrayList<>(events.size() + 1);
    if (lost > 0) {
      out.add(new Outbound.Dropped(lost));
    }
    EventFilter now = filter.get(); // the subscriber may have changed its filter since these were queued
    for (LiveEvent e : events) {
      if (now.matches(e)) {
        out.add(new Outbound.Event(e));
      }
    }
    return out;
  }

  private synchronized boolean completedAndEmpty() {
    return completed && pending.isEmpty() && dropped == 0;
  }

  private synchronized void attach(AsyncCallback<Boolean> callback) {
    wake = callback;
  }

  /** The stage that sends {@code first}, then reads this backlog, in chunks of at most {@code maxChunk} messages. */
  GraphStage<SourceShape<List<Outbound>>> source(List<Outbound> first) {
    return new Stage(first);
  }

  private final class Stage extends GraphStage<SourceShape<List<Outbound>>> {
    private final Outlet<List<Outbound>> out = Outlet.create("EventHub.subscription.out");
    private final SourceShape<List<Outbound>> shape = SourceShape.of(out);
    private final List<Outbound> first;

    Stage(List<Outbound> first) {
      this.first = first;
    }

    @Override
    public SourceShape<List<Outbound>> shape() {
      return shape;
    }

    @Override
    public GraphStageLogic createLogic(Attributes inheritedAttributes) {
      return new GraphStageLogic(shape) {
        /** Taken but not yet pushed: the first messages, or a backlog larger than {@code maxChunk}. */
        private List<Outbound> rest = first;

        {
          setHandler(out, new AbstractOutHandler() {
            @Override
            public void onPull() {
              deliver();
            }
          });
        }

        @Override
        public void preStart() {
          attach(createAsyncCallback(signal -> {
            if (isAvailable(out)) {
              deliver();
            }
          }));
        }

        private void deliver() {
          if (rest.isEmpty()) {
            rest = take();
          }
          if (!rest.isEmpty()) {
            int n = Math.min(maxChunk, rest.size());
            push(out, n == rest.size() ? rest : List.copyOf(rest.subList(0, n)));
            rest = n == rest.size() ? List.of() : rest.subList(n, rest.size());
          } else if (completedAndEmpty()) {
            completeStage();
          }
        }
      };
    }
  }
}
