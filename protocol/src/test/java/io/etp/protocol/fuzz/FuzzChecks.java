package io.etp.protocol.fuzz;

import io.etp.protocol.EtpProtocolException;
import io.etp.protocol.ValidationResult;
import io.etp.protocol.v1.ReasonCode;

/**
 * The contract every fuzz target asserts: an input is decoded and validated, or refused with a specific reason code.
 * Anything else (another exception, an error, a result without a specific reason) fails the target, which is what
 * Jazzer reports as a finding.
 */
public final class FuzzChecks {

  /**
   * How long each target fuzzes under {@code mvn verify}. Long enough to reach the decoders' deeper branches from the
   * stored corpus, short enough for CI (three targets, about 1.5 minutes in all).
   */
  public static final String CI_DURATION = "25s";

  private FuzzChecks() {
  }

  /** Work on one input that may refuse it with an {@link EtpProtocolException}. */
  @FunctionalInterface
  public interface Step<T> {
    /**
     * @return the decoded value
     * @throws EtpProtocolException when the input is refused
     */
    T run();
  }

  /**
   * @param step decoding work
   * @param <T> what it decodes to
   * @return the decoded value, or {@code null} when the step refused the input with a specific reason code
   * @throws AssertionError when the refusal carries no specific reason code; other exceptions propagate
   */
  public static <T> T decodedOrRefused(Step<T> step) {
    try {
      return step.run();
    } catch (EtpProtocolException e) {
      requireSpecific(e.reason(), e.getMessage());
      return null;
    }
  }

  /**
   * @param result a validation result
   * @return whether it is valid
   * @throws AssertionError when it is invalid without a specific reason code or detail
   */
  public static boolean isValid(ValidationResult result) {
    if (result == null) {
      throw new AssertionError("a check returned null instead of a result");
    }
    if (result instanceof ValidationResult.Invalid invalid) {
      requireSpecific(invalid.reason(), invalid.detail());
      return false;
    }
    return true;
  }

  /**
   * @param condition an invariant of a decoded input
   * @param what the invariant, for the finding's message
   * @throws AssertionError when it does not hold
   */
  public static void check(boolean condition, String what) {
    if (!condition) {
      throw new AssertionError("invariant broken: " + what);
    }
  }

  private static void requireSpecific(ReasonCode reason, String detail) {
    if (reason == null || reason == ReasonCode.REASON_CODE_UNSPECIFIED || reason == ReasonCode.UNRECOGNIZED) {
      throw new AssertionError("refusal without a specific reason code: " + reason + " (" + detail + ")");
    }
    if (detail == null || detail.isEmpty()) {
      throw new AssertionError("refusal " + reason + " without a detail");
    }
  }
}
