package io.etp.protocol;

import io.etp.protocol.v1.ReasonCode;
import java.util.Objects;

/**
 * The outcome of a check on a message, without exceptions: {@link Valid} or {@link Invalid} with the reason code a peer
 * should be told and a readable detail.
 */
public sealed interface ValidationResult permits ValidationResult.Valid, ValidationResult.Invalid {

  /** @return the single valid result */
  static ValidationResult valid() {
    return Valid.INSTANCE;
  }

  /**
   * @param reason which check failed
   * @param detail what was wrong, readable, fit for an error reply's {@code detail}
   * @return the invalid result
   */
  static Invalid invalid(ReasonCode reason, String detail) {
    return new Invalid(reason, detail);
  }

  /** @return whether the message passed */
  boolean isValid();

  /** The message passed the check. */
  enum Valid implements ValidationResult {
    INSTANCE;

    @Override
    public boolean isValid() {
      return true;
    }
  }

  /**
   * The message failed a check.
   *
   * @param reason which check failed; never {@code UNSPECIFIED}
   * @param detail what was wrong
   */
  record Invalid(ReasonCode reason, String detail) implements ValidationResult {

    /** Checks the components. */
    public Invalid {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(detail, "detail");
      if (reason == ReasonCode.REASON_CODE_UNSPECIFIED || reason == ReasonCode.UNRECOGNIZED) {
        throw new IllegalArgumentException("an invalid result needs a specific reason code, not " + reason);
      }
    }

    @Override
    public boolean isValid() {
      return false;
    }

    /** @return this failure as an exception, for callers that prefer to throw */
    public EtpProtocolException toException() {
      return new EtpProtocolException(reason, detail);
    }
  }
}
