package io.etp.fleet;

import static org.junit.jupiter.api.Assertions.*;

import com.typesafe.config.ConfigFactory;
import io.etp.auction.AuctionOutcome;
import io.etp.auction.Mechanism;
import io.etp.battery.Battery;
import io.etp.trading.TradingCore;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.persistence.testkit.PersistenceTestKitPlugin;
import org.apache.pekko.persistence.testkit.PersistenceTestKitSnapshotPlugin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** The simulated fleet, started through {@link TradingCore#init}, keeps auctions of both mechanisms trading. */
@ExtendWith(TestKitJUnit5Extension.class)
@ExtendWith(LogCapturingExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FleetTest {

  @JUnit5TestKit
  ActorTestKit testKit = new JUnit5TestKitBuilder().withCustomConfig(ConfigFactory.parseString("""
          pekko.actor.provider = cluster
          pekko.remote.artery.canonical.hostname = 127.0.0.1
          pekko.remote.artery.canonical.port = 0
          pekko.cluster.jmx.multi-mbeans-in-same-jvm = on
          # leaving the cluster and handing off shards can take longer than 10 s on a busy shared machine
          pekko.actor.testkit.typed.system-shutdown-default = 60s
          etp.battery.auction.window = 1s
          etp.fleet.reoffer-interval = 3s
          """)
      .withFallback(PersistenceTestKitPlugin.getInstance().config())
      .withFallback(PersistenceTestKitSnapshotPlugin.config())
      .withFallback(ConfigFactory.load()))
      .build();

  private TradingCore core;

  /** The one trading core of this test kit's system (it can be initialised once), on an Up one-node cluster. */
  private synchronized TradingCore core() {
    if (core == null) {
      Cluster cluster = Cluster.get(testKit.system());
      cluster.manager().tell(Join.create(cluster.selfMember().address()));
      testKit.createTestProbe().awaitAssert(Duration.ofSeconds(10), () -> {
        assertEquals(MemberStatus.up(), cluster.selfMember().status());
        return null;
      });
      core = TradingCore.init(testKit.system());
    }
    return core;
  }

  @Test
  void fleetStopsWhenTheNodeStops() {
    TestProbe<Object> probe = testKit.createTestProbe();
    TradingCore core = core();
    FleetSettings settings = new FleetSettings(2, 1, Duration.ofSeconds(3), true, 13.5, 50, 1_000_000, 1_000_000_000,
        15.0, 19.0);
    var fleet = testKit.spawn(Fleet.create(core, settings, Clock.systemUTC()), "stopping-fleet");
    fleet.tell(Fleet.Stop.INSTANCE);
    probe.expectTerminated(fleet, Duration.ofSeconds(5));
  }

  @Test
  void fleetKeepsAuctionsOfBothMechanismsTrading() {
    TestProbe<Object> probe = testKit.createTestProbe();
    TradingCore core = core();
    FleetSettings settings = new FleetSettings(6, 3, Duration.ofSeconds(3), true, 13.5, 50, 1_000_000, 1_000_000_000,
        15.0, 19.0);
    testKit.spawn(Fleet.create(core, settings, Clock.systemUTC()), "fleet");

    Set<Mechanism> traded = new HashSet<>();
    probe.awaitAssert(Duration.ofSeconds(40), Duration.ofMillis(500), () -> {
      for (int i = 1; i <= settings.batteries(); i++) {
        AuctionOutcome o = status(core, Fleet.batteryId(i)).state().lastOutcome().orElseThrow();
        if (o.traded()) {
          traded.add(o.mechanism());
          assertTrue(o.clearingPriceCPerKwh().compareTo(o.reservePriceCPerKwh()) >= 0, o.summary());
          assertTrue(o.summary().contains("winner=agg-"), o.summary());
        }
      }
      assertEquals(Set.of(Mechanism.values()), traded);
      return null;
    });
    // recharging re-offers the energy: batteries trade again
    probe.awaitAssert(Duration.ofSeconds(40), Duration.ofMillis(500), () -> {
      assertTrue(status(core, Fleet.batteryId(1)).state().auctionsOpened() >= 2);
      return null;
    });
  }

  static Battery.BatteryStatus status(TradingCore core, String batteryId) throws Exception {
    return core.battery(batteryId).<Battery.BatteryStatus>ask(Battery.GetStatus::new, Duration.ofSeconds(5))
        .toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
