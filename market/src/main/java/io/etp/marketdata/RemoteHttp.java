package io.etp.marketdata;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/** The HTTP exchange shared by the remote clients: transport errors and status codes become {@link FetchFailure}s. */
final class RemoteHttp {

  private static final int EXCERPT_CHARS = 200;

  private RemoteHttp() {}

  /** A client with the connect timeout; request timeouts are set per request. */
  static HttpClient client(Duration connectTimeout) {
    return HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NORMAL).build();
  }

  /** Sends asynchronously; the stage fails only with {@link FetchFailure.Unreachable} or {@link FetchFailure.TimedOut}. */
  static CompletionStage<HttpResponse<String>> send(HttpClient http, HttpRequest request, String source) {
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((response, error) -> {
      if (error == null) {
        return response;
      }
      throw transportFailure(source, error);
    });
  }

  static FetchFailure transportFailure(String source, Throwable error) {
    Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    if (cause instanceof FetchFailure failure) {
      return failure;
    }
    if (cause instanceof HttpTimeoutException) {
      return new FetchFailure.TimedOut(source, cause);
    }
    if (cause instanceof ConnectException || cause instanceof IOException) {
      return new FetchFailure.Unreachable(source, cause);
    }
    return new FetchFailure.Unreachable(source, cause);
  }

  /** The failure for a non-2xx status that carries no provider error document. */
  static FetchFailure statusFailure(String source, HttpResponse<String> response) {
    int status = response.statusCode();
    if (status == 401 || status == 403) {
      return new FetchFailure.Unauthorized(source, status);
    }
    if (status == 429) {
      return new FetchFailure.RateLimited(source, retryAfter(response));
    }
    if (status >= 500) {
      return new FetchFailure.ServerError(source, status, excerpt(response.body()));
    }
    return new FetchFailure.UnexpectedStatus(source, status, excerpt(response.body()));
  }

  static boolean isSuccess(HttpResponse<?> response) {
    return response.statusCode() / 100 == 2;
  }

  /** True for the statuses {@link #statusFailure} maps without looking at the body. */
  static boolean isTransportLevelError(HttpResponse<?> response) {
    int status = response.statusCode();
    return status == 401 || status == 403 || status == 429 || status >= 500;
  }

  private static Duration retryAfter(HttpResponse<?> response) {
    return response.headers().firstValue("Retry-After").flatMap(value -> {
      try {
        return java.util.Optional.of(Duration.ofSeconds(Long.parseLong(value.trim())));
      } catch (NumberFormatException e) {
        return java.util.Optional.empty();
      }
    }).orElse(null);
  }

  static String excerpt(String body) {
    if (body == null || body.isBlank()) {
      return "(empty body)";
    }
    String flat = body.replaceAll("\\s+", " ").trim();
    return flat.length() <= EXCERPT_CHARS ? flat : flat.substring(0, EXCERPT_CHARS) + "...";
  }
}
