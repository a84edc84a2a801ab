package io.etp.marketfeed;

import io.etp.marketdata.FeedStatus;
import io.etp.marketdata.FetchFailure;
import io.etp.marketdata.ResilientPolling;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.ddata.LWWMap;
import org.apache.pekko.cluster.ddata.LWWMapKey;
import org.apache.pekko.cluster.ddata.SelfUniqueAddress;
import org.apache.pekko.cluster.ddata.typed.javadsl.DistributedData;
import org.apache.pekko.cluster.ddata.typed.javadsl.Replicator;
import org.apache.pekko.cluster.ddata.typed.javadsl.ReplicatorMessageAdapter;

/**
 * The cluster's view of its live feeds, one per node. The feeds run once per cluster (inside the forecaster and fleet
 * singletons), so only the node that runs them learns how each poll went ({@link #listener()}); it writes each feed's
 * {@link FeedStatus} into a replicated map (Distributed Data, as text: no serializer of ours), and every node reads it
 * from there for its {@code /health/ready} detail ({@link #current()}) and announces each outage and recovery once
 * ({@code onChanges}, given {@link FeedStatus#changes}).
 */
public final class FeedBoard {

  /** The replicated map: feed source name to {@link FeedStatus#encode()}. */
  public static final org.apache.pekko.cluster.ddata.Key<LWWMap<String, String>> KEY =
      LWWMapKey.create("etp-feed-status");

  private sealed interface Command {}

  private record Polled(String source, Optional<FetchFailure> failure) implements Command {}

  private record Updated(Replicator.UpdateResponse<LWWMap<String, String>> response) implements Command {}

  private record Changed(Replicator.SubscribeResponse<LWWMap<String, String>> response) implements Command {}

  private final AtomicReference<Map<String, FeedStatus>> current = new AtomicReference<>(Map.of());
  private final ActorRef<Command> actor;

  private FeedBoard(ActorSystem<?> system, Clock clock, Consumer<List<FeedStatus>> onChanges) {
    this.actor = system.systemActorOf(behavior(clock, onChanges), "etp-feed-board", Props.empty());
  }

  /**
   * Starts this node's board.
   *
   * @param onChanges told every outage raised and cleared, as {@link FeedStatus#changes} gives them (on the board's
   *                  thread; must not block)
   */
  public static FeedBoard start(ActorSystem<?> system, Clock clock, Consumer<List<FeedStatus>> onChanges) {
    return new FeedBoard(system, clock, onChanges);
  }

  /** What every feed of the cluster did at its last poll, by source name; empty when no feed runs. Never blocks. */
  public Map<String, FeedStatus> current() {
    return current.get();
  }

  /** Hand this to each feed's {@link ResilientPolling#withListener}. */
  public ResilientPolling.PollListener listener() {
    return (source, failure) -> actor.tell(new Polled(source, failure));
  }

  private Behavior<Command> behavior(Clock clock, Consumer<List<FeedStatus>> onChanges) {
    return Behaviors.setup(ctx -> DistributedData.withReplicatorMessageAdapter(
        (ReplicatorMessageAdapter<Command, LWWMap<String, String>> replicator) -> {
          SelfUniqueAddress node = DistributedData.get(ctx.getSystem()).selfUniqueAddress();
          replicator.subscribe(KEY, Changed::new);
          return Behaviors.receive(Command.class)
              .onMessage(Polled.class, p -> {
                FeedStatus before = current.get().get(p.source());
                FeedStatus after = before == null ? FeedStatus.first(p.source(), p.failure(), clock.instant())
                    : before.after(p.failure(), clock.instant());
                if (!after.equals(before)) {
                  // applied here at once (a health check on this node sees it without waiting for the replicator)
                  apply(withStatus(current.get(), after), onChanges);
                  replicator.askUpdate(replyTo -> new Replicator.Update<>(KEY, LWWMap.create(),
                      Replicator.writeLocal(), replyTo, map -> map.put(node, p.source(), after.encode())), Updated::new);
                }
                return Behaviors.same();
              })
              .onMessage(Updated.class, u -> Behaviors.same())
              .onMessage(Changed.class, c -> {
                if (c.response() instanceof Replicator.Changed<LWWMap<String, String>> changed) {
                  Map<String, FeedStatus> now = new TreeMap<>();
                  changed.get(KEY).getEntries().forEach((source, text) -> {
                    try {
                      now.put(source, FeedStatus.decode(source, text));
                    } catch (IllegalArgumentException e) {
                      ctx.getLog().warn("ignoring a feed status: {}", e.getMessage());
                    }
                  });
                  apply(now, onChanges);
                }
                return Behaviors.same();
              })
              .build();
        }));
  }

  private void apply(Map<String, FeedStatus> now, Consumer<List<FeedStatus>> onChanges) {
    List<FeedStatus> changes = FeedStatus.changes(current.get(), now);
    current.set(Map.copyOf(now));
    if (!changes.isEmpty()) onChanges.accept(changes);
  }

  private static Map<String, FeedStatus> withStatus(Map<String, FeedStatus> map, FeedStatus status) {
    Map<String, FeedStatus> next = new TreeMap<>(map);
    next.put(status.source(), status);
    return next;
  }
}
