package io.etp.web;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.extractRequest;
import static org.apache.pekko.http.javadsl.server.Directives.respondWithHeaders;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.HttpMethods;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * CORS for the API, and the same origin rule for WebSocket upgrades (browsers do not apply CORS to WebSockets, so a
 * foreign page could otherwise open the live stream with the loopback anonymous viewer). Preflights from an allowed
 * origin are answered here, before authentication; other requests from an allowed origin get
 * {@code Access-Control-Allow-Origin}. Credentials are API keys in headers, never cookies, so
 * {@code Access-Control-Allow-Credentials} is never sent.
 */
public final class Cors {

  private final CorsSettings settings;
  private final AllowedHosts hosts;

  public Cors(CorsSettings settings, AllowedHosts hosts) {
    this.settings = settings;
    this.hosts = hosts;
  }

  /** Wraps the API routes. */
  public Route handle(Supplier<Route> inner) {
    return extractRequest(request -> {
      Optional<String> origin = request.getHeader("Origin").map(h -> h.value());
      if (origin.isEmpty() || !settings.allows(origin.get())) {
        return inner.get();
      }
      boolean preflight = request.method() == HttpMethods.OPTIONS
          && request.getHeader("Access-Control-Request-Method").isPresent();
      if (preflight) {
        return complete(HttpResponse.create().withStatus(StatusCodes.NO_CONTENT).addHeaders(List.of(
            RawHeader.create("Access-Control-Allow-Origin", origin.get()),
            RawHeader.create("Access-Control-Allow-Methods", "GET, POST, PUT, PATCH, DELETE, OPTIONS"),
            RawHeader.create("Access-Control-Allow-Headers", "Authorization, X-Api-Key, Content-Type"),
            RawHeader.create("Access-Control-Max-Age", Long.toString(settings.maxAge().toSeconds())),
            RawHeader.create("Vary", "Origin"))));
      }
      return respondWithHeaders(List.of(
          RawHeader.create("Access-Control-Allow-Origin", origin.get()),
          RawHeader.create("Access-Control-Expose-Headers", "Retry-After, WWW-Authenticate"),
          RawHeader.create("Vary", "Origin")), inner);
    });
  }

  /**
   * Lets a WebSocket upgrade through only from an origin on the node's allowed host names
   * ({@link AllowedHosts}, never merely the request's own Host, which a DNS-rebinding page controls), a CORS-allowed
   * origin, or a non-browser client (no Origin).
   */
  public Route checkWebSocketOrigin(Supplier<Route> inner) {
    return extractRequest(request -> {
      Optional<String> origin = request.getHeader("Origin").map(h -> h.value());
      if (origin.isEmpty() || settings.allows(origin.get()) || hosts.allowsOrigin(origin.get())) {
        return inner.get();
      }
      return complete(new ApiProblem(StatusCodes.FORBIDDEN, "origin_not_allowed",
          "WebSocket connections from origin " + origin.get() + " are not allowed (etp.http.cors.allowed-origins)")
          .response());
    });
  }
}
