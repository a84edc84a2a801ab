package io.etp.access;

import io.etp.web.ApiProblem;
import io.etp.web.ProblemException;
import org.apache.pekko.http.javadsl.model.StatusCodes;

/** The request conflicts with the stored keys, e.g. a duplicate label (answered with 409 and {@link #code()}). */
public final class KeyConflictException extends RuntimeException implements ProblemException {
  private final String code;

  public KeyConflictException(String code, String message) {
    super(message);
    this.code = code;
  }

  public String code() {
    return code;
  }

  @Override
  public ApiProblem problem() {
    return new ApiProblem(StatusCodes.CONFLICT, code, getMessage());
  }
}
