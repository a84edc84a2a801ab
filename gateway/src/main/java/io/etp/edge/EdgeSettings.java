package io.etp.edge;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The device edge's settings, read once from {@code etp.edge} (cluster-config/edge.conf).
 *
 * @param gatewayId sender id of the gateway's own frames (error frames, discovery answers)
 * @param host TCP interface to bind
 * @param port TCP port to bind; 0 picks a free port
 * @param limits per-connection and per-node bounds
 * @param tls TLS keystore, when TLS is on
 * @param keysFile device keys file, when configured
 * @param nodeKeyFile the node key file ({@link NodeKey}), read or generated when a keys file is configured
 */
public record EdgeSettings(
    String gatewayId, String host, int port, ConnectionLimits limits, Optional<TlsSettings> tls,
    Optional<String> keysFile, String nodeKeyFile) {

  /** Checks the components. */
  public EdgeSettings {
    Objects.requireNonNull(gatewayId, "gatewayId");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(keysFile, "keysFile");
    Objects.requireNonNull(nodeKeyFile, "nodeKeyFile");
  }

  /**
   * Bounds of the gateway (docs/edge.md, "Limits").
   *
   * @param maxFrameBytes largest frame payload
   * @param maxConnections connections accepted at once on this node
   * @param idleTimeout a connection silent this long is closed
   * @param maxBadFrames invalid frames tolerated per connection before it is closed
   * @param ratePerSecond sustained messages per second per connection
   * @param rateBurst burst per connection
   * @param outboundQueue messages from the cluster queued per connection
   * @param overflow what happens when that queue is full
   * @param reattachInterval how often the link to the twin is renewed
   */
  public record ConnectionLimits(
      int maxFrameBytes, int maxConnections, Duration idleTimeout, int maxBadFrames, double ratePerSecond,
      double rateBurst, int outboundQueue, OverflowPolicy overflow, Duration reattachInterval) {

    /** Checks the components. */
    public ConnectionLimits {
      if (maxFrameBytes < 1 || maxConnections < 1 || maxBadFrames < 0 || !(ratePerSecond > 0) || !(rateBurst >= 1)
          || outboundQueue < 1) {
        throw new IllegalArgumentException("edge limits must be positive");
      }
      Objects.requireNonNull(idleTimeout, "idleTimeout");
      Objects.requireNonNull(overflow, "overflow");
      Objects.requireNonNull(reattachInterval, "reattachInterval");
    }

    /** @return a copy with another bad-frame allowance */
    public ConnectionLimits withMaxBadFrames(int n) {
      return new ConnectionLimits(maxFrameBytes, maxConnections, idleTimeout, n, ratePerSecond, rateBurst,
          outboundQueue, overflow, reattachInterval);
    }
  }

  /** What the gateway does when a connection's outbound queue is full. */
  public enum OverflowPolicy {
    /** the new message is dropped and counted; the connection stays */
    DROP_NEW,
    /** the overflow is counted and the connection is closed (the device reconnects and re-registers) */
    CLOSE;

    static OverflowPolicy parse(String s) {
      return switch (s.trim().toLowerCase(java.util.Locale.ROOT)) {
        case "drop-new" -> DROP_NEW;
        case "close" -> CLOSE;
        default -> throw new IllegalArgumentException("etp.edge.tcp.outbound-overflow must be drop-new or close: " + s);
      };
    }
  }

  /**
   * @param keystorePath PKCS12 file with the gateway's certificate chain and private key
   * @param keystorePassword its password (from the environment, never from the repository)
   */
  public record TlsSettings(String keystorePath, char[] keystorePassword) {
    /** Checks the components. */
    public TlsSettings {
      Objects.requireNonNull(keystorePath, "keystorePath");
      Objects.requireNonNull(keystorePassword, "keystorePassword");
    }

    @Override
    public String toString() {
      return "TlsSettings[keystorePath=" + keystorePath + ", keystorePassword=***]";
    }
  }

  /**
   * @param edge the {@code etp.edge} section
   * @return the settings
   */
  public static EdgeSettings fromConfig(Config edge) {
    Config tcp = edge.getConfig("tcp");
    ConnectionLimits limits = new ConnectionLimits(
        tcp.getInt("max-frame-bytes"),
        tcp.getInt("max-connections"),
        tcp.getDuration("idle-timeout"),
        tcp.getInt("max-bad-frames"),
        tcp.getDouble("rate-limit-per-second"),
        tcp.getDouble("rate-limit-burst"),
        tcp.getInt("outbound-queue"),
        OverflowPolicy.parse(tcp.getString("outbound-overflow")),
        tcp.getDuration("reattach-interval"));
    Config tls = edge.getConfig("tls");
    Optional<TlsSettings> tlsSettings = tls.getBoolean("enabled")
        ? Optional.of(new TlsSettings(tls.getString("keystore-path"), tls.getString("keystore-password").toCharArray()))
        : Optional.empty();
    String keys = edge.getString("keys-file");
    return new EdgeSettings(edge.getString("gateway-id"), tcp.getString("host"), tcp.getInt("port"), limits,
        tlsSettings, keys.isBlank() ? Optional.empty() : Optional.of(keys), edge.getString("node-key-file"));
  }

  /** @return a copy bound to another port */
  public EdgeSettings withPort(int newPort) {
    return new EdgeSettings(gatewayId, host, newPort, limits, tls, keysFile, nodeKeyFile);
  }

  /** @return a copy with TLS */
  public EdgeSettings withTls(TlsSettings newTls) {
    return new EdgeSettings(gatewayId, host, port, limits, Optional.of(newTls), keysFile, nodeKeyFile);
  }

  /** @return a copy with other limits */
  public EdgeSettings withLimits(ConnectionLimits newLimits) {
    return new EdgeSettings(gatewayId, host, port, newLimits, tls, keysFile, nodeKeyFile);
  }
}
