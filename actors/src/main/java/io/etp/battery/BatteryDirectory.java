package io.etp.battery;

import java.util.HashSet;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.ddata.ORSet;
import org.apache.pekko.cluster.ddata.Key;
import org.apache.pekko.cluster.ddata.ORSetKey;
import org.apache.pekko.cluster.ddata.SelfUniqueAddress;
import org.apache.pekko.cluster.ddata.typed.javadsl.DistributedData;
import org.apache.pekko.cluster.ddata.typed.javadsl.Replicator;

/**
 * The cluster-wide directory of registered batteries: a replicated set (Pekko Distributed Data ORSet) of battery ids,
 * fed by battery twins when they register, withdrawn when they fail or terminate. One instance runs per node;
 * aggregators on that node subscribe and receive the current listing whenever it changes on any node.
 *
 * <p>Distributed Data is kept in memory: after a full cluster restart the directory fills again as batteries
 * register (devices re-announce periodically).
 */
public final class BatteryDirectory {

  public static final Key<ORSet<String>> KEY = ORSetKey.create("etp-batteries");

  public sealed interface Command {}
  /** A battery registered: list it. */
  public record Announce(String batteryId) implements Command {}
  /** A battery failed or terminated: unlist it. */
  public record Withdraw(String batteryId) implements Command {}
  /** Send {@code subscriber} the listing now and on every change. */
  public record Subscribe(ActorRef<Listing> subscriber) implements Command {}
  public record Unsubscribe(ActorRef<Listing> subscriber) implements Command {}

  /** The battery ids currently registered. */
  public record Listing(Set<String> batteryIds) {
    public Listing { batteryIds = Set.copyOf(batteryIds); }
  }

  private record Updated(Replicator.UpdateResponse<ORSet<String>> response) implements Command {}
  private record Changed(Replicator.SubscribeResponse<ORSet<String>> response) implements Command {}

  private BatteryDirectory() {}

  public static Behavior<Command> create() {
    return Behaviors.setup(ctx -> DistributedData.withReplicatorMessageAdapter(
        (org.apache.pekko.cluster.ddata.typed.javadsl.ReplicatorMessageAdapter<Command, ORSet<String>> replicator) -> {
          SelfUniqueAddress node = DistributedData.get(ctx.getSystem()).selfUniqueAddress();
          replicator.subscribe(KEY, Changed::new);
          Set<ActorRef<Listing>> subscribers = new HashSet<>();
          Set<String> current = new HashSet<>();
          return Behaviors.receive(Command.class)
              .onMessage(Announce.class, a -> {
                replicator.askUpdate(
                    replyTo -> new Replicator.Update<>(KEY, ORSet.empty(), Replicator.writeLocal(), replyTo,
                        set -> set.add(node, a.batteryId())),
                    Updated::new);
                return Behaviors.same();
              })
              .onMessage(Withdraw.class, w -> {
                replicator.askUpdate(
                    replyTo -> new Replicator.Update<>(KEY, ORSet.empty(), Replicator.writeLocal(), replyTo,
                        set -> set.remove(node, w.batteryId())),
                    Updated::new);
                return Behaviors.same();
              })
              .onMessage(Subscribe.class, s -> {
                subscribers.add(s.subscriber());
                s.subscriber().tell(new Listing(current));
                return Behaviors.same();
              })
              .onMessage(Unsubscribe.class, u -> {
                subscribers.remove(u.subscriber());
                return Behaviors.same();
              })
              .onMessage(Updated.class, u -> Behaviors.same())
              .onMessage(Changed.class, c -> {
                if (c.response() instanceof Replicator.Changed<ORSet<String>> changed) {
                  current.clear();
                  current.addAll(changed.get(KEY).getElements());
                  Listing listing = new Listing(current);
                  subscribers.forEach(s -> s.tell(listing));
                }
                return Behaviors.same();
              })
              .build();
        }));
  }
}
