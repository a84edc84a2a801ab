package io.etp.marketdata;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Client of the Open-Meteo hourly forecast:
 * {@code GET {base}/v1/forecast?latitude=..&longitude=..&hourly=temperature_2m,wind_speed_10m,shortwave_radiation,cloud_cover&wind_speed_unit=ms&timezone=UTC&forecast_days=N[&apikey=..]}.
 * The free host needs no key; the customer host takes {@code apikey} (from {@code WEATHER_API_KEY}).
 */
public final class OpenMeteoClient {

  /** Environment variable holding the optional API key. */
  public static final String KEY_VARIABLE = "WEATHER_API_KEY";
  /** Source name used in failures and counters. */
  public static final String SOURCE = "open-meteo";

  private final HttpClient http;
  private final HttpSourceSettings settings;
  private final Optional<ApiKey> apiKey;
  private final int forecastDays;

  public OpenMeteoClient(HttpSourceSettings settings, Optional<ApiKey> apiKey, int forecastDays) {
    this(RemoteHttp.client(settings.connectTimeout()), settings, apiKey, forecastDays);
  }

  public OpenMeteoClient(HttpClient http, HttpSourceSettings settings, Optional<ApiKey> apiKey, int forecastDays) {
    if (forecastDays < 1 || forecastDays > 16) {
      throw new IllegalArgumentException("Open-Meteo serves 1..16 forecast days, not " + forecastDays);
    }
    this.http = Objects.requireNonNull(http, "http");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
    this.forecastDays = forecastDays;
  }

  /**
   * Reads {@code WEATHER_API_KEY}: with a key the customer host is used, without it the free public host.
   * Three forecast days.
   */
  public static OpenMeteoClient fromEnvironment() {
    Optional<ApiKey> key = ApiKey.fromEnvironment(KEY_VARIABLE);
    var base = key.isPresent() ? HttpSourceSettings.OPEN_METEO_CUSTOMER_BASE_URL : HttpSourceSettings.OPEN_METEO_BASE_URL;
    return new OpenMeteoClient(HttpSourceSettings.of(base), key, 3);
  }

  /** The hourly forecast for the grid cell nearest to the given WGS84 coordinates. */
  public CompletionStage<List<WeatherPoint>> hourlyForecast(double latitudeDeg, double longitudeDeg) {
    String query = String.format(Locale.ROOT,
        "latitude=%.4f&longitude=%.4f&hourly=%s&wind_speed_unit=ms&timezone=UTC&forecast_days=%d",
        latitudeDeg, longitudeDeg, String.join(",", OpenMeteoJson.HOURLY_VARIABLES), forecastDays);
    String key = apiKey.map(k -> "&apikey=" + URLEncoder.encode(k.reveal(), StandardCharsets.UTF_8)).orElse("");
    HttpRequest request = HttpRequest.newBuilder(URI.create(settings.baseUrl() + "/v1/forecast?" + query + key))
        .timeout(settings.requestTimeout()).header("Accept", "application/json").GET().build();
    return RemoteHttp.send(http, request, SOURCE).thenApply(OpenMeteoClient::interpret);
  }

  private static List<WeatherPoint> interpret(HttpResponse<String> response) {
    if (RemoteHttp.isTransportLevelError(response)) {
      throw RemoteHttp.statusFailure(SOURCE, response);
    }
    if (!RemoteHttp.isSuccess(response)) {
      // Open-Meteo answers 400 with {"error":true,"reason":"..."} for bad parameters
      throw OpenMeteoJson.errorReply(SOURCE, response.body())
          .<FetchFailure>map(r -> r).orElseGet(() -> RemoteHttp.statusFailure(SOURCE, response));
    }
    return OpenMeteoJson.parseForecast(SOURCE, response.body());
  }
}
