package io.etp.fleet;

import static org.junit.jupiter.api.Assertions.*;

import com.typesafe.config.ConfigFactory;
import io.etp.aggregator.Aggregator;
import io.etp.battery.Battery;
import io.etp.battery.BatterySettings;
import io.etp.battery.InMemoryBidAuditSink;
import io.etp.trading.TradingCore;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.persistence.testkit.PersistenceTestKitPlugin;
import org.apache.pekko.persistence.testkit.PersistenceTestKitSnapshotPlugin;
import org.apache.pekko.persistence.testkit.javadsl.PersistenceTestKit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The fleet on a restart: while one battery twin is still coming up (replaying its journal), no auction opens
 * anywhere, so no confirm deadline runs while recoveries hold the journal and the CPU; once every twin is up,
 * trading starts.
 */
@ExtendWith(TestKitJUnit5Extension.class)
@ExtendWith(LogCapturingExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FleetRecoveryTest {

  private static final String SLOW = Fleet.batteryId(3);

  @JUnit5TestKit
  ActorTestKit testKit = new JUnit5TestKitBuilder().withCustomConfig(ConfigFactory.parseString("""
          pekko.actor.provider = cluster
          pekko.remote.artery.canonical.hostname = 127.0.0.1
          pekko.remote.artery.canonical.port = 0
          pekko.cluster.jmx.multi-mbeans-in-same-jvm = on
          pekko.actor.testkit.typed.system-shutdown-default = 60s
          etp.battery.auction.window = 500ms
          """)
      .withFallback(PersistenceTestKitPlugin.getInstance().config())
      .withFallback(PersistenceTestKitSnapshotPlugin.config())
      .withFallback(ConfigFactory.load()))
      .build();

  @Test
  void opensNoAuctionWhileABatteryTwinIsStillRecovering() throws Exception {
    Cluster cluster = Cluster.get(testKit.system());
    cluster.manager().tell(Join.create(cluster.selfMember().address()));
    TestProbe<Object> probe = testKit.createTestProbe();
    probe.awaitAssert(Duration.ofSeconds(10), () -> {
      assertEquals(MemberStatus.up(), cluster.selfMember().status());
      return null;
    });
    // battery 3's twin takes until the test lets it go to come up, as a long journal replay does; the others at once.
    // Registered before TradingCore.init, so sharding keeps this factory for the Battery entity type.
    CountDownLatch recovered = new CountDownLatch(1);
    AtomicReference<TradingCore> coreRef = new AtomicReference<>();
    ClusterSharding sharding = ClusterSharding.get(testKit.system());
    BatterySettings batterySettings =
        BatterySettings.fromConfig(testKit.system().settings().config().getConfig("etp"));
    sharding.init(Entity.of(Battery.ENTITY_KEY, ctx -> Behaviors.setup(setup -> {
      if (ctx.getEntityId().equals(SLOW)) {
        recovered.await(30, TimeUnit.SECONDS);
      }
      TradingCore c = coreRef.get();
      return Battery.create(ctx.getEntityId(), new Battery.Dependencies(batterySettings, Clock.systemUTC(),
          Aggregator.outbox(sharding), new InMemoryBidAuditSink(1_000), c.directory(), c.telemetry()));
    })));
    TradingCore core = TradingCore.init(testKit.system());
    coreRef.set(core);
    PersistenceTestKit journal = PersistenceTestKit.create(testKit.system());
    FleetSettings settings = new FleetSettings(4, 2, Duration.ofSeconds(3), true, 13.5, 50, 1_000_000,
        1_000_000_000, 15.0, 19.0, Duration.ofSeconds(30));
    testKit.spawn(Fleet.create(core, settings, Clock.systemUTC()), "fleet");

    // the other batteries recover at once; aggregators that were up would have bid on them within a query round
    long holdUntil = System.nanoTime() + Duration.ofSeconds(8).toNanos();
    while (System.nanoTime() < holdUntil) {
      for (int i = 1; i <= settings.batteries(); i++) {
        String persistenceId = "Battery|" + Fleet.batteryId(i);
        if (!Fleet.batteryId(i).equals(SLOW)) {
          assertTrue(journal.persistedInStorage(persistenceId).stream()
                  .noneMatch(e -> e instanceof Battery.AuctionOpened),
              persistenceId + " opened an auction while " + SLOW + " was still recovering");
        }
      }
      Thread.sleep(100);
    }

    recovered.countDown();
    probe.awaitAssert(Duration.ofSeconds(30), Duration.ofMillis(200), () -> {
      for (int i = 1; i <= settings.batteries(); i++) {
        String persistenceId = "Battery|" + Fleet.batteryId(i);
        assertTrue(journal.persistedInStorage(persistenceId).stream()
                .anyMatch(e -> e instanceof Battery.TradeConfirmed),
            persistenceId + " has traded once every twin recovered");
      }
      return null;
    });
  }
}
