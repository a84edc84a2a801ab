package io.etp.access;

import io.etp.web.ApiProblem;
import io.etp.web.ProblemException;
import org.apache.pekko.http.javadsl.model.StatusCodes;

/** No API key has the given id (answered with 404). */
public final class KeyNotFoundException extends RuntimeException implements ProblemException {
  public KeyNotFoundException(String id) {
    super("no API key with id '" + id + "'");
  }

  @Override
  public ApiProblem problem() {
    return new ApiProblem(StatusCodes.NOT_FOUND, "key_not_found", getMessage());
  }
}
