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
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node as the README runs it, on the embedded default: H2 file journal, one-node cluster, the simulated fleet.
 * It must become ready and clear auctions, with confirmed trades in its journal (30 s is the product's promise;
 * the test allows 90 s, as CI shares two cores with everything else).
 */
class NodeSmokeTest {

  @Test
  void embeddedDefaultNodeBecomesReadyAndClearsAuctions(@TempDir Path dir) throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    String h2 = "jdbc:h2:file:" + dir.resolve("etp") + ";DATABASE_TO_UPPER=false";
    Config config = ConfigFactory.parseString("""
            etp.http.port = %d
            pekko.remote.artery.canonical.port = 0
            pekko.coordinated-shutdown.exit-jvm = off
            pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off
            pekko-persistence-jdbc.shared-databases.slick.db.url = "%s"
            etp.fleet.batteries = 10
            etp.fleet.aggregators = 3
            """.formatted(port, h2))
        .withFallback(ConfigFactory.load())
        .resolve();
    SchemaMigrations.migrate(config);
    ActorSystem<Void> node = ActorSystem.create(Node.create(), "etp", config);
    try {
      HttpClient http = HttpClient.newHttpClient();
      long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
      int ready = 0;
      int trades = 0;
      while (System.nanoTime() < deadline && (ready != 200 || trades == 0)) {
        Thread.sleep(250);
        try {
          ready = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready")).build(),
              HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.io.IOException notYetBound) {
          ready = 0;
        }
        trades = confirmedTrades(h2);
      }
      assertEquals(200, ready, "/health/ready");
      assertTrue(trades > 0, "the simulated fleet confirmed trades");
      HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + port + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, metrics.statusCode(), "/metrics from loopback");
      assertTrue(metrics.body().contains("etp_message_handled_total{type=\"BID\"}")
          && metrics.body().contains("etp_trades_per_minute"), metrics.body());

      // the read-model projection on H2 serves the confirmed trades as history
      String history = "";
      while (System.nanoTime() < deadline + Duration.ofSeconds(30).toNanos() && !history.contains("\"auction_id\"")) {
        Thread.sleep(250);
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + port + "/api/trades/history?limit=5")).build(),
            HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode(), page.body());
        history = page.body();
      }
      assertTrue(history.contains("\"auction_id\""), "projected trades in /api/trades/history: " + history);
    } finally {
      node.terminate();
      node.getWhenTerminated().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }
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
