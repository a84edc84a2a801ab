package io.etp.access;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueType;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.pekko.http.javadsl.model.AttributeKeys;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.RemoteAddress;

/**
 * Who sent a request. The client is the TCP peer, unless the peer is a trusted proxy
 * ({@code etp.http.trusted-proxies}: addresses or CIDR blocks): then it is the nearest address in the proxy's
 * {@code Forwarded} (or else {@code X-Forwarded-For}) chain that is not itself a trusted proxy. Headers from an
 * untrusted peer are never believed. Any proxy header at all ({@link #PROXY_HEADERS}, {@code X-Forwarded-*}) marks the
 * request as proxied, so it is never "straight from loopback" (the anonymous viewer).
 */
public final class ClientAddresses {

  /** Headers some proxy, CDN or load balancer adds; any one of them means the request did not come straight in. */
  static final List<String> PROXY_HEADERS = List.of("forwarded", "via", "x-real-ip", "x-client-ip", "true-client-ip",
      "cf-connecting-ip", "fastly-client-ip", "x-cluster-client-ip", "client-ip", "x-original-forwarded-for",
      "x-envoy-external-address", "x-proxyuser-ip");

  private static final Pattern LITERAL = Pattern.compile("[0-9A-Fa-f:.]+");

  /** Where a request came from. */
  public record Source(Optional<InetAddress> client, Optional<InetAddress> peer, boolean proxied) {
    /** The client's address as text, or {@code unknown}. */
    public String id() {
      return client.map(InetAddress::getHostAddress).orElse("unknown");
    }

    /** A loopback peer and no proxy header of any kind. */
    public boolean directLoopback() {
      return !proxied && peer.filter(InetAddress::isLoopbackAddress).isPresent();
    }
  }

  private record Block(byte[] network, int prefix) {
    boolean contains(InetAddress address) {
      byte[] a = address.getAddress();
      if (a.length != network.length) {
        return false;
      }
      int full = prefix / 8;
      for (int i = 0; i < full; i++) {
        if (a[i] != network[i]) {
          return false;
        }
      }
      int rest = prefix % 8;
      if (rest == 0) {
        return true;
      }
      int mask = 0xFF << (8 - rest) & 0xFF;
      return (a[full] & mask) == (network[full] & mask);
    }
  }

  private final List<Block> trusted;

  public ClientAddresses(List<String> trustedProxies) {
    List<Block> blocks = new ArrayList<>();
    for (String raw : trustedProxies) {
      String entry = raw.trim();
      if (!entry.isEmpty()) {
        blocks.add(block(entry));
      }
    }
    this.trusted = List.copyOf(blocks);
  }

  /** {@code etp.http.trusted-proxies}: a list, or a comma-separated string (ETP_HTTP_TRUSTED_PROXIES). */
  public static ClientAddresses fromConfig(Config config) {
    Config c = config.getConfig("etp.http");
    if (!c.hasPath("trusted-proxies")) {
      return new ClientAddresses(List.of());
    }
    return new ClientAddresses(c.getValue("trusted-proxies").valueType() == ConfigValueType.STRING
        ? Arrays.asList(c.getString("trusted-proxies").split(","))
        : c.getStringList("trusted-proxies"));
  }

  public Source resolve(HttpRequest request) {
    Optional<InetAddress> peer = request.getAttribute(AttributeKeys.remoteAddress).flatMap(RemoteAddress::getAddress);
    boolean proxied = false;
    for (HttpHeader h : request.getHeaders()) {
      String name = h.lowercaseName();
      if (name.startsWith("x-forwarded-") || PROXY_HEADERS.contains(name)) {
        proxied = true;
        break;
      }
    }
    if (!proxied || peer.isEmpty() || !isTrusted(peer.get())) {
      return new Source(peer, peer, proxied);
    }
    List<String> chain = request.getHeader("Forwarded").map(h -> forwardedFor(h.value()))
        .orElseGet(() -> request.getHeader("X-Forwarded-For").map(h -> Arrays.asList(h.value().split(",")))
            .orElse(List.of()));
    InetAddress client = peer.get();
    for (int i = chain.size() - 1; i >= 0; i--) {
      Optional<InetAddress> hop = literal(chain.get(i));
      if (hop.isEmpty()) {
        break; // "unknown", an obfuscated name, or garbage: the last believable hop stands
      }
      client = hop.get();
      if (!isTrusted(client)) {
        break;
      }
    }
    return new Source(Optional.of(client), peer, true);
  }

  boolean isTrusted(InetAddress address) {
    for (Block b : trusted) {
      if (b.contains(address)) {
        return true;
      }
    }
    return false;
  }

  /** The {@code for=} values of an RFC 7239 Forwarded header, in order. */
  static List<String> forwardedFor(String header) {
    List<String> out = new ArrayList<>();
    for (String element : header.split(",")) {
      for (String pair : element.split(";")) {
        int eq = pair.indexOf('=');
        if (eq > 0 && pair.substring(0, eq).trim().toLowerCase(Locale.ROOT).equals("for")) {
          out.add(pair.substring(eq + 1).trim());
        }
      }
    }
    return out;
  }

  /** An IP literal from a header: {@code 1.2.3.4}, {@code 1.2.3.4:5}, {@code "[v6]:port"}, {@code v6}. */
  static Optional<InetAddress> literal(String raw) {
    String v = raw.trim();
    if (v.startsWith("\"") && v.endsWith("\"") && v.length() >= 2) {
      v = v.substring(1, v.length() - 1);
    }
    if (v.startsWith("[")) {
      int end = v.indexOf(']');
      if (end < 0) {
        return Optional.empty();
      }
      v = v.substring(1, end);
    } else if (v.indexOf(':') >= 0 && v.indexOf(':') == v.lastIndexOf(':')) {
      v = v.substring(0, v.indexOf(':')); // IPv4 with a port
    }
    if (v.isEmpty() || v.length() > 45 || !LITERAL.matcher(v).matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(InetAddress.getByName(v));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  private static Block block(String entry) {
    int slash = entry.indexOf('/');
    String address = slash < 0 ? entry : entry.substring(0, slash);
    Optional<InetAddress> parsed = LITERAL.matcher(address).matches() ? literalOrEmpty(address) : Optional.empty();
    if (parsed.isEmpty()) {
      throw new IllegalArgumentException("etp.http.trusted-proxies: '" + entry + "' is not an IP address or CIDR block");
    }
    byte[] network = parsed.get().getAddress();
    int prefix;
    try {
      prefix = slash < 0 ? network.length * 8 : Integer.parseInt(entry.substring(slash + 1));
    } catch (NumberFormatException e) {
      prefix = -1;
    }
    if (prefix < 0 || prefix > network.length * 8) {
      throw new IllegalArgumentException("etp.http.trusted-proxies: '" + entry + "' has a bad prefix length");
    }
    return new Block(network, prefix);
  }

  private static Optional<InetAddress> literalOrEmpty(String address) {
    try {
      return Optional.of(InetAddress.getByName(address));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }
}
