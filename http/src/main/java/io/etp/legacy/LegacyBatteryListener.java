package io.etp.legacy;

import io.etp.edge.DeviceLink;
import io.etp.edge.EdgeMetrics;
import io.etp.edge.EdgeSettings;
import io.etp.protocol.v1.EtpMessage;
import io.etp.protocol.v1.PeerRole;
import io.etp.protocol.validation.MessageValidator;
import io.etp.protocol.validation.ValidationLimits;
import io.etp.trading.TradingCore;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.Done;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.stream.javadsl.Tcp;
import org.apache.pekko.util.ByteString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one battery twin to unmodified legacy aggregators in the Go prototype's text format: plain TCP, no framing,
 * each read one message of at most 1024 bytes, each write one message (docs/edge.md, "Legacy interop"). A legacy
 * aggregator becomes the endpoint of the aggregator id {@code legacy-agg-<deviceID>} while connected; the twin runs
 * its auction as for any bidder, so a bid at or above reserve is answered with BidAccept when the auction closes.
 */
public final class LegacyBatteryListener {

  private static final Logger log = LoggerFactory.getLogger(LegacyBatteryListener.class);
  private static final AtomicLong SEQUENCE = new AtomicLong();
  private static final int OUTBOUND_QUEUE = 64;
  private static final int MAX_BAD_MESSAGES = 3;
  private static final Duration IDLE_TIMEOUT = Duration.ofMinutes(5);

  private final Tcp.ServerBinding binding;

  private LegacyBatteryListener(Tcp.ServerBinding binding) {
    this.binding = binding;
  }

  /**
   * @param system the node's actor system
   * @param core the trading core
   * @param host interface to bind
   * @param port port (the prototype's default is 4000; 0 picks a free port)
   * @param batteryId the twin served
   * @param clock the node clock
   * @param metrics counters
   * @return the bound listener
   */
  public static CompletionStage<LegacyBatteryListener> start(ActorSystem<?> system, TradingCore core, String host,
      int port, String batteryId, Clock clock, EdgeMetrics metrics) {
    MessageValidator validator = new MessageValidator(ValidationLimits.DEFAULTS, clock);
    return Tcp.get(system).bind(host, port)
        .to(Sink.foreach(c -> c.handleWith(
            connection(system, core, batteryId, new LegacySession(batteryId, validator, clock), metrics), system)))
        .run(system)
        .thenApply(b -> {
          log.info("legacy ETP listener for battery {} on {}:{}", batteryId, b.localAddress().getHostString(),
              b.localAddress().getPort());
          return new LegacyBatteryListener(b);
        });
  }

  private static Flow<ByteString, ByteString, NotUsed> connection(ActorSystem<?> system, TradingCore core,
      String batteryId, LegacySession session, EdgeMetrics metrics) {
    Pair<BoundedSourceQueue<EtpMessage>, Source<EtpMessage, NotUsed>> queue =
        Source.<EtpMessage>queue(OUTBOUND_QUEUE).preMaterialize(system);
    BoundedSourceQueue<EtpMessage> outbound = queue.first();
    Object lock = new Object();
    ActorRef<DeviceLink.Command>[] link = newLinkHolder();
    int[] bad = {0};
    Sink<ByteString, NotUsed> in = Flow.of(ByteString.class)
        .idleTimeout(IDLE_TIMEOUT)
        .watchTermination((mat, done) -> {
          done.whenComplete((d, t) -> {
            outbound.complete();
            if (link[0] != null) {
              link[0].tell(DeviceLink.Stop.INSTANCE);
            }
          });
          return mat;
        })
        .to(Sink.foreach(bytes -> {
          metrics.increment(EdgeMetrics.Counter.LEGACY_MESSAGES_IN);
          LegacySession.Inbound verdict;
          synchronized (lock) {
            verdict = session.onRead(bytes.toArray());
          }
          if (verdict instanceof LegacySession.ToTwin t) {
            if (link[0] == null) {
              link[0] = system.systemActorOf(DeviceLink.create(core, session.aggregatorId(),
                  PeerRole.PEER_ROLE_AGGREGATOR, outbound, EdgeSettings.OverflowPolicy.DROP_NEW,
                  Duration.ofSeconds(30), metrics, () -> { }), "legacy-link-" + SEQUENCE.incrementAndGet(),
                  Props.empty());
            }
            core.toBattery(t.message());
          } else if (verdict instanceof LegacySession.Refused r) {
            metrics.increment(EdgeMetrics.Counter.LEGACY_BAD_MESSAGES);
            metrics.refused(r.reason());
            outbound.offer(r.reply());
            if (++bad[0] >= MAX_BAD_MESSAGES) {
              outbound.complete();
            }
          }
        }));
    Source<ByteString, NotUsed> out = queue.second()
        .mapConcat(m -> {
          Optional<byte[]> text;
          synchronized (lock) {
            text = session.onTwinMessage(m);
          }
          text.ifPresent(t -> metrics.increment(EdgeMetrics.Counter.LEGACY_MESSAGES_OUT));
          return text.map(t -> List.of(ByteString.fromArrayUnsafe(t))).orElse(List.of());
        });
    return Flow.fromSinkAndSource(in, out);
  }

  @SuppressWarnings("unchecked")
  private static ActorRef<DeviceLink.Command>[] newLinkHolder() {
    return (ActorRef<DeviceLink.Command>[]) new ActorRef<?>[1];
  }

  /** @return where the listener accepts legacy aggregators */
  public InetSocketAddress address() {
    return binding.localAddress();
  }

  /** @return completes when the listening socket is closed */
  public CompletionStage<Done> unbind() {
    return binding.unbind().thenApply(u -> Done.getInstance());
  }
}
