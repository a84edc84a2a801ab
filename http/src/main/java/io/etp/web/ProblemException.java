package io.etp.web;

/**
 * A failure that knows its HTTP answer. Route code fails a future (or throws) with one; {@code io.etp.api.ApiFailures} turns it
 * into the response, so status codes are decided in one place per failure type.
 */
public interface ProblemException {

  /** The answer for this failure. */
  ApiProblem problem();
}
