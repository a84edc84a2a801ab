package io.etp.fleet;

import static org.junit.jupiter.api.Assertions.*;

import com.typesafe.config.ConfigFactory;
import io.etp.auction.Envelopes;
import io.etp.battery.Battery;
import io.etp.protocol.v1.BatteryHealth;
import io.etp.protocol.v1.MessageType;
import io.etp.protocol.v1.PeerRole;
import io.etp.trading.TradingCore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

/**
 * The simulated fleet charges and discharges by its {@link SimulatedBatteryPlan}: a battery's state of charge (what
 * its twin holds once its sold trades are delivered) rises and falls within two simulated hours.
 */
@ExtendWith(TestKitJUnit5Extension.class)
@ExtendWith(LogCapturingExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FleetPlanTest {

  @JUnit5TestKit
  ActorTestKit testKit = new JUnit5TestKitBuilder().withCustomConfig(ConfigFactory.parseString("""
          pekko.actor.provider = cluster
          pekko.remote.artery.canonical.hostname = 127.0.0.1
          pekko.remote.artery.canonical.port = 0
          pekko.cluster.jmx.multi-mbeans-in-same-jvm = on
          pekko.actor.testkit.typed.system-shutdown-default = 60s
          etp.battery.auction.window = 1s
          """)
      .withFallback(PersistenceTestKitPlugin.getInstance().config())
      .withFallback(PersistenceTestKitSnapshotPlugin.config())
      .withFallback(ConfigFactory.load()))
      .build();

  @Test
  void aSimulatedBatteryChargesThenSellsWithinTwoSimulatedHours() throws Exception {
    Cluster cluster = Cluster.get(testKit.system());
    cluster.manager().tell(Join.create(cluster.selfMember().address()));
    TestProbe<Object> probe = testKit.createTestProbe();
    probe.awaitAssert(Duration.ofSeconds(10), () -> {
      assertEquals(MemberStatus.up(), cluster.selfMember().status());
      return null;
    });
    TradingCore core = TradingCore.init(testKit.system());
    // bess-1 is nearly empty when the fleet starts (as a device that has discharged would register)
    String id = Fleet.batteryId(1);
    core.toBattery(new Envelopes(id, PeerRole.PEER_ROLE_BATTERY, Clock.systemUTC()).to(id, MessageType.REGISTER, "")
        .setEnergyTotalKwh(13.5).setRemainingEnergyKwh(2.0).setPercentageForSale(0.0)
        .setBatteryHealth(BatteryHealth.BATTERY_HEALTH_GOOD).setBatteryVoltageV(400.0).build());
    probe.awaitAssert(Duration.ofSeconds(10), Duration.ofMillis(100), () -> {
      assertEquals(2.0, FleetTest.status(core, id).state().spec().remainingKwh(), 1e-9);
      return null;
    });

    // one simulated hour per 2 s re-offer: battery 1's simulated day starts at 00:00, a charging hour
    FleetSettings settings = new FleetSettings(1, 1, Duration.ofSeconds(2), true, 13.5, 50, 1_000_000, 1_000_000_000,
        15.0, 19.0, Duration.ofSeconds(30), Duration.ofHours(1));
    long started = System.nanoTime();
    testKit.spawn(Fleet.create(core, settings, Clock.systemUTC()), "planned-fleet");

    // watch three re-offers (three simulated hours): the state of charge the twin reports at each change
    List<Double> seen = new ArrayList<>();
    long risenMs = -1;
    long fellMs = -1;
    while (System.nanoTime() - started < 6_500_000_000L) {
      double kwh = FleetTest.status(core, id).state().spec().remainingKwh();
      long at = (System.nanoTime() - started) / 1_000_000;
      if (seen.isEmpty() || seen.get(seen.size() - 1) != kwh) {
        if (!seen.isEmpty() && kwh > seen.get(seen.size() - 1) && risenMs < 0) risenMs = at;
        if (!seen.isEmpty() && kwh < seen.get(seen.size() - 1) && risenMs >= 0 && fellMs < 0) fellMs = at;
        seen.add(kwh);
      }
      Thread.sleep(50);
    }
    // charged at 00:00 (200 kW for a simulated hour fills it, the 90 % efficiency counted), then sold: it rose, then
    // fell, within two simulated hours (4 s) of the fleet starting, recovery included
    assertTrue(risenMs >= 0 && fellMs >= 0 && fellMs <= 4_000, "rose at " + risenMs + " ms, fell at " + fellMs
        + " ms: " + seen);
    assertEquals(13.5, seen.get(1), 1e-9, "charged to capacity first: " + seen);
    // the energy sold is not delivered before its period ends (15 min), so the battery has no room to charge and
    // its next re-offers register what it has: it never jumps back to full, as a fleet that re-registered fully
    // charged did
    int fell = seen.indexOf(13.5) + 1;
    assertTrue(seen.subList(fell, seen.size()).stream().allMatch(e -> e < 13.5), "back to full after a sale: " + seen);
    // hours 00:00-02:00 are charging hours: the battery keeps its reserve (minimum 0 + half the usable 13.5 kWh) for
    // the dear hours and sells only above it (a fleet that offered its fixed 50 % at every re-offer kept selling)
    assertTrue(seen.subList(1, seen.size()).stream().allMatch(e -> e >= 6.75), "kept the 6.75 kWh reserve: " + seen);
    Battery.State state = FleetTest.status(core, id).state();
    double soldKwh = state.schedule().pending().stream().mapToDouble(c -> c.energyKwh().toDouble()).sum();
    assertTrue(soldKwh > 0, "sold, not delivered: " + state.schedule().pending());
    assertEquals(13.5, state.schedule().measuredKwh().toDouble(), 1e-9, "measured: nothing delivered yet");
    assertEquals(13.5 - soldKwh, state.spec().remainingKwh(), 1e-9, "remaining = measured - sold: " + seen);
  }
}
