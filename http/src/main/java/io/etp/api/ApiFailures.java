package io.etp.api;

import io.etp.web.ApiProblem;
import io.etp.web.ProblemException;
import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.handleExceptions;
import static org.apache.pekko.http.javadsl.server.Directives.handleRejections;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.ExceptionHandler;
import org.apache.pekko.http.javadsl.server.RejectionHandler;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.pattern.AskTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where failures become HTTP answers, in one place: {@link ProblemException}s answer for themselves (validation 400,
 * not found 404, conflict 409), an ask or other timeout or an overloaded backend is 503, anything else 500 (logged).
 * Rejections (unknown path, wrong method, ...) keep Pekko's status but get the JSON error body.
 */
public final class ApiFailures {

  private static final Logger log = LoggerFactory.getLogger(ApiFailures.class);

  private ApiFailures() {}

  /** Wraps {@code inner} so every failure and rejection is answered as an {@link ApiProblem}. */
  public static Route handle(Supplier<Route> inner) {
    return handleRejections(rejections(), () -> handleExceptions(exceptions(), inner));
  }

  /** The answer for a failure (unwrapping CompletionException and ExecutionException). */
  public static ApiProblem problemFor(Throwable failure) {
    Throwable t = failure;
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    if (t instanceof ProblemException p) {
      return p.problem();
    }
    if (t instanceof AskTimeoutException || t instanceof TimeoutException) {
      return new ApiProblem(StatusCodes.SERVICE_UNAVAILABLE, "timeout", "the node did not answer in time; retry");
    }
    if (t instanceof RejectedExecutionException) {
      return new ApiProblem(StatusCodes.SERVICE_UNAVAILABLE, "overloaded", "the node is overloaded; retry");
    }
    log.error("unhandled failure in a route", t);
    return new ApiProblem(StatusCodes.INTERNAL_SERVER_ERROR, "internal_error", "internal error");
  }

  private static ExceptionHandler exceptions() {
    return ExceptionHandler.newBuilder()
        .matchAny(t -> complete(problemFor(t).response()))
        .build();
  }

  private static RejectionHandler rejections() {
    return RejectionHandler.defaultHandler().mapRejectionResponse(ApiFailures::asJson);
  }

  private static HttpResponse asJson(HttpResponse response) {
    if (!(response.entity() instanceof HttpEntity.Strict strict)) {
      return response;
    }
    String text = strict.getData().utf8String();
    String code = response.status().reason().toLowerCase(Locale.ROOT).replace(' ', '_');
    return new ApiProblem(response.status(), code, text, toList(response.getHeaders())).response();
  }

  private static List<HttpHeader> toList(Iterable<HttpHeader> headers) {
    List<HttpHeader> out = new ArrayList<>();
    headers.forEach(out::add);
    return out;
  }
}
