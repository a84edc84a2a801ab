package io.etp.marketdata;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Client of an OpenADR 3 VTN's events resource: {@code GET {base}/events[?programID=..]} with
 * {@code Authorization: Bearer <DR_API_KEY>}. There is no public VTN, so the base URL (including the VTN's path prefix,
 * e.g. {@code https://vtn.example.net/openadr3/3.0.1}) must be configured.
 */
public final class OpenAdrClient {

  /** Environment variable holding the bearer token. */
  public static final String TOKEN_VARIABLE = "DR_API_KEY";
  /** Environment variable holding the VTN base URL. */
  public static final String BASE_URL_VARIABLE = "DR_VTN_URL";
  /** Source name used in failures and counters. */
  public static final String SOURCE = "openadr";

  private final HttpClient http;
  private final HttpSourceSettings settings;
  private final ApiKey token;
  private final Optional<String> programId;

  public OpenAdrClient(HttpSourceSettings settings, ApiKey token, Optional<String> programId) {
    this(RemoteHttp.client(settings.connectTimeout()), settings, token, programId);
  }

  public OpenAdrClient(HttpClient http, HttpSourceSettings settings, ApiKey token, Optional<String> programId) {
    this.http = Objects.requireNonNull(http, "http");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.token = Objects.requireNonNull(token, "token");
    this.programId = Objects.requireNonNull(programId, "programId");
  }

  /** The client for the VTN at {@code DR_VTN_URL} with the token from {@code DR_API_KEY}; fails when either is unset. */
  public static OpenAdrClient fromEnvironment() {
    String base = System.getenv(BASE_URL_VARIABLE);
    if (base == null || base.isBlank()) {
      throw new IllegalStateException(BASE_URL_VARIABLE + " is not set; there is no public OpenADR VTN");
    }
    ApiKey key = ApiKey.fromEnvironment(TOKEN_VARIABLE)
        .orElseThrow(() -> new IllegalStateException(TOKEN_VARIABLE + " is not set; the VTN needs a bearer token"));
    return new OpenAdrClient(HttpSourceSettings.of(URI.create(base.trim())), key, Optional.empty());
  }

  /** All events the VTN shows this client (of the configured program, if any). */
  public CompletionStage<List<DemandResponseEvent>> events() {
    String query = programId.map(p -> "?programID=" + URLEncoder.encode(p, StandardCharsets.UTF_8)).orElse("");
    HttpRequest request = HttpRequest.newBuilder(URI.create(settings.baseUrl() + "/events" + query))
        .timeout(settings.requestTimeout())
        .header("Accept", "application/json")
        .header("Authorization", "Bearer " + token.reveal())
        .GET().build();
    return RemoteHttp.send(http, request, SOURCE).thenApply(OpenAdrClient::interpret);
  }

  private static List<DemandResponseEvent> interpret(HttpResponse<String> response) {
    if (RemoteHttp.isTransportLevelError(response)) {
      throw RemoteHttp.statusFailure(SOURCE, response);
    }
    if (!RemoteHttp.isSuccess(response)) {
      // the VTN explains a 400/404/409 with an RFC 7807 problem document
      throw OpenAdrEventJson.problem(SOURCE, response.statusCode(), response.body())
          .<FetchFailure>map(p -> p).orElseGet(() -> RemoteHttp.statusFailure(SOURCE, response));
    }
    return OpenAdrEventJson.parseEvents(SOURCE, response.body());
  }
}
