package io.etp.web;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.extractRequest;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueType;
import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The host names this node answers to, against DNS rebinding: a page on {@code evil.example} whose name is re-pointed
 * at 127.0.0.1 reaches the node with {@code Host: evil.example}, and is refused (421 {@code misdirected_request})
 * instead of reading the API as the anonymous loopback viewer. Always allowed: {@code localhost}, {@code 127.0.0.1},
 * {@code [::1]} and the bind address ({@code etp.http.host}); plus {@code etp.http.allowed-hosts}
 * (ETP_HTTP_ALLOWED_HOSTS, comma-separated), the names the node is reached by (a DNS name, a pod or load-balancer
 * address), or {@code *} to accept any Host (only behind a proxy that checks it). The port is not compared.
 */
public final class AllowedHosts {

  private static final List<String> LOOPBACK = List.of("localhost", "127.0.0.1", "[::1]");

  private final Set<String> hosts;
  private final boolean any;

  public AllowedHosts(String bindHost, List<String> configured) {
    Set<String> all = new LinkedHashSet<>(LOOPBACK);
    all.add(normalise(bindHost));
    configured.stream().map(String::trim).filter(h -> !h.isEmpty()).map(AllowedHosts::normalise).forEach(all::add);
    this.any = all.remove("*");
    this.hosts = Set.copyOf(all);
  }

  /** {@code etp.http.host} and {@code etp.http.allowed-hosts} (a list, or a comma-separated string). */
  public static AllowedHosts fromConfig(Config config) {
    Config c = config.getConfig("etp.http");
    List<String> configured = !c.hasPath("allowed-hosts") ? List.of()
        : c.getValue("allowed-hosts").valueType() == ConfigValueType.STRING
            ? Arrays.asList(c.getString("allowed-hosts").split(","))
            : c.getStringList("allowed-hosts");
    return new AllowedHosts(c.getString("host"), configured);
  }

  /** The allowed names, lower case (IPv6 addresses in brackets). */
  public Set<String> names() {
    return hosts;
  }

  /** Whether a request naming {@code hostHeader} ({@code name}, {@code name:port}, {@code [v6]:port}) is allowed. */
  public boolean allows(String hostHeader) {
    if (any) {
      return true;
    }
    return hostName(hostHeader).map(hosts::contains).orElse(false);
  }

  /** Whether the request's Host header names an allowed host (a request without one is not allowed). */
  public boolean allows(HttpRequest request) {
    return request.getHeader("Host").map(h -> allows(h.value())).orElse(false);
  }

  /** Whether a browser origin ({@code scheme://host[:port]}) is on one of the allowed host names. */
  public boolean allowsOrigin(String origin) {
    try {
      URI uri = new URI(origin.trim());
      if (uri.getHost() == null || uri.getScheme() == null) {
        return false;
      }
      String host = uri.getHost().toLowerCase(Locale.ROOT);
      return any || hosts.contains(host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host);
    } catch (java.net.URISyntaxException e) {
      return false;
    }
  }

  /** Runs {@code inner} only for requests whose Host is allowed; others get 421 {@code misdirected_request}. */
  public Route check(Supplier<Route> inner) {
    return extractRequest(request -> allows(request) ? inner.get() : complete(refusal(request).response()));
  }

  /** The answer to a request whose Host is not allowed. */
  public static ApiProblem refusal(HttpRequest request) {
    String host = request.getHeader("Host").map(h -> h.value()).orElse("(none)");
    return new ApiProblem(StatusCodes.MISDIRECTED_REQUEST, "misdirected_request",
        "this node does not serve host '" + (host.length() > 100 ? host.substring(0, 100) + "..." : host)
            + "' (etp.http.allowed-hosts)");
  }

  /** The name part of a Host header value, lower case; IPv6 literals keep their brackets. */
  static Optional<String> hostName(String hostHeader) {
    String h = hostHeader.trim().toLowerCase(Locale.ROOT);
    if (h.isEmpty()) {
      return Optional.empty();
    }
    if (h.startsWith("[")) {
      int end = h.indexOf(']');
      return end < 0 ? Optional.empty() : Optional.of(h.substring(0, end + 1));
    }
    int colon = h.indexOf(':');
    String name = colon < 0 ? h : h.substring(0, colon);
    return name.isEmpty() ? Optional.empty() : Optional.of(name);
  }

  private static String normalise(String host) {
    String h = host.trim().toLowerCase(Locale.ROOT);
    if (h.contains(":") && !h.startsWith("[")) {
      return "[" + h + "]"; // a bare IPv6 address, as a Host header writes it
    }
    return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
  }
}
