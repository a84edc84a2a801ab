package io.etp.access;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.extractRequest;
import static org.apache.pekko.http.javadsl.server.Directives.onSuccess;

import io.etp.web.AllowedHosts;
import io.etp.web.ApiProblem;
import java.net.InetAddress;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The authentication, authorization and rate-limit gate in front of every protected route. Credentials come from
 * {@code Authorization: Bearer <key>} or {@code X-Api-Key: <key>}; WebSocket routes also accept the
 * {@code access_token} query parameter, because browsers cannot set headers on a WebSocket. Answers 401 (no or bad
 * key), 403 (role too low) or 429 with Retry-After (bucket empty), and records each of them in the {@link AuditLog}.
 * Before any of that, a request whose Host is not on {@link AllowedHosts} gets 421. A client address whose failed
 * authentications used up its {@link AuthFailureLimiter} bucket gets 429 {@code too_many_failed_attempts} without a
 * key-store lookup or an audit entry (keys verified within the cache TTL still pass).
 */
public final class AccessControl {

  /** The query parameter that carries a key on WebSocket upgrades. */
  public static final String QUERY_TOKEN = "access_token";

  private final Authenticator authenticator;
  private final Optional<TokenBuckets> rateLimit;
  private final AuthFailureLimiter failures;
  private final ClientAddresses clients;
  private final AllowedHosts hosts;
  private final AuditLog audit;
  private final Clock clock;

  /**
   * @param rateLimit per-caller buckets (keys, anonymous viewers by address), if enabled
   * @param failures  failed authentications per client address
   * @param clients   who the client is (trusted proxies)
   * @param hosts     the Host names served; any other is refused with 421 before authentication
   */
  public AccessControl(Authenticator authenticator, Optional<TokenBuckets> rateLimit, AuthFailureLimiter failures,
                       ClientAddresses clients, AllowedHosts hosts, AuditLog audit, Clock clock) {
    this.authenticator = authenticator;
    this.rateLimit = rateLimit;
    this.failures = failures;
    this.clients = clients;
    this.hosts = hosts;
    this.audit = audit;
    this.clock = clock;
  }

  /** The Host names this gate serves. */
  public AllowedHosts hosts() {
    return hosts;
  }

  /** Failed authentications per source; the gateway reports its summary periodically. */
  public AuthFailureLimiter failures() {
    return failures;
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
    record(kind, caller.id(), clients.resolve(request), request, detail);
  }

  private Route gate(Role role, boolean allowQueryToken, Function<Caller, Route> inner) {
    return extractRequest(request -> {
      if (!hosts.allows(request)) {
        return complete(AllowedHosts.refusal(request).response());
      }
      ClientAddresses.Source source = clients.resolve(request);
      Optional<String> key = credentials(request, allowQueryToken);
      Optional<String> loopback = source.directLoopback()
          ? source.peer().map(InetAddress::getHostAddress) : Optional.empty();
      Optional<Authenticator.Outcome> known = authenticator.known(key, loopback);
      if (known.isEmpty()) {
        TokenBuckets.Decision admitted = failures.admit(source.id());
        if (!admitted.allowed()) {
          long seconds = retryAfterSeconds(admitted);
          return complete(new ApiProblem(StatusCodes.TOO_MANY_REQUESTS, "too_many_failed_attempts",
              "too many failed authentications from this address; retry after " + seconds + " s",
              List.of(RawHeader.create("Retry-After", Long.toString(seconds)))).response());
        }
      }
      CompletionStage<Authenticator.Outcome> outcome = known.isPresent()
          ? CompletableFuture.completedFuture(known.get()) : authenticator.authenticate(key, loopback);
      return onSuccess(outcome, result -> {
        if (result instanceof Authenticator.Outcome.Missing) {
          failed(source, request, "no credentials");
          return complete(unauthorized("missing_credentials", "an API key is required").response());
        }
        if (result instanceof Authenticator.Outcome.Rejected rejected) {
          failed(source, request, rejected.reason());
          return complete(unauthorized("invalid_credentials", "the API key is unknown or revoked").response());
        }
        Caller caller = ((Authenticator.Outcome.Authenticated) result).caller();
        if (!caller.role().satisfies(role)) {
          record(AuditKind.ROLE_DENIED, caller.id(), source, request, "requires " + role.wireName() + ", has "
              + caller.role().wireName());
          return complete(new ApiProblem(StatusCodes.FORBIDDEN, "forbidden",
              "this requires the " + role.wireName() + " role").response());
        }
        if (rateLimit.isPresent()) {
          TokenBuckets.Decision decision = rateLimit.get().tryAcquire(caller.id());
          if (!decision.allowed()) {
            long seconds = retryAfterSeconds(decision);
            record(AuditKind.RATE_LIMITED, caller.id(), source, request, "retry after " + seconds + " s");
            return complete(new ApiProblem(StatusCodes.TOO_MANY_REQUESTS, "rate_limited",
                "too many requests for this key; retry after " + seconds + " s",
                List.of(RawHeader.create("Retry-After", Long.toString(seconds)))).response());
          }
        }
        return inner.apply(caller);
      });
    });
  }

  private static long retryAfterSeconds(TokenBuckets.Decision decision) {
    return Math.max(1, (decision.retryAfter().toMillis() + 999) / 1000);
  }

  /** Audits a failed authentication while the source has failures left; beyond that it is only counted. */
  private void failed(ClientAddresses.Source source, HttpRequest request, String detail) {
    if (failures.failed(source.id())) {
      record(AuditKind.AUTH_FAILED, null, source, request, detail);
    }
  }

  private static ApiProblem unauthorized(String code, String message) {
    return new ApiProblem(StatusCodes.UNAUTHORIZED, code, message,
        List.of(RawHeader.create("WWW-Authenticate", "Bearer realm=\"etp\"")));
  }

  private void record(AuditKind kind, String keyId, ClientAddresses.Source source, HttpRequest request,
                      String detail) {
    audit.record(new AuditEvent(clock.instant(), kind, keyId, source.client().map(InetAddress::getHostAddress)
        .orElse(null), resource(request), detail));
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

  private static String resource(HttpRequest request) {
    return request.method().value().toUpperCase(Locale.ROOT) + " " + request.getUri().path();
  }
}
