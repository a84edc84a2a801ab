package io.etp.readmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.etp.battery.Battery;
import io.etp.fleet.Fleet;
import io.etp.fleet.FleetSettings;
import io.etp.persistence.SchemaMigrations;
import io.etp.persistence.TestDatabases;
import io.etp.trading.TradingCore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.junit.jupiter.api.Test;

/**
 * The read-model projection on PostgreSQL, fed by real twins trading through the journal: every journaled trade and
 * auction appears as one row; after a restart the projection resumes from its stored offsets (it handles exactly the
 * events journaled after them, not the journal from the start) and no row is doubled.
 */
class ReadModelProjectionIntegrationTest {

  private static final Duration PATIENCE = Duration.ofSeconds(120);

  @Test
  void rowsMatchTheJournalAndARestartResumesFromTheStoredOffsets() throws Exception {
    String url = TestDatabases.freshPostgresSchema("projection");
    Config config = nodeConfig(url);
    SchemaMigrations.migrate(config);

    // first life: the simulated fleet trades while the projection writes the read tables
    AtomicLong firstProcessed = new AtomicLong();
    ActorSystem<Void> first = startNode(config);
    HikariDataSource firstPool = pool(url);
    try {
      TradingCore core = TradingCore.init(first);
      first.systemActorOf(Fleet.create(core, FleetSettings.fromConfig(config.getConfig("etp")), Clock.systemUTC()),
          "fleet", Props.empty());
      ReadModelProjection.init(first, firstPool, settings(), firstProcessed);
      await("10 trades projected", () -> count(url, "SELECT count(*) FROM trades") >= 10);
    } finally {
      first.terminate();
      first.getWhenTerminated().toCompletableFuture().get(60, TimeUnit.SECONDS);
      firstPool.close();
    }
    assertTrue(firstProcessed.get() > 0);
    Map<String, Long> storedOffsets = storedOffsets(url);
    assertEquals(Battery.TAGS.size(), storedOffsets.size(), "one offset per battery tag: " + storedOffsets);

    // events journaled after the stored offsets: exactly what the second life must handle
    long unprojected = 0;
    long journaled = 0;
    for (String tag : Battery.TAGS) {
      unprojected += count(url, "SELECT count(*) FROM event_tag WHERE tag = '" + tag + "' AND event_id > "
          + storedOffsets.get(tag));
      journaled += count(url, "SELECT count(*) FROM event_tag WHERE tag = '" + tag + "'");
    }
    assertTrue(unprojected < journaled, "the first life projected part of the journal");

    // second life: no fleet, so the journal stays as it is; the projection resumes and catches up
    AtomicLong secondProcessed = new AtomicLong();
    ActorSystem<Void> second = startNode(config);
    HikariDataSource secondPool = pool(url);
    try {
      ReadModelProjection.init(second, secondPool, settings(), secondProcessed);
      await("offsets at the journal's end", () -> {
        Map<String, Long> offsets = storedOffsets(url);
        return Battery.TAGS.stream().allMatch(tag -> offsets.getOrDefault(tag, 0L)
            .equals(count(url, "SELECT COALESCE(MAX(event_id), 0) FROM event_tag WHERE tag = '" + tag + "'")));
      });
      Thread.sleep(1000); // a projection that replayed from 0 would keep counting past the journal's end
      assertEquals(unprojected, secondProcessed.get(),
          "the second life handled only the events after the stored offsets (journal holds " + journaled + ")");

      long journalTrades = count(url,
          "SELECT count(*) FROM event_journal WHERE event_ser_manifest = 'TradeConfirmed'");
      long journalAuctions = count(url,
          "SELECT count(*) FROM event_journal WHERE event_ser_manifest = 'AuctionOpened'");
      assertEquals(journalTrades, count(url, "SELECT count(*) FROM trades"), "one trade row per journaled trade");
      assertEquals(journalAuctions, count(url, "SELECT count(*) FROM auctions"), "one row per journaled auction");
      assertEquals(journalTrades, count(url, "SELECT count(*) FROM auctions a JOIN trades t"
          + " ON t.auction_id = a.auction_id WHERE t.aggregator_id = a.winner_id AND a.status = 'COMPLETED'"
          + " AND t.battery_id = a.battery_id"), "every trade's auction is completed with its buyer as winner");
      assertEquals(journalTrades, count(url, "SELECT count(*) FROM bids WHERE status = 'CONFIRMED'"));
      assertEquals(count(url, "SELECT count(*) FROM event_journal WHERE event_ser_manifest = 'Registered'"),
          count(url, "SELECT count(*) FROM battery_telemetry WHERE kind = 'REGISTERED'"));
    } finally {
      second.terminate();
      second.getWhenTerminated().toCompletableFuture().get(60, TimeUnit.SECONDS);
      secondPool.close();
    }
  }

  private static ReadModelSettings settings() {
    return new ReadModelSettings(true, 50, Duration.ofMillis(100), 4);
  }

  private static Config nodeConfig(String url) {
    return ConfigFactory.parseString("""
            pekko.remote.artery.canonical.port = 0
            pekko.coordinated-shutdown.exit-jvm = off
            pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off
            etp.battery.auction.window = 300ms
            etp.fleet.batteries = 6
            etp.fleet.aggregators = 3
            etp.fleet.reoffer-interval = 1s
            """)
        .withFallback(TestDatabases.postgresNodeConfig(url));
  }

  private static ActorSystem<Void> startNode(Config config) throws Exception {
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "projection", config);
    Cluster cluster = Cluster.get(system);
    cluster.manager().tell(Join.create(cluster.selfMember().address()));
    await("node up", () -> cluster.selfMember().status() == MemberStatus.up());
    return system;
  }

  private static HikariDataSource pool(String url) {
    HikariConfig c = new HikariConfig();
    c.setJdbcUrl(url);
    c.setUsername(TestDatabases.USER);
    c.setPassword(TestDatabases.PASSWORD);
    c.setMaximumPoolSize(4);
    return new HikariDataSource(c);
  }

  private static Map<String, Long> storedOffsets(String url) {
    Map<String, Long> offsets = new HashMap<>();
    try (Connection c = DriverManager.getConnection(url, TestDatabases.USER, TestDatabases.PASSWORD);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT projection_key, current_offset, manifest"
            + " FROM pekko_projection_offset_store WHERE projection_name = '" + ReadModelProjection.NAME + "'")) {
      while (rs.next()) {
        assertEquals("SEQ", rs.getString(3));
        offsets.put(rs.getString(1), Long.parseLong(rs.getString(2)));
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
    return offsets;
  }

  private static long count(String url, String sql) {
    try (Connection c = DriverManager.getConnection(url, TestDatabases.USER, TestDatabases.PASSWORD);
        Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "timed out waiting for: " + what);
      Thread.sleep(200);
    }
  }
}
