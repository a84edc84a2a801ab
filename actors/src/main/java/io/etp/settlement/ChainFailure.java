package io.etp.settlement;

/**
 * Why a call to the chain failed, as a settlement must tell it apart: an endpoint that cannot be reached (retry
 * later, open the circuit breaker) or a transaction the chain refuses (say why; do not resend the same bytes).
 */
public final class ChainFailure extends RuntimeException {
  public enum Kind {
    /** No endpoint answered, or it answered too slowly: the chain is unreachable, not the transaction wrong. */
    UNREACHABLE,
    /** The chain refused the transaction before it landed (e.g. preflight: insufficient funds, a missing wallet). */
    REFUSED,
    /** The transaction breaks a limit that a real cluster enforces (1,232 bytes, the compute budget). */
    TOO_LARGE
  }

  private final Kind kind;

  public ChainFailure(Kind kind, String reason, Throwable cause) {
    super(reason, cause);
    this.kind = kind;
  }

  public ChainFailure(Kind kind, String reason) { this(kind, reason, null); }

  public Kind kind() { return kind; }
}
