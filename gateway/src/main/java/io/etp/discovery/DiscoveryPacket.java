package io.etp.discovery;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * The two datagrams of LAN discovery, ASCII, fields separated by single spaces, at most {@link #MAX_BYTES} bytes:
 *
 * <ul>
 *   <li>{@code ETP-DISCOVER 1 <device-id> <role>}: a device (role {@code battery} or {@code aggregator}) asks, by
 *       multicast to the group, by broadcast, or by unicast to a configured address;</li>
 *   <li>{@code ETP-GATEWAY 1 <gateway-id> <host> <port> <tls|plain>}: the gateway answers by unicast to the sender's
 *       address and port with the TCP endpoint to connect to.</li>
 * </ul>
 * Anything else is ignored. Ids are 1..128 characters without spaces.
 */
public final class DiscoveryPacket {

  /** Largest datagram of either kind. */
  public static final int MAX_BYTES = 512;
  /** Protocol version of the datagrams. */
  public static final String VERSION = "1";

  private DiscoveryPacket() {
  }

  /**
   * @param deviceId the asking device
   * @param role battery or aggregator
   */
  public record Request(String deviceId, String role) {
    /** Checks the components. */
    public Request {
      checkToken(deviceId, "deviceId");
      if (!role.equals("battery") && !role.equals("aggregator")) {
        throw new IllegalArgumentException("role must be battery or aggregator");
      }
    }

    /** @return the datagram bytes */
    public byte[] toBytes() {
      return ("ETP-DISCOVER " + VERSION + " " + deviceId + " " + role).getBytes(StandardCharsets.US_ASCII);
    }
  }

  /**
   * @param gatewayId the answering gateway
   * @param host the TCP host to connect to
   * @param port the TCP port
   * @param tls whether the port speaks TLS
   */
  public record Answer(String gatewayId, String host, int port, boolean tls) {
    /** Checks the components. */
    public Answer {
      checkToken(gatewayId, "gatewayId");
      checkToken(host, "host");
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("port out of range");
      }
    }

    /** @return the datagram bytes */
    public byte[] toBytes() {
      return ("ETP-GATEWAY " + VERSION + " " + gatewayId + " " + host + " " + port + " " + (tls ? "tls" : "plain"))
          .getBytes(StandardCharsets.US_ASCII);
    }
  }

  /**
   * @param data datagram bytes
   * @param length valid length
   * @return the request, if the bytes are one
   */
  public static Optional<Request> parseRequest(byte[] data, int length) {
    String[] f = fields(data, length);
    if (f.length != 4 || !f[0].equals("ETP-DISCOVER") || !f[1].equals(VERSION)) {
      return Optional.empty();
    }
    try {
      return Optional.of(new Request(f[2], f[3]));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * @param data datagram bytes
   * @param length valid length
   * @return the answer, if the bytes are one
   */
  public static Optional<Answer> parseAnswer(byte[] data, int length) {
    String[] f = fields(data, length);
    if (f.length != 6 || !f[0].equals("ETP-GATEWAY") || !f[1].equals(VERSION)
        || !(f[5].equals("tls") || f[5].equals("plain"))) {
      return Optional.empty();
    }
    try {
      return Optional.of(new Answer(f[2], f[3], Integer.parseInt(f[4]), f[5].equals("tls")));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static String[] fields(byte[] data, int length) {
    if (length <= 0 || length > MAX_BYTES) {
      return new String[0];
    }
    for (int i = 0; i < length; i++) {
      if (data[i] < 0x20 || data[i] > 0x7E) {
        return new String[0];
      }
    }
    return new String(data, 0, length, StandardCharsets.US_ASCII).split(" ", -1);
  }

  private static void checkToken(String s, String name) {
    Objects.requireNonNull(s, name);
    if (s.isEmpty() || s.length() > 128 || s.indexOf(' ') >= 0) {
      throw new IllegalArgumentException(name + " must be 1..128 characters without spaces");
    }
  }
}
