package io.etp.edge;

import io.etp.protocol.framing.FrameEncoder;
import io.etp.protocol.v1.TerminationCode;
import io.etp.protocol.validation.ConnectionAuthenticator;
import io.etp.protocol.validation.MessageGate;
import io.etp.protocol.validation.ValidationLimits;
import io.etp.trading.TradingCore;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.concurrent.CompletionStage;
import javax.net.ssl.SSLContext;
import org.apache.pekko.Done;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.stream.javadsl.Tcp;
import org.apache.pekko.util.ByteString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's TCP (optionally TLS) gateway for ETP devices: length-framed protobuf, first message a signed hello,
 * every later frame validated, checked against the role of its key, and bridged to the device's sharded twin (docs/edge.md). One shared
 * {@link MessageGate} (and so one replay cache) serves all connections of the node; every frame sent to a device is
 * signed with the {@link NodeKey}.
 */
public final class TcpGateway {

  private static final Logger log = LoggerFactory.getLogger(TcpGateway.class);

  private final Tcp.ServerBinding binding;
  private final EdgeMetrics metrics;

  private TcpGateway(Tcp.ServerBinding binding, EdgeMetrics metrics) {
    this.binding = binding;
    this.metrics = metrics;
  }

  /**
   * Binds the gateway.
   *
   * @param system the node's actor system
   * @param core the trading core the devices' twins live in
   * @param settings the edge settings (TLS when {@code settings.tls()} is present)
   * @param keys the device keys and their roles
   * @param nodeKey the node's key, which signs every frame sent to a device
   * @param clock the node clock (deadlines, key validity, replay window)
   * @param metrics counters
   * @return the bound gateway
   */
  public static CompletionStage<TcpGateway> start(ActorSystem<?> system, TradingCore core, EdgeSettings settings,
      EdgeKeys keys, NodeKey nodeKey, Clock clock, EdgeMetrics metrics) {
    return start(system, core, settings, keys, nodeKey, clock, metrics, ValidationLimits.DEFAULTS);
  }

  /**
   * Binds the gateway with the given validation limits (for example the configured delivery-period product list,
   * {@link ValidationLimits#withDeliveryProducts}).
   *
   * @param system the node's actor system
   * @param core the trading core the devices' twins live in
   * @param settings the edge settings (TLS when {@code settings.tls()} is present)
   * @param keys the device keys and their roles
   * @param nodeKey the node's key, which signs every frame sent to a device
   * @param clock the node clock (deadlines, key validity, replay window, delivery periods)
   * @param metrics counters
   * @param validation what every inbound message is validated against
   * @return the bound gateway
   */
  public static CompletionStage<TcpGateway> start(ActorSystem<?> system, TradingCore core, EdgeSettings settings,
      EdgeKeys keys, NodeKey nodeKey, Clock clock, EdgeMetrics metrics, ValidationLimits validation) {
    ConnectionAuthenticator auth = new ConnectionAuthenticator(MessageGate.create(validation, keys, clock));
    Source<Tcp.IncomingConnection, CompletionStage<Tcp.ServerBinding>> connections;
    if (settings.tls().isPresent()) {
      SSLContext ctx = EdgeTls.serverContext(settings.tls().get());
      connections = Tcp.get(system).bindWithTls(settings.host(), settings.port(), () -> EdgeTls.serverEngine(ctx));
    } else {
      connections = Tcp.get(system).bind(settings.host(), settings.port());
    }
    FrameEncoder encoder = new FrameEncoder(settings.limits().maxFrameBytes());
    return connections
        .to(Sink.foreach(c -> c.handleWith(
            handler(system, core, settings, auth, keys, nodeKey, clock, metrics, encoder), system)))
        .run(system)
        .thenApply(b -> {
          log.info("ETP device gateway listening on {}:{} ({})", b.localAddress().getHostString(),
              b.localAddress().getPort(), settings.tls().isPresent() ? "TLS" : "plain TCP");
          return new TcpGateway(b, metrics);
        });
  }

  private static Flow<ByteString, ByteString, NotUsed> handler(ActorSystem<?> system, TradingCore core,
      EdgeSettings settings, ConnectionAuthenticator auth, EdgeKeys keys, NodeKey nodeKey, Clock clock,
      EdgeMetrics metrics, FrameEncoder encoder) {
    if (!metrics.tryOpen(settings.limits().maxConnections())) {
      metrics.increment(EdgeMetrics.Counter.CONNECTIONS_REFUSED_LIMIT);
      byte[] refusal = encoder.frame(nodeKey.sign(new ErrorFrames(settings.gatewayId(), clock).closing("",
          TerminationCode.TERMINATION_CODE_CANCELLED,
          "connection limit of " + settings.limits().maxConnections() + " reached")));
      return Flow.fromSinkAndSource(Sink.ignore(), Source.single(ByteString.fromArrayUnsafe(refusal)));
    }
    metrics.increment(EdgeMetrics.Counter.CONNECTIONS_ACCEPTED);
    return new DeviceConnection(system, core, settings, auth, keys, nodeKey, clock, metrics).flow();
  }

  /** @return where the gateway listens */
  public InetSocketAddress address() {
    return binding.localAddress();
  }

  /** @return the gateway's counters */
  public EdgeMetrics metrics() {
    return metrics;
  }

  /** @return completes when the listening socket is closed (open connections continue until they end) */
  public CompletionStage<Done> unbind() {
    return binding.unbind().thenApply(u -> Done.getInstance());
  }
}
