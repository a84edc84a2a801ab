package io.etp.marketdata;

import java.time.Duration;
import java.util.Optional;

/**
 * Why a call to a remote market-data provider failed. Every remote client fails its {@code CompletionStage} with exactly
 * one of these; messages name the source and never contain a credential.
 */
public abstract sealed class FetchFailure extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** The failure classes, also used as counter names. */
  public enum Kind {
    UNAUTHORIZED, RATE_LIMITED, SERVER_ERROR, UNEXPECTED_STATUS, PROVIDER_REJECTED, MALFORMED_RESPONSE, UNREACHABLE,
    TIMED_OUT, CIRCUIT_OPEN
  }

  private final String source;

  FetchFailure(String source, String message, Throwable cause) {
    super(source + ": " + message, cause);
    this.source = source;
  }

  /** Name of the source that failed, e.g. {@code entsoe}. */
  public String source() {
    return source;
  }

  public abstract Kind kind();

  /**
   * True when the failure says the provider is unhealthy or overloaded (unreachable, timeout, 5xx, 429): these trip the
   * circuit breaker. A rejected request or a malformed answer does not.
   */
  public boolean indicatesOutage() {
    return switch (kind()) {
      case UNREACHABLE, TIMED_OUT, SERVER_ERROR, RATE_LIMITED -> true;
      default -> false;
    };
  }

  /** True when retrying cannot help without an operator (bad or missing credentials). */
  public boolean isPermanent() {
    return kind() == Kind.UNAUTHORIZED;
  }

  /** HTTP 401 or 403: the credential is missing, wrong or lacks permission. */
  public static final class Unauthorized extends FetchFailure {
    private static final long serialVersionUID = 1L;
    private final int status;

    public Unauthorized(String source, int status) {
      super(source, "HTTP " + status + ": credential rejected", null);
      this.status = status;
    }

    public int status() {
      return status;
    }

    @Override
    public Kind kind() {
      return Kind.UNAUTHORIZED;
    }
  }

  /** HTTP 429: the provider asks us to slow down, optionally saying for how long. */
  public static final class RateLimited extends FetchFailure {
    private static final long serialVersionUID = 1L;
    private final transient Duration retryAfter;

    public RateLimited(String source, Duration retryAfter) {
      super(source, "HTTP 429: rate limited" + (retryAfter == null ? "" : ", retry after " + retryAfter), null);
      this.retryAfter = retryAfter;
    }

    public Optional<Duration> retryAfter() {
      return Optional.ofNullable(retryAfter);
    }

    @Override
    public Kind kind() {
      return Kind.RATE_LIMITED;
    }
  }

  /** HTTP 5xx. */
  public static final class ServerError extends FetchFailure {
    private static final long serialVersionUID = 1L;
    private final int status;

    public ServerError(String source, int status, String bodyExcerpt) {
      super(source, "HTTP " + status + " from provider: " + bodyExcerpt, null);
      this.status = status;
    }

    public int status() {
      return status;
    }

    @Override
    public Kind kind() {
      return Kind.SERVER_ERROR;
    }
  }

  /** Any other non-2xx status without a recognised error document. */
  public static final class UnexpectedStatus extends FetchFailure {
    private static final long serialVersionUID = 1L;
    private final int status;

    public UnexpectedStatus(String source, int status, String bodyExcerpt) {
      super(source, "unexpected HTTP " + status + ": " + bodyExcerpt, null);
      this.status = status;
    }

    public int status() {
      return status;
    }

    @Override
    public Kind kind() {
      return Kind.UNEXPECTED_STATUS;
    }
  }

  /**
   * The provider answered with its own error document, e.g. an ENTSO-E {@code Acknowledgement_MarketDocument} or an
   * Open-Meteo {@code {"error":true,"reason":...}}.
   */
  public static final class ProviderRejected extends FetchFailure {
    private static final long serialVersionUID = 1L;
    private final String reasonCode;
    private final String reasonText;

    public ProviderRejected(String source, String reasonCode, String reasonText) {
      super(source, "request rejected by provider (reason " + reasonCode + "): " + reasonText, null);
      this.reasonCode = reasonCode;
      this.reasonText = reasonText;
    }

    public String reasonCode() {
      return reasonCode;
    }

    public String reasonText() {
      return reasonText;
    }

    @Override
    public Kind kind() {
      return Kind.PROVIDER_REJECTED;
    }
  }

  /** The body is not the documented format: unparseable, a required field missing, or a field of the wrong type. */
  public static final class MalformedResponse extends FetchFailure {
    private static final long serialVersionUID = 1L;

    public MalformedResponse(String source, String problem) {
      super(source, "malformed response: " + problem, null);
    }

    public MalformedResponse(String source, String problem, Throwable cause) {
      super(source, "malformed response: " + problem, cause);
    }

    @Override
    public Kind kind() {
      return Kind.MALFORMED_RESPONSE;
    }
  }

  /** No connection could be made (refused, DNS, reset). */
  public static final class Unreachable extends FetchFailure {
    private static final long serialVersionUID = 1L;

    public Unreachable(String source, Throwable cause) {
      super(source, "provider unreachable: " + cause, cause);
    }

    @Override
    public Kind kind() {
      return Kind.UNREACHABLE;
    }
  }

  /** Connect or request timeout expired. */
  public static final class TimedOut extends FetchFailure {
    private static final long serialVersionUID = 1L;

    public TimedOut(String source, Throwable cause) {
      super(source, "no answer in time: " + cause.getMessage(), cause);
    }

    @Override
    public Kind kind() {
      return Kind.TIMED_OUT;
    }
  }

  /** The source's circuit breaker is open: the call was not attempted. */
  public static final class CircuitOpen extends FetchFailure {
    private static final long serialVersionUID = 1L;

    public CircuitOpen(String source, Throwable cause) {
      super(source, "circuit breaker open, call not attempted", cause);
    }

    @Override
    public Kind kind() {
      return Kind.CIRCUIT_OPEN;
    }
  }
}
