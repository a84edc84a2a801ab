package io.etp.marketdata;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Client of the ENTSO-E Transparency Platform day-ahead prices (document type A44):
 * {@code GET {base}/api?securityToken=..&documentType=A44&in_Domain=..&out_Domain=..&periodStart=yyyyMMddHHmm&periodEnd=..}.
 * Asynchronous, with connect and request timeouts; every failure is a {@link FetchFailure}. The security token is
 * sent only on the wire and never appears in messages.
 */
public final class EntsoeDayAheadClient {

  /** Environment variable holding the security token. */
  public static final String TOKEN_VARIABLE = "MARKET_API_KEY";
  /** Source name used in failures and counters. */
  public static final String SOURCE = "entsoe";

  private static final DateTimeFormatter PERIOD = DateTimeFormatter.ofPattern("yyyyMMddHHmm").withZone(ZoneOffset.UTC);

  private final HttpClient http;
  private final HttpSourceSettings settings;
  private final ApiKey token;

  public EntsoeDayAheadClient(HttpSourceSettings settings, ApiKey token) {
    this(RemoteHttp.client(settings.connectTimeout()), settings, token);
  }

  public EntsoeDayAheadClient(HttpClient http, HttpSourceSettings settings, ApiKey token) {
    this.http = Objects.requireNonNull(http, "http");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.token = Objects.requireNonNull(token, "token");
  }

  /** The client for the public host with the token from {@code MARKET_API_KEY}; fails when the variable is unset. */
  public static EntsoeDayAheadClient fromEnvironment() {
    ApiKey key = ApiKey.fromEnvironment(TOKEN_VARIABLE)
        .orElseThrow(() -> new IllegalStateException(TOKEN_VARIABLE + " is not set; ENTSO-E needs a security token"));
    return new EntsoeDayAheadClient(HttpSourceSettings.of(HttpSourceSettings.ENTSOE_BASE_URL), key);
  }

  /**
   * Day-ahead prices of one bidding zone ({@code in_Domain = out_Domain}, an EIC code such as {@code 10YBE----------2})
   * for the delivery period {@code [periodStart, periodEnd)}, truncated to whole minutes in UTC.
   */
  public CompletionStage<List<PricePoint>> dayAheadPrices(String biddingZone, Instant periodStart, Instant periodEnd) {
    if (!periodEnd.isAfter(periodStart)) {
      return CompletableFuture.failedFuture(new IllegalArgumentException("periodEnd must be after periodStart"));
    }
    URI uri = URI.create(settings.baseUrl() + "/api?securityToken=" + encode(token.reveal())
        + "&documentType=A44&in_Domain=" + encode(biddingZone) + "&out_Domain=" + encode(biddingZone)
        + "&periodStart=" + PERIOD.format(periodStart) + "&periodEnd=" + PERIOD.format(periodEnd));
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(settings.requestTimeout())
        .header("Accept", "application/xml").GET().build();
    return RemoteHttp.send(http, request, SOURCE).thenApply(this::interpret);
  }

  private List<PricePoint> interpret(HttpResponse<String> response) {
    if (RemoteHttp.isTransportLevelError(response)) {
      throw RemoteHttp.statusFailure(SOURCE, response);
    }
    String body = response.body() == null ? "" : response.body().stripLeading();
    if (EntsoeXml.isAcknowledgement(body)) {
      // ENTSO-E answers 200 (no data) or 400 (bad parameters) with an acknowledgement document
      return EntsoeXml.parseDayAheadPrices(SOURCE, body);
    }
    if (!RemoteHttp.isSuccess(response)) {
      throw RemoteHttp.statusFailure(SOURCE, response);
    }
    return EntsoeXml.parseDayAheadPrices(SOURCE, body);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
