package io.etp.edge;

import io.etp.protocol.EtpProtocolException;
import io.etp.protocol.framing.FrameDecoder;
import io.etp.protocol.framing.FrameEncoder;
import io.etp.protocol.v1.EtpMessage;
import io.etp.protocol.v1.PeerRole;
import io.etp.protocol.validation.ConnectionAuthenticator;
import io.etp.protocol.validation.TokenBucketRateLimiter;
import io.etp.trading.TradingCore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.QueueOfferResult;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;

/**
 * One device connection as a stream: inbound bytes are cut into frames by the protocol library's bounded
 * {@link FrameDecoder}, each frame goes through the {@link DeviceSession}, and everything the device receives (error
 * frames and messages from the cluster, through its {@link DeviceLink}) passes one bounded outbound queue that the
 * socket drains at its own pace, signing each with the {@link NodeKey}. Closing = completing that queue: what is queued is written, then the socket closes.
 */
final class DeviceConnection implements DeviceSession.Twins {

  private static final AtomicLong SEQUENCE = new AtomicLong();

  /** An inbound event, in order. */
  sealed interface Inbound permits Frame, Broken, Idle {
  }

  record Frame(byte[] payload) implements Inbound {
  }

  record Broken(EtpProtocolException error) implements Inbound {
  }

  enum Idle implements Inbound {
    INSTANCE
  }

  private final ActorSystem<?> system;
  private final TradingCore core;
  private final EdgeSettings.ConnectionLimits limits;
  private final EdgeMetrics metrics;
  private final DeviceSession session;
  private final BoundedSourceQueue<EtpMessage> outbound;
  private final Source<EtpMessage, NotUsed> outboundSource;
  private final AtomicBoolean closing = new AtomicBoolean();
  private final AtomicBoolean ended = new AtomicBoolean();
  private volatile ActorRef<DeviceLink.Command> link;

  private final NodeKey nodeKey;

  DeviceConnection(ActorSystem<?> system, TradingCore core, EdgeSettings settings, ConnectionAuthenticator auth,
      EdgeKeys keys, NodeKey nodeKey, Clock clock, EdgeMetrics metrics) {
    this.nodeKey = nodeKey;
    this.system = system;
    this.core = core;
    this.limits = settings.limits();
    this.metrics = metrics;
    TokenBucketRateLimiter limiter = new TokenBucketRateLimiter(limits.rateBurst(), limits.ratePerSecond(), 1, clock);
    this.session = new DeviceSession(auth, keys, EdgeBounds.DEFAULTS, clock, limiter, limits.maxBadFrames(), new ErrorFrames(settings.gatewayId(), clock),
        metrics, this);
    Pair<BoundedSourceQueue<EtpMessage>, Source<EtpMessage, NotUsed>> queue =
        Source.<EtpMessage>queue(limits.outboundQueue()).preMaterialize(system);
    this.outbound = queue.first();
    this.outboundSource = queue.second();
  }

  /** @return the connection's handler flow: bytes from the device in, bytes to the device out */
  Flow<ByteString, ByteString, NotUsed> flow() {
    int maxFrame = limits.maxFrameBytes();
    FrameEncoder encoder = new FrameEncoder(maxFrame);
    Sink<ByteString, NotUsed> in = Flow.of(ByteString.class)
        .<Inbound>statefulMapConcat(() -> {
          FrameDecoder decoder = new FrameDecoder(maxFrame);
          boolean[] failed = {false};
          return bytes -> decode(decoder, failed, bytes);
        })
        // not idleTimeout: its failure would cancel the socket's read side and close it before the TIMEOUT frame
        .keepAlive(limits.idleTimeout(), () -> Idle.INSTANCE)
        .watchTermination((mat, done) -> {
          done.whenComplete((d, failure) -> ended());
          return mat;
        })
        .to(Sink.foreach(this::onInbound));
    // every frame to the device, relayed or the gateway's own, leaves signed with the node key
    Source<ByteString, NotUsed> out = outboundSource.map(m -> ByteString.fromArrayUnsafe(
        encoder.frame(nodeKey.sign(m))));
    return Flow.fromSinkAndSource(in, out);
  }

  private static List<Inbound> decode(FrameDecoder decoder, boolean[] failed, ByteString bytes) {
    if (failed[0]) {
      return List.of();
    }
    List<Inbound> frames = new ArrayList<>(2);
    byte[] chunk = bytes.toArrayUnsafe();
    try {
      decoder.feed(chunk, 0, chunk.length, payload -> frames.add(new Frame(payload)));
    } catch (EtpProtocolException e) {
      failed[0] = true;
      frames.add(new Broken(e));
    }
    return frames;
  }

  private void onInbound(Inbound event) {
    if (closing.get()) {
      return;
    }
    DeviceSession.Outcome outcome;
    if (event instanceof Frame f) {
      outcome = session.onFrame(f.payload());
    } else if (event instanceof Broken b) {
      outcome = session.onFramingError(b.error());
    } else {
      outcome = session.onIdle();
    }
    for (EtpMessage reply : outcome.replies()) {
      offer(reply);
    }
    outcome.closeWith().ifPresent(why -> {
      metrics.increment(why);
      close();
    });
  }

  private void offer(EtpMessage m) {
    QueueOfferResult r = outbound.offer(m);
    if (r == QueueOfferResult.enqueued()) {
      metrics.increment(EdgeMetrics.Counter.FRAMES_OUT);
    } else if (r == QueueOfferResult.dropped()) {
      metrics.increment(EdgeMetrics.Counter.OUTBOUND_DROPPED);
    }
  }

  /** Writes what is queued, then closes the socket. */
  private void close() {
    if (closing.compareAndSet(false, true)) {
      outbound.complete();
    }
  }

  private void ended() {
    if (ended.compareAndSet(false, true)) {
      close();
      ActorRef<DeviceLink.Command> l = link;
      if (l != null) {
        l.tell(DeviceLink.Stop.INSTANCE);
      }
      metrics.closed();
    }
  }

  @Override
  public void connected(String deviceId, PeerRole role) {
    link = system.systemActorOf(
        DeviceLink.create(core, deviceId, role, outbound, limits.overflow(), limits.reattachInterval(), metrics,
            () -> {
              metrics.increment(EdgeMetrics.Counter.CLOSED_OVERFLOW);
              close();
            }),
        "edge-link-" + SEQUENCE.incrementAndGet(), Props.empty());
    if (ended.get()) {
      link.tell(DeviceLink.Stop.INSTANCE);
    }
  }

  /**
   * Through the link, which attached this connection to its twin before it handles anything: the battery's reply (a
   * QueryResponse to an aggregator's first Query, say) then cannot reach the device's twin before the device is
   * attached there. Sent straight from here, a first message raced the link's start, and on a loaded node its reply
   * reached the aggregator twin before the attachment and was lost.
   */
  @Override
  public void toBattery(EtpMessage message) {
    ActorRef<DeviceLink.Command> l = link;
    if (l != null) {
      l.tell(new DeviceLink.ToBattery(message));
    } else {
      core.toBattery(message);
    }
  }
}
