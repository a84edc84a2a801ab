package io.etp.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.etp.persistence.SchemaMigrations;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Predicate;
import org.apache.pekko.actor.typed.ActorSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node with an OpenADR VTN configured (a real HTTP server on 127.0.0.1): {@code /health/ready} shows the feed up;
 * when the VTN stops, the feed shows DOWN in the detail and an outage alert is raised, while the node stays ready
 * and keeps confirming trades; when it returns, the detail shows it up and the alert clears.
 */
class NodeLiveMarketDataTest {

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void aFeedOutageIsADegradedDetailAndAnAlertNeverNotReady(@TempDir Path dir) throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    try (FeedServer vtn = new FeedServer("application/json", () -> """
        [{"id":"dr-1","objectType":"EVENT","programID":"north","intervalPeriod":{"start":"%s","duration":"PT2H"},
          "intervals":[{"id":0,"payloads":[{"type":"SIMPLE","values":[3]}]}]}]
        """.formatted(start))) {
      String h2 = "jdbc:h2:file:" + dir.resolve("etp") + ";DATABASE_TO_UPPER=false";
      Config config = ConfigFactory.parseString("""
              etp.http.port = %d
              pekko.remote.artery.canonical.port = 0
              pekko.coordinated-shutdown.exit-jvm = off
              pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off
              pekko-persistence-jdbc.shared-databases.slick.db.url = "%s"
              pekko.cluster.distributed-data.notify-subscribers-interval = 100ms
              etp.fleet.batteries = 4
              etp.fleet.aggregators = 2
              etp.marketdata.keys { DR_API_KEY = "dr-token", DR_VTN_URL = "%s" }
              etp.marketdata.openadr {
                areas { north = [bess-1] }
                http { connect-timeout = 1s, request-timeout = 2s }
                resilience { poll-interval = 500ms, min-backoff = 100ms, max-backoff = 500ms, random-factor = 0,
                  breaker { max-failures = 2, reset-timeout = 500ms } }
              }
              """.formatted(port, h2, vtn.baseUrl()))
          .withFallback(ConfigFactory.load())
          .resolve();
      SchemaMigrations.migrate(config);
      ActorSystem<Void> node = ActorSystem.create(Node.create(), "etp", config);
      try {
        String base = "http://127.0.0.1:" + port;
        HttpResponse<String> ready = await(base + "/health/ready", r -> r.statusCode() == 200
            && r.body().contains("market data: openadr up since"), Duration.ofSeconds(90));
        assertTrue(ready.body().startsWith("ready\n"), ready.body());
        int tradesBefore = awaitTrades(h2, 1, Duration.ofSeconds(90));

        vtn.stop();
        long stopped = System.nanoTime();
        HttpResponse<String> degraded = await(base + "/health/ready",
            r -> r.body().contains("market data: openadr DOWN since"), Duration.ofSeconds(30));
        long shownDown = System.nanoTime();
        assertEquals(200, degraded.statusCode(), "a feed outage never makes the node not ready: " + degraded.body());
        assertTrue(degraded.body().startsWith("ready\n"), degraded.body());
        HttpResponse<String> raised = await(base + "/api/events?types=ALERT&batteries=openadr",
            r -> r.body().contains("RAISED"), Duration.ofSeconds(10));
        assertTrue(raised.body().contains("FEED_OUTAGE"), raised.body());
        // and a page that connects now finds it in the active set
        await(base + "/api/alerts/active", r -> r.statusCode() == 200
            && r.body().contains("\"rule\":\"FEED_OUTAGE\",\"subject\":\"openadr\""), Duration.ofSeconds(10));
        // trading goes on during the outage
        awaitTrades(h2, tradesBefore + 1, Duration.ofSeconds(60));
        assertEquals(200, get(base + "/health/ready").statusCode());

        vtn.restart();
        long restarted = System.nanoTime();
        await(base + "/health/ready", r -> r.statusCode() == 200 && r.body().contains("market data: openadr up since"),
            Duration.ofSeconds(30));
        long shownUp = System.nanoTime();
        System.out.printf("VTN stopped -> /health/ready shows DOWN: %d ms; restarted -> shows up: %d ms"
            + " (poll interval 500 ms, backoff 100..500 ms, breaker reset 500 ms)%n",
            (shownDown - stopped) / 1_000_000, (shownUp - restarted) / 1_000_000);
        await(base + "/api/events?types=ALERT&batteries=openadr", r -> r.body().contains("CLEARED"),
            Duration.ofSeconds(10));
        await(base + "/api/alerts/active", r -> r.statusCode() == 200 && !r.body().contains("FEED_OUTAGE"),
            Duration.ofSeconds(10));
      } finally {
        node.terminate();
        node.getWhenTerminated().toCompletableFuture().get(60, java.util.concurrent.TimeUnit.SECONDS);
      }
    }
  }

  private HttpResponse<String> get(String url) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> await(String url, Predicate<HttpResponse<String>> done, Duration within)
      throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    HttpResponse<String> last = null;
    while (System.nanoTime() < deadline) {
      try {
        last = get(url);
        if (done.test(last)) return last;
      } catch (java.io.IOException notYetBound) {
        last = null;
      }
      Thread.sleep(200);
    }
    throw new AssertionError(url + " did not answer as expected within " + within + "; last: "
        + (last == null ? "no answer" : last.statusCode() + " " + last.body()));
  }

  private static int awaitTrades(String h2, int atLeast, Duration within) throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    int trades = 0;
    while (System.nanoTime() < deadline) {
      trades = confirmedTrades(h2);
      if (trades >= atLeast) return trades;
      Thread.sleep(250);
    }
    throw new AssertionError("confirmed trades " + trades + " < " + atLeast + " within " + within);
  }

  private static int confirmedTrades(String h2) throws Exception {
    try (Connection c = DriverManager.getConnection(h2, "sa", "");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(
            "SELECT count(*) FROM \"event_journal\" WHERE \"event_ser_manifest\" = 'TradeConfirmed'")) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
