package io.etp.legacy;

import com.typesafe.config.Config;
import io.etp.edge.DeviceLink;
import io.etp.edge.EdgeMetrics;
import io.etp.edge.EdgeSettings;
import io.etp.protocol.ValidationResult;
import io.etp.protocol.v1.EtpMessage;
import io.etp.protocol.v1.PeerRole;
import io.etp.protocol.v1.TerminationCode;
import io.etp.protocol.validation.MessageValidator;
import io.etp.protocol.validation.TokenBucketRateLimiter;
import io.etp.protocol.validation.ValidationLimits;
import io.etp.trading.TradingCore;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
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
 *
 * <p>Bounded like the ETP gateway ({@link Limits}): a cap on connections, an idle timeout, a per-connection rate
 * limit, reads of at most 1024 bytes, a bounded outbound queue, and a connection closed after N bad reads. Each
 * event has its {@link EdgeMetrics} counter ({@code LEGACY_*}).
 */
public final class LegacyBatteryListener {

  private static final Logger log = LoggerFactory.getLogger(LegacyBatteryListener.class);
  private static final AtomicLong SEQUENCE = new AtomicLong();
  private static final int OUTBOUND_QUEUE = 64;

  /**
   * The listener's bounds ({@code etp.edge.legacy}, docs/edge.md "Legacy interop").
   *
   * @param maxConnections legacy connections accepted at once; more get a legacy Terminate (code cancelled) and close
   * @param idleTimeout a connection silent this long gets a legacy Terminate (code timeout) and is closed
   * @param maxBadLines the N-th unreadable or invalid message on a connection closes it after its Terminate
   * @param ratePerSecond sustained messages per second per connection
   * @param rateBurst burst per connection
   */
  public record Limits(int maxConnections, Duration idleTimeout, int maxBadLines, double ratePerSecond,
      double rateBurst) {

    /** The defaults of cluster-config/edge.conf. */
    public static final Limits DEFAULTS = new Limits(64, Duration.ofMinutes(5), 3, 50, 100);

    /** Checks the components. */
    public Limits {
      Objects.requireNonNull(idleTimeout, "idleTimeout");
      if (maxConnections < 1 || maxBadLines < 1 || !(ratePerSecond > 0) || !(rateBurst >= 1)
          || idleTimeout.isNegative() || idleTimeout.isZero()) {
        throw new IllegalArgumentException("etp.edge.legacy limits must be positive: max-connections "
            + maxConnections + ", max-bad-lines " + maxBadLines + ", rate-limit-per-second " + ratePerSecond
            + ", rate-limit-burst " + rateBurst + ", idle-timeout " + idleTimeout);
      }
    }

    /**
     * @param legacy the {@code etp.edge.legacy} section
     * @return its limits
     */
    public static Limits fromConfig(Config legacy) {
      return new Limits(legacy.getInt("max-connections"), legacy.getDuration("idle-timeout"),
          legacy.getInt("max-bad-lines"), legacy.getDouble("rate-limit-per-second"),
          legacy.getDouble("rate-limit-burst"));
    }
  }

  private final Tcp.ServerBinding binding;
  private final AtomicInteger open;

  private LegacyBatteryListener(Tcp.ServerBinding binding, AtomicInteger open) {
    this.binding = binding;
    this.open = open;
  }

  /** As {@link #start(ActorSystem, TradingCore, String, int, String, Clock, EdgeMetrics, Limits)} with defaults. */
  public static CompletionStage<LegacyBatteryListener> start(ActorSystem<?> system, TradingCore core, String host,
      int port, String batteryId, Clock clock, EdgeMetrics metrics) {
    return start(system, core, host, port, batteryId, clock, metrics, Limits.DEFAULTS);
  }

  /**
   * @param system the node's actor system
   * @param core the trading core
   * @param host interface to bind
   * @param port port (the prototype's default is 4000; 0 picks a free port)
   * @param batteryId the twin served
   * @param clock the node clock
   * @param metrics counters
   * @param limits the listener's bounds
   * @return the bound listener
   */
  public static CompletionStage<LegacyBatteryListener> start(ActorSystem<?> system, TradingCore core, String host,
      int port, String batteryId, Clock clock, EdgeMetrics metrics, Limits limits) {
    return start(system, core, host, port, batteryId, clock, metrics, limits, ValidationLimits.DEFAULTS);
  }

  /**
   * @param system the node's actor system
   * @param core the trading core
   * @param host interface to bind
   * @param port port (the prototype's default is 4000; 0 picks a free port)
   * @param batteryId the twin served
   * @param clock the node clock
   * @param metrics counters
   * @param limits the listener's bounds
   * @param validation what every legacy read is validated against; its product list gives "the next period" a
   *     legacy Bid is for
   * @return the bound listener
   */
  public static CompletionStage<LegacyBatteryListener> start(ActorSystem<?> system, TradingCore core, String host,
      int port, String batteryId, Clock clock, EdgeMetrics metrics, Limits limits, ValidationLimits validation) {
    MessageValidator validator = new MessageValidator(validation, clock);
    AtomicInteger open = new AtomicInteger();
    return Tcp.get(system).bind(host, port)
        .to(Sink.foreach(c -> c.handleWith(
            handler(system, core, batteryId, validator, clock, metrics, limits, open, c.remoteAddress()), system)))
        .run(system)
        .thenApply(b -> {
          log.info("legacy ETP listener for battery {} on {}:{} (max {} connections, idle timeout {})", batteryId,
              b.localAddress().getHostString(), b.localAddress().getPort(), limits.maxConnections(),
              limits.idleTimeout());
          return new LegacyBatteryListener(b, open);
        });
  }

  private static Flow<ByteString, ByteString, NotUsed> handler(ActorSystem<?> system, TradingCore core,
      String batteryId, MessageValidator validator, Clock clock, EdgeMetrics metrics, Limits limits,
      AtomicInteger open, InetSocketAddress remote) {
    if (!tryOpen(open, limits.maxConnections())) {
      metrics.increment(EdgeMetrics.Counter.LEGACY_CONNECTIONS_REFUSED_LIMIT);
      log.debug("legacy connection from {} refused: {} connections open", remote, limits.maxConnections());
      LegacySession refusing = new LegacySession(batteryId, validator, clock);
      byte[] text = refusing.onTwinMessage(LegacySession.closingMessage(batteryId,
          TerminationCode.TERMINATION_CODE_CANCELLED,
          "legacy connection limit of " + limits.maxConnections() + " reached")).orElseThrow();
      return Flow.fromSinkAndSource(Sink.ignore(), Source.single(ByteString.fromArrayUnsafe(text)));
    }
    metrics.increment(EdgeMetrics.Counter.LEGACY_CONNECTIONS_ACCEPTED);
    return connection(system, core, new LegacySession(batteryId, validator, clock), metrics, limits,
        new TokenBucketRateLimiter(limits.rateBurst(), limits.ratePerSecond(), 1, clock), open::decrementAndGet,
        remote);
  }

  private static boolean tryOpen(AtomicInteger open, int max) {
    while (true) {
      int now = open.get();
      if (now >= max) {
        return false;
      }
      if (open.compareAndSet(now, now + 1)) {
        return true;
      }
    }
  }

  private static Flow<ByteString, ByteString, NotUsed> connection(ActorSystem<?> system, TradingCore core,
      LegacySession session, EdgeMetrics metrics, Limits limits, TokenBucketRateLimiter rateLimiter,
      Runnable onClose, InetSocketAddress remote) {
    Pair<BoundedSourceQueue<EtpMessage>, Source<EtpMessage, NotUsed>> queue =
        Source.<EtpMessage>queue(OUTBOUND_QUEUE).preMaterialize(system);
    BoundedSourceQueue<EtpMessage> outbound = queue.first();
    Object lock = new Object();
    ActorRef<DeviceLink.Command>[] link = newLinkHolder();
    int[] bad = {0};
    boolean[] closing = {false};
    Sink<ByteString, NotUsed> in = Flow.of(ByteString.class)
        // not idleTimeout: its failure would cancel the socket's read side and close it before the Terminate;
        // TCP never delivers an empty read, so an empty ByteString marks the idle tick
        .keepAlive(limits.idleTimeout(), ByteString::emptyByteString)
        .watchTermination((mat, done) -> {
          done.whenComplete((d, t) -> {
            outbound.complete();
            if (link[0] != null) {
              link[0].tell(DeviceLink.Stop.INSTANCE);
            }
            onClose.run();
            metrics.increment(EdgeMetrics.Counter.LEGACY_CONNECTIONS_CLOSED);
          });
          return mat;
        })
        .to(Sink.foreach(bytes -> {
          if (closing[0]) {
            return; // closing: the rest is discarded while the socket closes
          }
          if (bytes.isEmpty()) {
            closing[0] = true;
            metrics.increment(EdgeMetrics.Counter.LEGACY_CLOSED_IDLE);
            log.debug("legacy connection from {} idle for {}: closed", remote, limits.idleTimeout());
            synchronized (lock) {
              offer(outbound, session.closing(TerminationCode.TERMINATION_CODE_TIMEOUT,
                  "no message for " + limits.idleTimeout()), metrics);
            }
            outbound.complete();
            return;
          }
          metrics.increment(EdgeMetrics.Counter.LEGACY_MESSAGES_IN);
          if (rateLimiter.tryAcquire("connection") instanceof ValidationResult.Invalid limited) {
            metrics.increment(EdgeMetrics.Counter.LEGACY_RATE_LIMITED);
            metrics.refused(limited.reason());
            LegacySession.Refused r;
            synchronized (lock) {
              r = session.refusal(limited.reason());
            }
            offer(outbound, r.reply(), metrics);
            return;
          }
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
            link[0].tell(new DeviceLink.ToBattery(t.message())); // after the link attached the aggregator id
          } else if (verdict instanceof LegacySession.Refused r) {
            metrics.increment(EdgeMetrics.Counter.LEGACY_BAD_MESSAGES);
            metrics.refused(r.reason());
            log.debug("legacy read from {} refused: {}", remote, r.reason());
            offer(outbound, r.reply(), metrics);
            if (++bad[0] >= limits.maxBadLines()) {
              closing[0] = true;
              metrics.increment(EdgeMetrics.Counter.LEGACY_CLOSED_AFTER_BAD_LINES);
              log.warn("legacy connection from {} closed after {} bad messages (last: {})", remote, bad[0],
                  r.reason());
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

  /** Queues one of the listener's own replies; a full queue drops it and counts the drop. */
  private static void offer(BoundedSourceQueue<EtpMessage> outbound, EtpMessage m, EdgeMetrics metrics) {
    if (outbound.offer(m) == org.apache.pekko.stream.QueueOfferResult.dropped()) {
      metrics.increment(EdgeMetrics.Counter.OUTBOUND_DROPPED);
    }
  }

  @SuppressWarnings("unchecked")
  private static ActorRef<DeviceLink.Command>[] newLinkHolder() {
    return (ActorRef<DeviceLink.Command>[]) new ActorRef<?>[1];
  }

  /** @return where the listener accepts legacy aggregators */
  public InetSocketAddress address() {
    return binding.localAddress();
  }

  /** @return legacy connections open now */
  public int openConnections() {
    return open.get();
  }

  /** @return completes when the listening socket is closed */
  public CompletionStage<Done> unbind() {
    return binding.unbind().thenApply(u -> Done.getInstance());
  }
}
