package io.etp.web;

import org.apache.pekko.http.javadsl.model.StatusCodes;

/** A request that is well-formed HTTP but invalid: answered with 400 and a reason code such as {@code invalid_role}. */
public final class ValidationException extends RuntimeException implements ProblemException {

  private final String code;

  public ValidationException(String code, String message) {
    super(message);
    this.code = code;
  }

  @Override
  public ApiProblem problem() {
    return new ApiProblem(StatusCodes.BAD_REQUEST, code, getMessage());
  }
}
