package io.etp.protocol;

import io.etp.protocol.v1.ReasonCode;
import java.util.Objects;

/**
 * The one error the protocol library raises for bad input: bytes that do not decode, a frame that is too large or
 * truncated, legacy text that does not parse. It carries the {@link ReasonCode} a peer should be told and a readable
 * message. Decoders never let any other exception escape for any input bytes.
 */
public final class EtpProtocolException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final ReasonCode reason;

  /**
   * @param reason the validation failure, never {@link ReasonCode#REASON_CODE_UNSPECIFIED}
   * @param message what was wrong, for logs and for the {@code detail} of an error reply
   */
  public EtpProtocolException(ReasonCode reason, String message) {
    super(message);
    this.reason = checked(reason);
  }

  /**
   * @param reason the validation failure
   * @param message what was wrong
   * @param cause the underlying parser error
   */
  public EtpProtocolException(ReasonCode reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = checked(reason);
  }

  private static ReasonCode checked(ReasonCode reason) {
    Objects.requireNonNull(reason, "reason");
    if (reason == ReasonCode.REASON_CODE_UNSPECIFIED || reason == ReasonCode.UNRECOGNIZED) {
      throw new IllegalArgumentException("an EtpProtocolException needs a specific reason code, not " + reason);
    }
    return reason;
  }

  /** @return which check failed */
  public ReasonCode reason() {
    return reason;
  }
}
