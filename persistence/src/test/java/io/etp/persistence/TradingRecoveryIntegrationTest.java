package io.etp.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.etp.battery.Battery;
import io.etp.battery.TradingRecord;
import io.etp.fleet.Fleet;
import io.etp.fleet.FleetSettings;
import io.etp.trading.TradingCore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.serialization.SerializationExtension;
import org.junit.jupiter.api.Test;

/**
 * A node on PostgreSQL is stopped in the middle of continuous auctions and started again on the same journal:
 * every confirmed trade is still there, the recovered twins agree with the journal, and trading goes on without
 * any lot being sold twice.
 */
class TradingRecoveryIntegrationTest {

  private static final int BATTERIES = 6;
  private static final Duration PATIENCE = Duration.ofSeconds(120);

  /** A trade as the journal holds it. */
  record JournalTrade(String persistenceId, long sequenceNr, String auctionId, String aggregatorId,
      io.etp.money.EnergyKwh energyKwh, io.etp.money.PriceCPerKwh priceCPerKwh) {}

  @Test
  void confirmedTradesSurviveARestartMidRunAndNoneIsDoubled() throws Exception {
    String url = TestDatabases.freshPostgresSchema("recovery");
    Config config = nodeConfig(url);
    SchemaMigrations.migrate(config);

    // first life: trade until a dozen trades are confirmed, then stop while auctions are still running
    ActorSystem<Void> first = startNode(config, true);
    awaitTradeCount(url, 12);
    first.terminate();
    first.getWhenTerminated().toCompletableFuture().get(60, TimeUnit.SECONDS);

    // second life on the same journal
    ActorSystem<Void> second = startNode(config, false);
    try {
      List<JournalTrade> beforeRestart = journalTrades(url, second);
      assertTrue(beforeRestart.size() >= 12, "trades confirmed before the stop: " + beforeRestart.size());
      assertNoLotSoldTwice(beforeRestart);

      TradingCore core = TradingCore.init(second);
      for (int i = 1; i <= BATTERIES; i++) {
        String batteryId = Fleet.batteryId(i);
        Battery.BatteryStatus status = core.battery(batteryId)
            .<Battery.BatteryStatus>ask(Battery.GetStatus::new, Duration.ofSeconds(20))
            .toCompletableFuture().get(30, TimeUnit.SECONDS);
        long recovered = status.state().records().values().stream().mapToLong(TradingRecord::confirmed).sum();
        long journaled = beforeRestart.stream().filter(t -> t.persistenceId().equals("Battery|" + batteryId)).count();
        assertEquals(journaled, recovered, batteryId + ": confirmed trades in the recovered twin vs the journal");
      }

      // trading resumes on the recovered twins: more trades, earlier ones untouched, still no lot sold twice
      second.systemActorOf(Fleet.create(core, FleetSettings.fromConfig(config.getConfig("etp")), Clock.systemUTC()),
          "fleet", Props.empty());
      awaitTradeCount(url, beforeRestart.size() + BATTERIES);
      List<JournalTrade> afterRestart = journalTrades(url, second);
      assertTrue(afterRestart.containsAll(beforeRestart), "every trade confirmed before the stop is still journaled");
      assertNoLotSoldTwice(afterRestart);
    } finally {
      second.terminate();
      second.getWhenTerminated().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }
  }

  private static void assertNoLotSoldTwice(List<JournalTrade> trades) {
    Set<String> auctions = new HashSet<>();
    for (JournalTrade t : trades) {
      assertTrue(auctions.add(t.auctionId()), "auction " + t.auctionId() + " has more than one confirmed trade");
    }
  }

  private static Config nodeConfig(String url) {
    return ConfigFactory.parseString("""
            pekko.remote.artery.canonical.port = 0
            pekko.coordinated-shutdown.exit-jvm = off
            pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off
            etp.battery.snapshot-every = 4
            etp.battery.auction.window = 300ms
            etp.fleet.batteries = %d
            etp.fleet.aggregators = 3
            etp.fleet.reoffer-interval = 1s
            """.formatted(BATTERIES))
        .withFallback(TestDatabases.postgresNodeConfig(url));
  }

  private static ActorSystem<Void> startNode(Config config, boolean withFleet) throws Exception {
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "recovery", config);
    Cluster cluster = Cluster.get(system);
    cluster.manager().tell(Join.create(cluster.selfMember().address()));
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (cluster.selfMember().status() != MemberStatus.up()) {
      assertTrue(System.nanoTime() < deadline, "node did not join its own cluster");
      Thread.sleep(50);
    }
    if (withFleet) {
      TradingCore core = TradingCore.init(system);
      system.systemActorOf(Fleet.create(core, FleetSettings.fromConfig(config.getConfig("etp")), Clock.systemUTC()),
          "fleet", Props.empty());
    }
    return system;
  }

  private static void awaitTradeCount(String url, int atLeast) throws Exception {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    int count = 0;
    while (System.nanoTime() < deadline) {
      try (Connection c = DriverManager.getConnection(url, TestDatabases.USER, TestDatabases.PASSWORD);
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery(
              "SELECT count(*) FROM event_journal WHERE event_ser_manifest = 'TradeConfirmed'")) {
        rs.next();
        count = rs.getInt(1);
      }
      if (count >= atLeast) {
        return;
      }
      Thread.sleep(250);
    }
    throw new AssertionError("only " + count + " trades confirmed within " + PATIENCE + ", expected " + atLeast);
  }

  /** Reads every journaled TradeConfirmed and decodes it with the node's own serializers. */
  private static List<JournalTrade> journalTrades(String url, ActorSystem<?> system) throws Exception {
    var serialization = SerializationExtension.get(system);
    List<JournalTrade> trades = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(url, TestDatabases.USER, TestDatabases.PASSWORD);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT persistence_id, sequence_number, event_ser_id, event_ser_manifest,"
            + " event_payload FROM event_journal WHERE event_ser_manifest = 'TradeConfirmed' ORDER BY ordering")) {
      while (rs.next()) {
        Object event = serialization.deserialize(rs.getBytes(5), rs.getInt(3), rs.getString(4)).get();
        Battery.TradeConfirmed trade = (Battery.TradeConfirmed) event;
        trades.add(new JournalTrade(rs.getString(1), rs.getLong(2), trade.auctionId(), trade.aggregatorId(),
            trade.energyKwh(), trade.priceCPerKwh()));
      }
    }
    return trades;
  }
}
