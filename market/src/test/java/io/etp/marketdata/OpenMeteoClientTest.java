package io.etp.marketdata;

import static io.etp.marketdata.LocalHttpServer.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etp.marketdata.LocalHttpServer.Reply;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OpenMeteoClientTest {

  private static final String JSON = "application/json; charset=utf-8";

  private final LocalHttpServer server = new LocalHttpServer(Reply.ok(JSON, sample("open-meteo-forecast-brussels.json")));

  @AfterEach
  void stop() {
    server.close();
  }

  private OpenMeteoClient client(Optional<ApiKey> key) {
    return new OpenMeteoClient(HttpSourceSettings.of(server.baseUrl()), key, 2);
  }

  private List<WeatherPoint> fetch() {
    return client(Optional.empty()).hourlyForecast(50.8503, 4.3517).toCompletableFuture().join();
  }

  private FetchFailure failureWith(Reply reply) {
    server.answer(reply);
    try {
      fetch();
    } catch (CompletionException e) {
      return assertInstanceOf(FetchFailure.class, e.getCause());
    }
    throw new AssertionError("expected the call to fail");
  }

  private static String replaceOnce(String text, String target, String replacement) {
    assertTrue(text.contains(target), "sample contains " + target);
    return text.replaceFirst(java.util.regex.Pattern.quote(target), java.util.regex.Matcher.quoteReplacement(replacement));
  }

  @Test
  void readsTheHourlyArraysIntoOneWeatherPointPerHour() {
    List<WeatherPoint> points = fetch();

    assertEquals(24, points.size());
    WeatherPoint first = points.get(0);
    assertEquals(Instant.parse("2024-06-01T00:00:00Z"), first.time());
    assertEquals(50.84, first.latitudeDeg());
    assertEquals(Instant.parse("2024-06-01T23:00:00Z"), points.get(23).time());
    assertTrue(points.stream().allMatch(p -> p.cloudCoverPercent() >= 0 && p.cloudCoverPercent() <= 100));
    assertTrue(points.get(13).shortwaveRadiationWattsPerSquareMetre() > 500, "midday sun");
  }

  @Test
  void asksForTheVariablesInUtcAndMetresPerSecond() {
    fetch();
    LocalHttpServer.Request request = server.requests().get(0);
    assertEquals("/v1/forecast", request.path());
    assertEquals("latitude=50.8503&longitude=4.3517&hourly=temperature_2m,wind_speed_10m,shortwave_radiation,cloud_cover"
        + "&wind_speed_unit=ms&timezone=UTC&forecast_days=2", request.rawQuery());
  }

  @Test
  void sendsTheApiKeyParameterOnlyWhenConfigured() {
    client(Optional.of(ApiKey.of("WEATHER_API_KEY", "k3y"))).hourlyForecast(1, 2).toCompletableFuture().join();
    assertTrue(server.requests().get(0).rawQuery().endsWith("&apikey=k3y"));
    fetch();
    assertFalse(server.requests().get(1).rawQuery().contains("apikey"));
  }

  @Test
  void convertsKilometresPerHourToMetresPerSecond() {
    List<WeatherPoint> inMs = fetch();
    server.answer(Reply.ok(JSON, sample("open-meteo-forecast-kmh.json")));
    List<WeatherPoint> inKmh = fetch();
    for (int i = 0; i < 24; i++) {
      assertEquals(inMs.get(i).windSpeed10mMetresPerSecond(), inKmh.get(i).windSpeed10mMetresPerSecond(), 0.03);
    }
  }

  @Test
  void nullValueBecomesNaNAndIsNotInvented() {
    assertTrue(Double.isNaN(fetch().get(23).shortwaveRadiationWattsPerSquareMetre()));
  }

  @Test
  void errorReplyIsProviderRejectedWithTheReason() {
    var failure = assertInstanceOf(FetchFailure.ProviderRejected.class,
        failureWith(Reply.status(400, JSON, sample("open-meteo-error.json"))));
    assertTrue(failure.reasonText().contains("temperature_2n"), failure.reasonText());
  }

  @Test
  void missingArrayWrongTypeLengthMismatchAndNonJsonAreMalformed() {
    String good = sample("open-meteo-forecast-brussels.json");
    var missing = failureWith(Reply.ok(JSON, replaceOnce(good, "\"cloud_cover\": [", "\"cloudcover\": [")));
    assertTrue(missing.getMessage().contains("missing array 'hourly.cloud_cover'"), missing.getMessage());

    var wrongType = failureWith(Reply.ok(JSON, replaceOnce(good, "\"temperature_2m\": [\n  ", "\"temperature_2m\": [\n  \"warm\", ")));
    assertInstanceOf(FetchFailure.MalformedResponse.class, wrongType);

    var badTime = failureWith(Reply.ok(JSON, replaceOnce(good, "\"2024-06-01T05:00\"", "\"01/06/2024 05:00\"")));
    assertTrue(badTime.getMessage().contains("hourly.time[5]"), badTime.getMessage());

    var notJson = failureWith(Reply.ok(JSON, "<html>502 Bad Gateway</html>"));
    assertInstanceOf(FetchFailure.MalformedResponse.class, notJson);

    var unknownUnit = failureWith(Reply.ok(JSON, replaceOnce(good, "\"°C\"", "\"K\"")));
    assertTrue(unknownUnit.getMessage().contains("unknown unit 'K'"), unknownUnit.getMessage());
  }

  @Test
  void httpErrorsAreTyped() {
    assertInstanceOf(FetchFailure.RateLimited.class, failureWith(Reply.status(429, JSON, "{\"error\":true}")));
    assertInstanceOf(FetchFailure.ServerError.class, failureWith(Reply.status(502, "text/html", "Bad Gateway")));
    assertInstanceOf(FetchFailure.Unauthorized.class, failureWith(Reply.status(401, JSON,
        "{\"error\":true,\"reason\":\"API key invalid\"}")));
  }

  @Test
  void slowAnswerTimesOut() {
    server.answer(Reply.ok(JSON, sample("open-meteo-forecast-brussels.json")).delayedBy(Duration.ofSeconds(3)));
    var client = new OpenMeteoClient(
        HttpSourceSettings.of(server.baseUrl()).withTimeouts(Duration.ofSeconds(10), Duration.ofMillis(300)),
        Optional.empty(), 1);
    var error = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class,
        () -> client.hourlyForecast(0, 0).toCompletableFuture().join());
    assertInstanceOf(FetchFailure.TimedOut.class, error.getCause());
  }
}
