package io.etp.legacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.etp.node.Node;
import io.etp.persistence.SchemaMigrations;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node as an operator runs it (embedded default: H2 file journal, one-node cluster, simulated aggregators), with
 * a legacy battery configured in {@code etp.edge.legacy.devices}: one of our aggregator twins buys from it, the trade
 * is confirmed in the twin's journal and on the device, at or above the device's own reserve (which the prototype
 * never discloses), and the node's /metrics counts it.
 */
class LegacyDeviceNodeIntegrationTest {

  private static final double DEVICE_RESERVE = 14.5;

  @Test
  void ourAggregatorTwinBuysFromAConfiguredLegacyDevice(@TempDir Path dir) throws Exception {
    int httpPort;
    try (ServerSocket free = new ServerSocket(0)) {
      httpPort = free.getLocalPort();
    }
    try (GoLikeBattery device = new GoLikeBattery(50, 13.5, 50.0, DEVICE_RESERVE)) {
      String batteryId = "bess-legacy-127.0.0.1-" + device.port();
      String h2 = "jdbc:h2:file:" + dir.resolve("etp") + ";DATABASE_TO_UPPER=false";
      Config config = ConfigFactory.parseString("""
              etp.http.port = %d
              pekko.remote.artery.canonical.port = 0
              pekko.coordinated-shutdown.exit-jvm = off
              pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off
              pekko-persistence-jdbc.shared-databases.slick.db.url = "%s"
              etp.edge.tcp.port = 0
              etp.fleet.batteries = 0
              etp.fleet.aggregators = 2
              etp.edge.legacy.devices = ["127.0.0.1:%d"]
              etp.edge.legacy.device-poll-interval = 500ms
              """.formatted(httpPort, h2, device.port()))
          .withFallback(ConfigFactory.load())
          .resolve();
      SchemaMigrations.migrate(config);
      ActorSystem<Void> node = ActorSystem.create(Node.create(), "etp", config);
      try {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        int trades = 0;
        while (System.nanoTime() < deadline && (trades == 0 || device.confirms.isEmpty())) {
          Thread.sleep(250);
          trades = confirmedTrades(h2, "Battery|" + batteryId);
        }
        assertTrue(trades >= 1, "a TradeConfirmed in the legacy twin's journal");
        assertTrue(device.confirms.size() >= 1, "the trade relayed to the device: " + device.received);
        GoLikeBattery.Confirm confirm = device.confirms.get(0);
        assertTrue(confirm.bidPrice() >= DEVICE_RESERVE, "at or above the device's reserve: " + confirm);
        assertTrue(confirm.percentage() > 0 && confirm.percentage() <= 50.0 + 1e-9, "a share of its 50 %: " + confirm);
        assertTrue(device.percentageForSale < 50.0, "the device sold what the twin sold");
        assertTrue(device.received.stream().noneMatch(m -> m.startsWith("5 ")
            && Double.parseDouble(m.split(" ")[4]) < DEVICE_RESERVE), "nothing confirmed below the reserve");

        HttpClient http = HttpClient.newHttpClient();
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        String body = "";
        while (System.nanoTime() < until && metric(body, "etp_edge_legacy_device_trades_total") < 1) {
          Thread.sleep(250);
          body = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/metrics")).build(),
              HttpResponse.BodyHandlers.ofString()).body();
        }
        assertTrue(metric(body, "etp_edge_legacy_device_trades_total") >= 1, "the node's /metrics counts it");
        assertTrue(metric(body, "etp_edge_legacy_device_queries_total") >= 1);
        assertTrue(body.contains("etp_edge_legacy_device_relay_failed_total 0.0"), "no relay failed");
      } finally {
        node.terminate();
        node.getWhenTerminated().toCompletableFuture().get(60, TimeUnit.SECONDS);
      }
    }
  }

  /** The value of an untagged metric in the Prometheus text, -1 when absent. */
  private static double metric(String body, String name) {
    return body.lines().filter(l -> l.startsWith(name + " ")).mapToDouble(l -> Double.parseDouble(l.substring(
        name.length() + 1).trim())).findFirst().orElse(-1);
  }

  private static int confirmedTrades(String h2, String persistenceId) throws Exception {
    try (Connection c = DriverManager.getConnection(h2, "sa", "");
        PreparedStatement s = c.prepareStatement("SELECT count(*) FROM \"event_journal\" WHERE "
            + "\"event_ser_manifest\" = 'TradeConfirmed' AND \"persistence_id\" = ?")) {
      s.setString(1, persistenceId);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }
}
