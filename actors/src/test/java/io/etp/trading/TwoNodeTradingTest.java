package io.etp.trading;

import static org.junit.jupiter.api.Assertions.*;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.etp.aggregator.Aggregator;
import io.etp.auction.Envelopes;
import io.etp.battery.Battery;
import io.etp.protocol.v1.BatteryHealth;
import io.etp.protocol.v1.MessageType;
import io.etp.protocol.v1.PeerRole;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.persistence.testkit.PersistenceTestKitPlugin;
import org.apache.pekko.persistence.testkit.PersistenceTestKitSnapshotPlugin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Batteries and an aggregator trading across two cluster nodes: sharding places the twins on both, so commands,
 * ETP envelopes, replies and directory updates cross the network with Java serialization off.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoNodeTradingTest {

  static final Config CONFIG = ConfigFactory.parseString("""
      pekko.actor.provider = cluster
      pekko.actor.allow-java-serialization = off
      pekko.remote.artery.canonical.hostname = 127.0.0.1
      pekko.remote.artery.canonical.port = 0
      pekko.cluster.jmx.multi-mbeans-in-same-jvm = on
      # leaving the cluster and handing off shards can take longer than 10 s on a busy shared machine
      pekko.actor.testkit.typed.system-shutdown-default = 60s
      pekko.cluster.distributed-data.notify-subscribers-interval = 100ms
      pekko.cluster.distributed-data.gossip-interval = 200ms
      etp.battery.auction.window = 1s
      etp.aggregator.query-interval = 500ms
      """)
      .withFallback(PersistenceTestKitPlugin.getInstance().config())
      .withFallback(PersistenceTestKitSnapshotPlugin.config())
      .withFallback(ConfigFactory.load());

  static final int BATTERIES = 12;

  ActorTestKit nodeA;
  ActorTestKit nodeB;
  TradingCore coreA;
  TradingCore coreB;

  @BeforeAll
  void formCluster() {
    nodeA = ActorTestKit.create("TradingCluster", CONFIG);
    nodeB = ActorTestKit.create("TradingCluster", CONFIG);
    Cluster a = Cluster.get(nodeA.system());
    Cluster b = Cluster.get(nodeB.system());
    a.manager().tell(Join.create(a.selfMember().address()));
    b.manager().tell(Join.create(a.selfMember().address()));
    TestProbe<Object> probe = nodeA.createTestProbe();
    probe.awaitAssert(Duration.ofSeconds(20), () -> {
      assertEquals(MemberStatus.up(), a.selfMember().status());
      assertEquals(MemberStatus.up(), b.selfMember().status());
      return null;
    });
    coreA = TradingCore.init(nodeA.system());
    coreB = TradingCore.init(nodeB.system());
  }

  @AfterAll
  void shutdown() {
    nodeB.shutdownTestKit();
    nodeA.shutdownTestKit();
  }

  @Test
  void aggregatorOnOneNodeBuysFromBatteriesOnBoth() throws Exception {
    Clock clock = Clock.systemUTC();
    for (int i = 1; i <= BATTERIES; i++) {
      String id = "two-node-bess-" + i;
      coreA.toBattery(new Envelopes(id, PeerRole.PEER_ROLE_BATTERY, clock).to(id, MessageType.REGISTER, "")
          .setEnergyTotalKwh(13.5).setRemainingEnergyKwh(13.5).setPercentageForSale(50)
          .setBatteryHealth(BatteryHealth.BATTERY_HEALTH_GOOD).build());
    }
    coreB.aggregator("two-node-agg")
        .<Done>ask(r -> new Aggregator.SetTargets(1000, 18.5, 1_000_000, r), Duration.ofSeconds(5))
        .toCompletableFuture().get(10, TimeUnit.SECONDS);

    TestProbe<Object> probe = nodeB.createTestProbe();
    probe.awaitAssert(Duration.ofSeconds(60), Duration.ofMillis(500), () -> {
      Aggregator.AggregatorStatus status = coreA.aggregator("two-node-agg")
          .<Aggregator.AggregatorStatus>ask(Aggregator.GetStatus::new, Duration.ofSeconds(5))
          .toCompletableFuture().get(10, TimeUnit.SECONDS);
      assertEquals(BATTERIES, status.state().won());
      return null;
    });
    for (int i = 1; i <= BATTERIES; i++) {
      Battery.BatteryStatus status = coreB.battery("two-node-bess-" + i)
          .<Battery.BatteryStatus>ask(Battery.GetStatus::new, Duration.ofSeconds(5))
          .toCompletableFuture().get(10, TimeUnit.SECONDS);
      assertTrue(status.state().lastOutcome().orElseThrow().traded());
      assertEquals("two-node-agg", status.state().lastOutcome().orElseThrow().winnerId().orElseThrow());
    }
  }
}
