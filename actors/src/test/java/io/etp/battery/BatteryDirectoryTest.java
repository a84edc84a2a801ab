package io.etp.battery;

import static org.junit.jupiter.api.Assertions.*;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.Set;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The battery directory is shared by the nodes of a cluster: two nodes in one JVM. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BatteryDirectoryTest {

  static final Config CONFIG = ConfigFactory.parseString("""
      pekko.actor.provider = cluster
      pekko.remote.artery.canonical.hostname = 127.0.0.1
      pekko.remote.artery.canonical.port = 0
      pekko.cluster.jmx.multi-mbeans-in-same-jvm = on
      # leaving the cluster and handing off shards can take longer than 10 s on a busy shared machine
      pekko.actor.testkit.typed.system-shutdown-default = 60s
      pekko.cluster.distributed-data.notify-subscribers-interval = 100ms
      pekko.cluster.distributed-data.gossip-interval = 200ms
      """).withFallback(ConfigFactory.load());

  ActorTestKit nodeA;
  ActorTestKit nodeB;

  @BeforeAll
  void formCluster() {
    nodeA = ActorTestKit.create("DirectoryCluster", CONFIG);
    nodeB = ActorTestKit.create("DirectoryCluster", CONFIG);
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
  }

  @AfterAll
  void shutdown() {
    nodeB.shutdownTestKit();
    nodeA.shutdownTestKit();
  }

  @Test
  void batteryRegisteredOnOneNodeIsListedOnTheOther() {
    ActorRef<BatteryDirectory.Command> directoryA = nodeA.spawn(BatteryDirectory.create(), "directory");
    ActorRef<BatteryDirectory.Command> directoryB = nodeB.spawn(BatteryDirectory.create(), "directory");
    TestProbe<BatteryDirectory.Listing> onB = nodeB.createTestProbe();
    directoryB.tell(new BatteryDirectory.Subscribe(onB.ref()));

    directoryA.tell(new BatteryDirectory.Announce("bess-7"));
    directoryA.tell(new BatteryDirectory.Announce("bess-8"));
    onB.fishForMessage(Duration.ofSeconds(15), l -> l.batteryIds().equals(Set.of("bess-7", "bess-8"))
        ? org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes.complete()
        : org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes.continueAndIgnore());

    directoryB.tell(new BatteryDirectory.Withdraw("bess-7"));
    TestProbe<BatteryDirectory.Listing> onA = nodeA.createTestProbe();
    directoryA.tell(new BatteryDirectory.Subscribe(onA.ref()));
    onA.fishForMessage(Duration.ofSeconds(15), l -> l.batteryIds().equals(Set.of("bess-8"))
        ? org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes.complete()
        : org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes.continueAndIgnore());
  }
}
