package io.etp.marketdata;

import static io.etp.marketdata.LocalHttpServer.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etp.marketdata.LocalHttpServer.Reply;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EntsoeDayAheadClientTest {

  private static final String XML = "application/xml";
  private static final String TOKEN = "f00dcafe-1234-5678-9abc-def012345678";
  private static final ApiKey KEY =
      ApiKey.fromEnvironment(EntsoeDayAheadClient.TOKEN_VARIABLE, Map.of("MARKET_API_KEY", TOKEN)::get).orElseThrow();
  private static final Instant START = Instant.parse("2024-03-30T23:00:00Z");
  private static final Instant END = Instant.parse("2024-03-31T22:00:00Z");

  private final LocalHttpServer server = new LocalHttpServer(Reply.ok(XML, sample("entsoe-a44-be-dst-spring-a03.xml")));

  @AfterEach
  void stop() {
    server.close();
  }

  private EntsoeDayAheadClient client(URI base, Duration requestTimeout) {
    return new EntsoeDayAheadClient(HttpSourceSettings.of(base).withTimeouts(Duration.ofSeconds(10), requestTimeout), KEY);
  }

  private List<PricePoint> fetch() {
    return client(server.baseUrl(), Duration.ofSeconds(20)).dayAheadPrices("10YBE----------2", START, END)
        .toCompletableFuture().join();
  }

  private static FetchFailure failureOf(CompletionStage<?> stage) {
    try {
      stage.toCompletableFuture().join();
    } catch (CompletionException e) {
      return assertInstanceOf(FetchFailure.class, e.getCause());
    }
    throw new AssertionError("expected the call to fail");
  }

  private FetchFailure failureWith(Reply reply) {
    server.answer(reply);
    FetchFailure failure = failureOf(
        client(server.baseUrl(), Duration.ofSeconds(20)).dayAheadPrices("10YBE----------2", START, END));
    assertFalse(failure.getMessage().contains(TOKEN), "token must never appear in a message");
    return failure;
  }

  @Test
  void sendsTokenDocumentTypeZoneAndPeriodAsTheApiDocuments() {
    List<PricePoint> points = fetch();

    assertEquals(23, points.size());
    LocalHttpServer.Request request = server.requests().get(0);
    assertEquals("/api", request.path());
    assertEquals("securityToken=" + TOKEN + "&documentType=A44&in_Domain=10YBE----------2&out_Domain=10YBE----------2"
        + "&periodStart=202403302300&periodEnd=202403312200", request.rawQuery());
  }

  @Test
  void acknowledgementIsProviderRejectedWhetherSentWithStatus200Or400() {
    var noData = assertInstanceOf(FetchFailure.ProviderRejected.class,
        failureWith(Reply.ok(XML, sample("entsoe-acknowledgement-no-data.xml"))));
    assertEquals("999", noData.reasonCode());

    var badRequest = assertInstanceOf(FetchFailure.ProviderRejected.class,
        failureWith(Reply.status(400, XML, sample("entsoe-acknowledgement-bad-request.xml"))));
    assertTrue(badRequest.reasonText().contains("in_Domain"), badRequest.reasonText());
    assertFalse(badRequest.indicatesOutage());
  }

  @Test
  void status401IsUnauthorizedAndPermanent() {
    FetchFailure failure = failureWith(Reply.status(401, "text/html", "<html><body><h1>Unauthorized</h1></body></html>"));
    assertInstanceOf(FetchFailure.Unauthorized.class, failure);
    assertTrue(failure.isPermanent());
    assertFalse(failure.indicatesOutage());
  }

  @Test
  void status429IsRateLimitedWithTheRetryAfterDelay() {
    var failure = assertInstanceOf(FetchFailure.RateLimited.class,
        failureWith(Reply.status(429, "text/plain", "Too many requests").withHeader("Retry-After", "120")));
    assertEquals(Duration.ofSeconds(120), failure.retryAfter().orElseThrow());
    assertTrue(failure.indicatesOutage());
  }

  @Test
  void status500IsServerErrorWithAnExcerptOfTheBody() {
    var failure = assertInstanceOf(FetchFailure.ServerError.class,
        failureWith(Reply.status(503, "text/html", "<html>Service Temporarily Unavailable</html>")));
    assertEquals(503, failure.status());
    assertTrue(failure.getMessage().contains("Service Temporarily Unavailable"), failure.getMessage());
  }

  @Test
  void htmlInsteadOfXmlIsMalformed() {
    assertInstanceOf(FetchFailure.MalformedResponse.class,
        failureWith(Reply.ok("text/html", "<html><body>Maintenance<br></body></html>")));
  }

  @Test
  void refusedConnectionIsUnreachable() {
    FetchFailure failure = failureOf(client(LocalHttpServer.refusingBaseUrl(), Duration.ofSeconds(20))
        .dayAheadPrices("10YBE----------2", START, END));
    assertInstanceOf(FetchFailure.Unreachable.class, failure);
    assertFalse(failure.getMessage().contains(TOKEN));
  }

  @Test
  void answerSlowerThanTheRequestTimeoutIsTimedOut() {
    server.answer(Reply.ok(XML, sample("entsoe-a44-be-dst-spring-a03.xml")).delayedBy(Duration.ofSeconds(3)));
    FetchFailure failure = failureOf(client(server.baseUrl(), Duration.ofMillis(300))
        .dayAheadPrices("10YBE----------2", START, END));
    assertInstanceOf(FetchFailure.TimedOut.class, failure);
    assertTrue(failure.indicatesOutage());
  }

  @Test
  void apiKeyNeverShowsItsValue() {
    assertEquals("ApiKey[MARKET_API_KEY=***]", KEY.toString());
    assertTrue(ApiKey.fromEnvironment("MARKET_API_KEY", name -> "  ").isEmpty(), "blank counts as unset");
  }
}
