package io.etp.marketdata;

import static io.etp.marketdata.LocalHttpServer.sample;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etp.marketdata.LocalHttpServer.Reply;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import org.apache.pekko.Done;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResilientPollingTest {

  private static final String XML = "application/xml";
  private static final String ZONE = "10YBE----------2";
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-03-31T10:00:00Z"), ZoneOffset.UTC);

  private final ActorSystem system = ActorSystem.create("resilient-polling-test");
  private final LocalHttpServer server = new LocalHttpServer(Reply.ok(XML, sample("entsoe-a44-be-dst-spring-a03.xml")));
  private IngestReport report;

  @BeforeEach
  void freshReport() {
    report = new IngestReport();
  }

  @AfterEach
  void answerHealthyAgain() {
    server.answer(Reply.ok(XML, sample("entsoe-a44-be-dst-spring-a03.xml")));
  }

  @AfterAll
  void stop() {
    server.close();
    system.terminate();
  }

  private static ResilienceSettings fast(int breakerMaxFailures, Duration breakerReset) {
    return ResilienceSettings.defaults()
        .withPollInterval(Duration.ofMillis(100))
        .withBackoff(Duration.ofMillis(50), Duration.ofMillis(200), 0.1)
        .withBreaker(breakerMaxFailures, Duration.ofSeconds(30), breakerReset);
  }

  private static EntsoeDayAheadClient entsoe(URI base, Duration requestTimeout) {
    return new EntsoeDayAheadClient(HttpSourceSettings.of(base).withTimeouts(Duration.ofSeconds(10), requestTimeout),
        ApiKey.of("MARKET_API_KEY", "secret-token"));
  }

  private ResilientPolling<PricePoint> pricesFrom(URI base, Duration requestTimeout, ResilienceSettings settings) {
    return RemoteFeeds.entsoeDayAhead(entsoe(base, requestTimeout), ZONE, CLOCK, settings, report, system);
  }

  /** The breaker updates its state in a callback of the call's future: wait for it instead of racing it. */
  private static void eventually(java.util.function.BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within 20 s: " + what);
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  private static FetchFailure pollFailure(ResilientPolling<?> polling) {
    var error = assertThrows(ExecutionException.class, () -> polling.pollOnce().toCompletableFuture().get(30, SECONDS));
    return assertInstanceOf(FetchFailure.class, error.getCause());
  }

  @Test
  void outageOpensTheBreakerAndRecoveryClosesItWhileTheSourceKeepsRestarting() throws Exception {
    // A server of its own: streams of other tests must not add to the requests this test inspects.
    try (LocalHttpServer own = new LocalHttpServer(Reply.status(500, "text/html", "<html>Internal Error</html>"))) {
      ResilientPolling<PricePoint> polling = pricesFrom(own.baseUrl(), Duration.ofSeconds(20), fast(3, Duration.ofMillis(500)));
      String source = polling.sourceName();
      CountDownLatch opened = new CountDownLatch(1);
      CountDownLatch closed = new CountDownLatch(1);
      polling.breaker().addOnOpenListener(opened::countDown).addOnCloseListener(closed::countDown);

      CompletionStage<List<PricePoint>> received = polling.source().take(23).runWith(Sink.seq(), system);

      assertTrue(opened.await(30, SECONDS), "three consecutive 500s open the breaker");
      // The breaker's listeners and the failure record run on different callbacks: wait, do not race them.
      eventually(() -> report.failureCount(source, FetchFailure.Kind.SERVER_ERROR) >= 3, "three recorded 500s");
      eventually(() -> report.count(source, IssueKind.CIRCUIT_OPENED) >= 1, "the opening recorded");
      assertFalse(received.toCompletableFuture().isDone(), "the source restarts instead of failing");

      own.answer(Reply.ok(XML, sample("entsoe-a44-be-dst-spring-a03.xml")));

      List<PricePoint> points = received.toCompletableFuture().get(30, SECONDS);
      assertTrue(closed.await(30, SECONDS), "a successful trial call closes the breaker");
      assertTrue(polling.breaker().isClosed());
      eventually(() -> report.count(source, IssueKind.CIRCUIT_CLOSED) == 1, "the closing recorded once");
      assertEquals(23, points.size());
      assertEquals(Instant.parse("2024-03-30T23:00:00Z"), points.get(0).start());
      assertTrue(own.requests().stream().allMatch(r -> r.rawQuery().contains("periodStart=202403310000")
          && r.rawQuery().contains("periodEnd=202404020000")), "window is today and tomorrow by the injected clock");
    }
  }

  @Test
  void refusedConnectionsOpenTheBreakerAndThenCallsFailFastWithoutTouchingTheNetwork() {
    ResilientPolling<PricePoint> polling =
        pricesFrom(LocalHttpServer.refusingBaseUrl(), Duration.ofSeconds(20), fast(2, Duration.ofMinutes(1)));
    String source = polling.sourceName();

    assertInstanceOf(FetchFailure.Unreachable.class, pollFailure(polling));
    assertTrue(polling.breaker().isClosed(), "one failure is below the threshold");
    assertInstanceOf(FetchFailure.Unreachable.class, pollFailure(polling));
    eventually(() -> polling.breaker().isOpen(), "breaker opens after the second refused connection");
    assertInstanceOf(FetchFailure.CircuitOpen.class, pollFailure(polling));

    assertEquals(2, report.failureCount(source, FetchFailure.Kind.UNREACHABLE));
    assertEquals(1, report.failureCount(source, FetchFailure.Kind.CIRCUIT_OPEN));
    assertEquals(3, report.count(source, IssueKind.FETCH_FAILED));
  }

  @Test
  void timeoutCountsAsAnOutage() {
    server.answer(Reply.ok(XML, sample("entsoe-a44-be-dst-spring-a03.xml")).delayedBy(Duration.ofSeconds(3)));
    ResilientPolling<PricePoint> polling = pricesFrom(server.baseUrl(), Duration.ofMillis(300), fast(1, Duration.ofMinutes(1)));

    assertInstanceOf(FetchFailure.TimedOut.class, pollFailure(polling));
    eventually(() -> polling.breaker().isOpen(), "breaker opens after the timeout");
  }

  @Test
  void malformedAnswersAndRejectionsDoNotOpenTheBreaker() {
    ResilientPolling<PricePoint> polling = pricesFrom(server.baseUrl(), Duration.ofSeconds(20), fast(2, Duration.ofMinutes(1)));
    server.answer(Reply.ok(XML, "<Publication_MarketDocument><TimeSeries>"));
    for (int i = 0; i < 3; i++) {
      assertInstanceOf(FetchFailure.MalformedResponse.class, pollFailure(polling));
    }
    server.answer(Reply.ok(XML, sample("entsoe-acknowledgement-no-data.xml")));
    assertInstanceOf(FetchFailure.ProviderRejected.class, pollFailure(polling));
    assertTrue(polling.breaker().isClosed());
    assertEquals(3, report.failureCount(polling.sourceName(), FetchFailure.Kind.MALFORMED_RESPONSE));
  }

  @Test
  void rejectedCredentialsFailTheSourceWithoutRestarting() {
    try (LocalHttpServer own = new LocalHttpServer(Reply.status(401, "text/html", "<html>401 Unauthorized</html>"))) {
      ResilientPolling<PricePoint> polling = pricesFrom(own.baseUrl(), Duration.ofSeconds(20), fast(3, Duration.ofMinutes(1)));

      CompletionStage<Done> run = polling.source().runWith(Sink.ignore(), system);

      var error = assertThrows(ExecutionException.class, () -> run.toCompletableFuture().get(30, SECONDS));
      assertInstanceOf(FetchFailure.Unauthorized.class, error.getCause());
      assertEquals(1, own.requests().size(), "no retry with a rejected token");
      assertTrue(polling.breaker().isClosed());
    }
  }

  @Test
  void unchangedItemsAreNotEmittedTwiceButARevisedPriceIs() throws Exception {
    String twoDays = sample("entsoe-a44-de-lu-two-days.xml");
    try (LocalHttpServer own = new LocalHttpServer(Reply.ok(XML, twoDays))) {
      ResilientPolling<PricePoint> polling = pricesFrom(own.baseUrl(), Duration.ofSeconds(20), fast(3, Duration.ofMinutes(1)));

      CompletionStage<List<PricePoint>> received = polling.source().take(49).runWith(Sink.seq(), system);
      eventually(() -> own.requests().size() >= 3, "three polls");
      assertFalse(received.toCompletableFuture().isDone(), "repeated polls add nothing new");
      String first = twoDays.substring(twoDays.indexOf("<price.amount>"), twoDays.indexOf("</price.amount>"));
      own.answer(Reply.ok(XML, twoDays.replaceFirst(first, "<price.amount>999.99")));

      List<PricePoint> points = received.toCompletableFuture().get(30, SECONDS);
      assertEquals(points.get(0).start(), points.get(48).start());
      assertEquals(999.99, points.get(48).pricePerMwh());
      assertTrue(report.count(polling.sourceName(), IssueKind.REDELIVERED_UNCHANGED) >= 48);
    }
  }

  @Test
  void rateLimitedSourceWaitsTheRetryAfterDelayBeforeTheNextAttempt() throws Exception {
    try (LocalHttpServer own = new LocalHttpServer(Reply.ok(XML, sample("entsoe-a44-be-dst-spring-a03.xml")))) {
      own.answerNextOnce(Reply.status(429, "text/plain", "Too Many Requests").withHeader("Retry-After", "1"));
      ResilientPolling<PricePoint> polling = pricesFrom(own.baseUrl(), Duration.ofSeconds(20), fast(10, Duration.ofMinutes(1)));
      long started = System.nanoTime();

      List<PricePoint> points = polling.source().take(23).runWith(Sink.seq(), system).toCompletableFuture().get(30, SECONDS);

      Duration waited = Duration.ofNanos(System.nanoTime() - started);
      assertEquals(23, points.size());
      assertTrue(waited.compareTo(Duration.ofSeconds(1)) >= 0, "retried after " + waited + " despite Retry-After: 1");
      assertEquals(2, own.requests().size(), "exactly one retry");
      assertEquals(1, report.failureCount(polling.sourceName(), FetchFailure.Kind.RATE_LIMITED));
    }
  }

  @Test
  void weatherFeedEmitsTheForecastAndThenOnlyTheHoursThatChanged() throws Exception {
    String forecast = sample("open-meteo-forecast-brussels.json");
    try (LocalHttpServer weather = new LocalHttpServer(Reply.ok("application/json", forecast))) {
      var client = new OpenMeteoClient(HttpSourceSettings.of(weather.baseUrl()), Optional.empty(), 1);
      var polling = RemoteFeeds.openMeteo(client, 50.85, 4.35, fast(3, Duration.ofMinutes(1)), report, system);

      CompletionStage<List<WeatherPoint>> received = polling.source().take(25).runWith(Sink.seq(), system);
      eventually(() -> report.count(OpenMeteoClient.SOURCE, IssueKind.REDELIVERED_UNCHANGED) >= 24, "a repeated poll");
      int firstTemperature = forecast.indexOf("\"temperature_2m\": [") + "\"temperature_2m\": [".length();
      int comma = forecast.indexOf(',', firstTemperature);
      weather.answer(Reply.ok("application/json",
          forecast.substring(0, firstTemperature) + "-3.5" + forecast.substring(comma)));

      List<WeatherPoint> points = received.toCompletableFuture().get(30, SECONDS);
      assertEquals(Instant.parse("2024-06-01T00:00:00Z"), points.get(24).time());
      assertEquals(-3.5, points.get(24).temperatureCelsius());
    }
  }

  @Test
  void openAdrFeedDeliversEachEventOnce() throws Exception {
    try (LocalHttpServer vtn = new LocalHttpServer(Reply.ok("application/json", sample("openadr-events.json")))) {
      var client = new OpenAdrClient(HttpSourceSettings.of(vtn.baseUrl()), ApiKey.of("DR_API_KEY", "t"), Optional.empty());
      var polling = RemoteFeeds.openAdrEvents(client, fast(3, Duration.ofMinutes(1)), report, system);

      var running = polling.source().viaMat(KillSwitches.single(), Keep.right())
          .toMat(Sink.seq(), Keep.both()).run(system);
      eventually(() -> report.count(OpenAdrClient.SOURCE, IssueKind.REDELIVERED_UNCHANGED) >= 4,
          "two further polls delivered both events again");
      running.first().shutdown();
      List<DemandResponseEvent> events = running.second().toCompletableFuture().get(30, SECONDS);

      assertEquals(List.of("0bf0c8f4-7a4e-4f6b-9a5b-1c2d3e4f5a61", "5d9e3b20-0c4a-4d7e-8f61-2a3b4c5d6e7f"),
          events.stream().map(DemandResponseEvent::id).toList());
      assertTrue(vtn.requests().size() >= 3, "polled three times, delivered once");
    }
  }
}
