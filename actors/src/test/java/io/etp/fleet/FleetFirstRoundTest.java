package io.etp.fleet;

import static org.junit.jupiter.api.Assertions.*;

import com.typesafe.config.ConfigFactory;
import io.etp.trading.TradingCore;
import java.time.Clock;
import java.time.Duration;
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

/**
 * The fleet's first round of offers takes turns like every later round: after a (re)start the node is handed one
 * slot's batteries per tick, not every battery's auction at once (the cause of the confirm-deadline misses right
 * after a restart, docs/benchmarks.md "Restart"). Ten batteries over 60 s: one every 6 s. The assertions only ever
 * say "not yet" about a battery due tens of seconds later, so a loaded machine (which delays the fleet) cannot
 * break them.
 */
@ExtendWith(TestKitJUnit5Extension.class)
@ExtendWith(LogCapturingExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FleetFirstRoundTest {

  @JUnit5TestKit
  ActorTestKit testKit = new JUnit5TestKitBuilder().withCustomConfig(ConfigFactory.parseString("""
          pekko.actor.provider = cluster
          pekko.remote.artery.canonical.hostname = 127.0.0.1
          pekko.remote.artery.canonical.port = 0
          pekko.cluster.jmx.multi-mbeans-in-same-jvm = on
          pekko.actor.testkit.typed.system-shutdown-default = 60s
          """)
      .withFallback(PersistenceTestKitPlugin.getInstance().config())
      .withFallback(PersistenceTestKitSnapshotPlugin.config())
      .withFallback(ConfigFactory.load()))
      .build();

  @Test
  void theFirstOffersAfterAStartTakeTurnsOverTheInterval() throws Exception {
    Cluster cluster = Cluster.get(testKit.system());
    cluster.manager().tell(Join.create(cluster.selfMember().address()));
    TestProbe<Object> probe = testKit.createTestProbe();
    probe.awaitAssert(Duration.ofSeconds(10), () -> {
      assertEquals(MemberStatus.up(), cluster.selfMember().status());
      return null;
    });
    TradingCore core = TradingCore.init(testKit.system());
    FleetSettings settings = new FleetSettings(10, 0, Duration.ofSeconds(60), true, 13.5, 50, 1_000_000,
        1_000_000_000, 15.0, 19.0);
    testKit.spawn(Fleet.create(core, settings, Clock.systemUTC()), "first-round-fleet");

    probe.awaitAssert(Duration.ofSeconds(60), Duration.ofMillis(200), () -> {
      assertTrue(registered(core, 1), "battery 1 offers at once");
      return null;
    });
    assertFalse(registered(core, 10), "battery 10 is due 54 s after battery 1, not with it");
    probe.awaitAssert(Duration.ofSeconds(60), Duration.ofMillis(200), () -> {
      assertTrue(registered(core, 2), "battery 2 offers one tick (6 s) later");
      return null;
    });
    assertFalse(registered(core, 10), "battery 10 is due 48 s after battery 2");
  }

  private static boolean registered(TradingCore core, int i) throws Exception {
    return FleetTest.status(core, Fleet.batteryId(i)).state().spec().capacityKwh() > 0;
  }
}
