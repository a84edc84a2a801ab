package io.etp.api;

/**
 * A failure that knows its HTTP answer. Route code fails a future (or throws) with one; {@link ApiFailures} turns it
 * into the response, so status codes are decided in one place per failure type.
 */
public interface ProblemException {

  /** The answer for this failure. */
  ApiProblem problem();
}
