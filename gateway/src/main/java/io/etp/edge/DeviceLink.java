package io.etp.edge;

import io.etp.aggregator.Aggregator;
import io.etp.battery.Battery;
import io.etp.protocol.v1.EtpMessage;
import io.etp.protocol.v1.PeerRole;
import io.etp.trading.TradingCore;
import java.time.Duration;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.QueueOfferResult;

/**
 * The actor that makes one device connection the endpoint of its id in the cluster. It attaches itself to the
 * device's twin (Battery or Aggregator, found through sharding anywhere in the cluster), renews that every
 * {@code reattachInterval}, and offers every ETP message the twin hands it to the connection's bounded outbound
 * queue. When the queue is full the message is dropped and counted ({@link EdgeSettings.OverflowPolicy#DROP_NEW}) or
 * the connection is closed ({@link EdgeSettings.OverflowPolicy#CLOSE}). On stop it detaches from the twin.
 */
public final class DeviceLink {

  /** What the link handles: messages from the twin, its timer, and stop. */
  public sealed interface Command permits Deliver, ToBattery, Reattach, Stop {
  }

  /**
   * Sends {@code message} to the battery twin in its {@code recipient_id}, after the attachment: the twin's reply
   * cannot reach the device's twin before the device is attached there (the legacy listener's first message).
   *
   * @param message an ETP message from the device
   */
  public record ToBattery(EtpMessage message) implements Command {
  }

  /** @param message an ETP message for the device */
  public record Deliver(EtpMessage message) implements Command {
  }

  private enum Reattach implements Command {
    INSTANCE
  }

  /** Stops the link (the connection closed). */
  public enum Stop implements Command {
    INSTANCE
  }

  /** Called when the outbound queue overflows under the CLOSE policy. */
  @FunctionalInterface
  public interface OverflowHandler {
    /** The queue was full: close the connection. */
    void overflowed();
  }

  private DeviceLink() {
  }

  /**
   * @param core the node's trading core
   * @param deviceId the authenticated id
   * @param role battery or aggregator
   * @param outbound the connection's bounded outbound queue
   * @param policy the overflow policy
   * @param reattachInterval how often to renew the attachment
   * @param metrics counters
   * @param onOverflow closes the connection (CLOSE policy)
   * @return the behavior
   */
  public static Behavior<Command> create(TradingCore core, String deviceId, PeerRole role,
      BoundedSourceQueue<EtpMessage> outbound, EdgeSettings.OverflowPolicy policy, Duration reattachInterval,
      EdgeMetrics metrics, OverflowHandler onOverflow) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
      ActorRef<EtpMessage> self = ctx.messageAdapter(EtpMessage.class, Deliver::new);
      Runnable attach = () -> {
        if (role == PeerRole.PEER_ROLE_BATTERY) {
          core.battery(deviceId).tell(new Battery.AttachDevice(self));
        } else {
          core.aggregator(deviceId).tell(new Aggregator.AttachDevice(self));
        }
      };
      attach.run();
      timers.startTimerWithFixedDelay(Reattach.INSTANCE, reattachInterval);
      return Behaviors.receive(Command.class)
          .onMessage(Deliver.class, d -> {
            QueueOfferResult r = outbound.offer(d.message());
            if (r == QueueOfferResult.dropped()) {
              metrics.increment(EdgeMetrics.Counter.OUTBOUND_DROPPED);
              if (policy == EdgeSettings.OverflowPolicy.CLOSE) {
                onOverflow.overflowed();
              }
            } else if (r == QueueOfferResult.enqueued()) {
              metrics.increment(EdgeMetrics.Counter.FRAMES_OUT);
            }
            return Behaviors.same();
          })
          .onMessage(ToBattery.class, m -> {
            core.toBattery(m.message());
            return Behaviors.same();
          })
          .onMessageEquals(Reattach.INSTANCE, () -> {
            attach.run();
            return Behaviors.same();
          })
          .onMessageEquals(Stop.INSTANCE, Behaviors::stopped)
          .onSignal(PostStop.class, s -> {
            if (role == PeerRole.PEER_ROLE_BATTERY) {
              core.battery(deviceId).tell(new Battery.DetachDevice(self));
            } else {
              core.aggregator(deviceId).tell(new Aggregator.DetachDevice(self));
            }
            return Behaviors.same();
          })
          .build();
    }));
  }
}
