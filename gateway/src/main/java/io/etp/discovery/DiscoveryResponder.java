package io.etp.discovery;

import com.typesafe.config.Config;
import io.etp.edge.EdgeMetrics;
import io.etp.edge.EdgeSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's side of LAN discovery: one UDP socket on the discovery port that joins the multicast group (when
 * the network allows it) and so receives multicast, broadcast and unicast requests alike, and answers each valid
 * {@link DiscoveryPacket.Request} by unicast with the gateway's TCP endpoint. One daemon thread; bounded (one
 * datagram buffer). Invalid datagrams are ignored.
 */
public final class DiscoveryResponder implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(DiscoveryResponder.class);

  /**
   * @param group the multicast group
   * @param port the UDP port (0 picks one, for tests)
   * @param networkInterface interface to join the group on, empty for the system default
   * @param answer what to answer
   */
  public record Settings(InetAddress group, int port, Optional<String> networkInterface,
      DiscoveryPacket.Answer answer) {

    /**
     * @param discovery the {@code etp.edge.discovery} section
     * @param edge the edge settings (gateway id, TLS, host)
     * @param tcpPort the port the gateway is bound to
     * @return the settings
     */
    public static Settings fromConfig(Config discovery, EdgeSettings edge, int tcpPort) {
      String advertised = discovery.getString("advertised-host");
      String itf = discovery.getString("interface");
      try {
        return new Settings(InetAddress.getByName(discovery.getString("group")), discovery.getInt("port"),
            itf.isBlank() ? Optional.empty() : Optional.of(itf),
            new DiscoveryPacket.Answer(edge.gatewayId(), advertised.isBlank() ? edge.host() : advertised, tcpPort,
                edge.tls().isPresent()));
      } catch (IOException e) {
        throw new UncheckedIOException("bad etp.edge.discovery.group", e);
      }
    }
  }

  private final MulticastSocket socket;
  private final Settings settings;
  private final EdgeMetrics metrics;
  private final boolean joined;
  private final Thread thread;

  private DiscoveryResponder(MulticastSocket socket, Settings settings, EdgeMetrics metrics, boolean joined) {
    this.socket = socket;
    this.settings = settings;
    this.metrics = metrics;
    this.joined = joined;
    this.thread = new Thread(this::serve, "etp-discovery");
    thread.setDaemon(true);
  }

  /**
   * Binds the discovery port and starts answering.
   *
   * @param settings what to bind and answer
   * @param metrics counters
   * @return the running responder
   */
  public static DiscoveryResponder start(Settings settings, EdgeMetrics metrics) {
    try {
      MulticastSocket socket = new MulticastSocket(null);
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(settings.port()));
      boolean joined = join(socket, settings);
      DiscoveryResponder r = new DiscoveryResponder(socket, settings, metrics, joined);
      r.thread.start();
      log.info("ETP discovery on UDP port {} (multicast group {} {}), answering {}", socket.getLocalPort(),
          settings.group().getHostAddress(), joined ? "joined" : "not joined: broadcast and unicast only",
          new String(settings.answer().toBytes(), java.nio.charset.StandardCharsets.US_ASCII));
      return r;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind the discovery port " + settings.port(), e);
    }
  }

  private static boolean join(MulticastSocket socket, Settings settings) {
    try {
      NetworkInterface itf = settings.networkInterface().isPresent()
          ? NetworkInterface.getByName(settings.networkInterface().get()) : null;
      socket.joinGroup(new InetSocketAddress(settings.group(), 0), itf);
      return true;
    } catch (IOException | RuntimeException e) {
      log.warn("cannot join multicast group {}: {}; discovery answers broadcast and unicast requests only",
          settings.group().getHostAddress(), e.getMessage());
      return false;
    }
  }

  /** @return the bound UDP port */
  public int port() {
    return socket.getLocalPort();
  }

  /** @return whether the multicast group was joined */
  public boolean joinedGroup() {
    return joined;
  }

  private void serve() {
    byte[] buf = new byte[DiscoveryPacket.MAX_BYTES + 1];
    byte[] answer = settings.answer().toBytes();
    while (!socket.isClosed()) {
      DatagramPacket packet = new DatagramPacket(buf, buf.length);
      try {
        socket.receive(packet);
        if (DiscoveryPacket.parseRequest(packet.getData(), packet.getLength()).isPresent()) {
          metrics.increment(EdgeMetrics.Counter.DISCOVERY_REQUESTS);
          socket.send(new DatagramPacket(answer, answer.length, packet.getSocketAddress()));
          metrics.increment(EdgeMetrics.Counter.DISCOVERY_ANSWERS);
        }
      } catch (SocketException closed) {
        return;
      } catch (IOException e) {
        log.debug("discovery: {}", e.getMessage());
      }
    }
  }

  @Override
  public void close() {
    socket.close();
  }
}
