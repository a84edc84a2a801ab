package io.etp.access;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.extractRequest;
import static org.apache.pekko.http.javadsl.server.Directives.onSuccess;

import io.etp.web.ApiProblem;
import java.net.InetAddress;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.model.AttributeKeys;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.RemoteAddress;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The authentication, authorization and rate-limit gate in front of every protected route. Credentials come from
 * {@code Authorization: Bearer <key>} or {@code X-Api-Key: <key>}; WebSocket routes also accept the
 * {@code access_token} query parameter, because browsers cannot set headers on a WebSocket. Answers 401 (no or bad
 * key), 403 (role too low) or 429 with Retry-After (bucket empty), and records each of them in the {@link AuditLog}.
 */
public final class AccessControl {

  /** The query parameter that carries a key on WebSocket upgrades. */
  public static final String QUERY_TOKEN = "access_token";

  private final Authenticator authenticator;
  private final Optional<TokenBuckets> rateLimit;
  private final AuditLog audit;
  private final Clock clock;

  public AccessControl(Authenticator authenticator, Optional<TokenBuckets> rateLimit, AuditLog audit, Clock clock) {
    this.authenticator = authenticator;
    this.rateLimit = rateLimit;
    this.audit = audit;
    this.clock = clock;
  }

  /** Runs {@code inner} for a caller with at least {@code role}, presenting credentials in a header. */
  public Route require(Role role, Function<Caller, Route> inner) {
    return gate(role, false, inner);
  }

  /** Like {@link #require}, also accepting the key in the {@value #QUERY_TOKEN} query parameter (WebSocket). */
  public Route requireAllowingQueryToken(Role role, Function<Caller, Route> inner) {
    return gate(role, true, inner);
  }

  /** Records a security event on behalf of a route (key management). */
  public void audit(AuditKind kind, Caller caller, HttpRequest request, String detail) {
    audit.record(new AuditEvent(clock.instant(), kind, caller.id(), remote(request).orElse(null), resource(request),
        detail));
  }

  private Route gate(Role role, boolean allowQueryToken, Function<Caller, Route> inner) {
    return extractRequest(request -> {
      Optional<String> key = credentials(request, allowQueryToken);
      return onSuccess(authenticator.authenticate(key, directLoopbackPeer(request)), outcome -> {
        if (outcome instanceof Authenticator.Outcome.Missing) {
          record(AuditKind.AUTH_FAILED, null, request, "no credentials");
          return complete(unauthorized("missing_credentials", "an API key is required").response());
        }
        if (outcome instanceof Authenticator.Outcome.Rejected rejected) {
          record(AuditKind.AUTH_FAILED, null, request, rejected.reason());
          return complete(unauthorized("invalid_credentials", "the API key is unknown or revoked").response());
        }
        Caller caller = ((Authenticator.Outcome.Authenticated) outcome).caller();
        if (!caller.role().satisfies(role)) {
          record(AuditKind.ROLE_DENIED, caller.id(), request, "requires " + role.wireName() + ", has "
              + caller.role().wireName());
          return complete(new ApiProblem(StatusCodes.FORBIDDEN, "forbidden",
              "this requires the " + role.wireName() + " role").response());
        }
        if (rateLimit.isPresent()) {
          TokenBuckets.Decision decision = rateLimit.get().tryAcquire(caller.id());
          if (!decision.allowed()) {
            long seconds = Math.max(1, (decision.retryAfter().toMillis() + 999) / 1000);
            record(AuditKind.RATE_LIMITED, caller.id(), request, "retry after " + seconds + " s");
            return complete(new ApiProblem(StatusCodes.TOO_MANY_REQUESTS, "rate_limited",
                "too many requests for this key; retry after " + seconds + " s",
                List.of(RawHeader.create("Retry-After", Long.toString(seconds)))).response());
          }
        }
        return inner.apply(caller);
      });
    });
  }

  private static ApiProblem unauthorized(String code, String message) {
    return new ApiProblem(StatusCodes.UNAUTHORIZED, code, message,
        List.of(RawHeader.create("WWW-Authenticate", "Bearer realm=\"etp\"")));
  }

  private void record(AuditKind kind, String keyId, HttpRequest request, String detail) {
    audit.record(new AuditEvent(clock.instant(), kind, keyId, remote(request).orElse(null), resource(request), detail));
  }

  static Optional<String> credentials(HttpRequest request, boolean allowQueryToken) {
    Optional<String> bearer = request.getHeader("Authorization")
        .map(h -> h.value().trim())
        .filter(v -> v.regionMatches(true, 0, "Bearer ", 0, 7))
        .map(v -> v.substring(7).trim());
    if (bearer.isPresent() && !bearer.get().isEmpty()) {
      return bearer;
    }
    Optional<String> header = request.getHeader("X-Api-Key").map(h -> h.value().trim()).filter(v -> !v.isEmpty());
    if (header.isPresent()) {
      return header;
    }
    return allowQueryToken ? request.getUri().query().get(QUERY_TOKEN).filter(v -> !v.isBlank()) : Optional.empty();
  }

  /** The peer's address if it is loopback and no proxy forwarded the request; the basis of anonymous access. */
  static Optional<String> directLoopbackPeer(HttpRequest request) {
    boolean forwarded = request.getHeader("X-Forwarded-For").isPresent() || request.getHeader("Forwarded").isPresent()
        || request.getHeader("X-Real-Ip").isPresent();
    if (forwarded) {
      return Optional.empty();
    }
    return peer(request).filter(InetAddress::isLoopbackAddress).map(InetAddress::getHostAddress);
  }

  private static Optional<InetAddress> peer(HttpRequest request) {
    return request.getAttribute(AttributeKeys.remoteAddress).flatMap(RemoteAddress::getAddress);
  }

  private static Optional<String> remote(HttpRequest request) {
    return peer(request).map(InetAddress::getHostAddress);
  }

  private static String resource(HttpRequest request) {
    return request.method().value().toUpperCase(Locale.ROOT) + " " + request.getUri().path();
  }
}
