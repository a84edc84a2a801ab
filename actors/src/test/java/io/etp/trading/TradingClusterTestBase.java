package io.etp.trading;

import static org.junit.jupiter.api.Assertions.*;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.etp.aggregator.Aggregator;
import io.etp.aggregator.AggregatorSettings;
import io.etp.aggregator.PriceSignal;
import io.etp.auction.AuctionRules;
import io.etp.auction.Envelopes;
import io.etp.auction.EtpOutbox;
import io.etp.auction.Mechanism;
import io.etp.battery.AcceptanceCriteria;
import io.etp.battery.Battery;
import io.etp.battery.BatteryDirectory;
import io.etp.battery.BatterySettings;
import io.etp.battery.InMemoryBidAuditSink;
import io.etp.protocol.v1.BatteryHealth;
import io.etp.protocol.v1.EtpMessage;
import io.etp.protocol.v1.MessageType;
import io.etp.protocol.v1.PeerRole;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.pubsub.Topic;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.persistence.testkit.PersistenceTestKitPlugin;
import org.apache.pekko.persistence.testkit.PersistenceTestKitSnapshotPlugin;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A one-node cluster with sharding, the in-memory journal, and the trading core wired as in {@link TradingCore},
 * except that messages batteries send are also recorded in {@link #sent}, and messages to ids registered in
 * {@link #bidders} go to those probes (peers on the wire that the test plays) instead of Aggregator twins.
 */
@ExtendWith(TestKitJUnit5Extension.class)
@ExtendWith(LogCapturingExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TradingClusterTestBase {

  static final Config CONFIG = ConfigFactory.parseString("""
      pekko.actor.provider = cluster
      pekko.remote.artery.canonical.hostname = 127.0.0.1
      pekko.remote.artery.canonical.port = 0
      pekko.cluster.jmx.multi-mbeans-in-same-jvm = on
      # leaving the cluster and handing off shards can take longer than 10 s on a busy shared machine
      pekko.actor.testkit.typed.system-shutdown-default = 60s
      pekko.cluster.distributed-data.notify-subscribers-interval = 100ms
      pekko.loglevel = INFO
      """)
      .withFallback(PersistenceTestKitPlugin.getInstance().config())
      .withFallback(PersistenceTestKitSnapshotPlugin.config())
      .withFallback(ConfigFactory.load());

  @JUnit5TestKit
  ActorTestKit testKit = new JUnit5TestKitBuilder().withCustomConfig(CONFIG).build();

  final Clock clock = Clock.systemUTC();
  final Map<String, ActorRef<EtpMessage>> bidders = new ConcurrentHashMap<>();
  final InMemoryBidAuditSink audit = new InMemoryBidAuditSink(100_000);
  /** Every message the batteries sent, in order. */
  final java.util.Queue<EtpMessage> sent = new java.util.concurrent.ConcurrentLinkedQueue<>();
  /** Used only to await assertions. */
  TestProbe<Object> tap;
  ClusterSharding sharding;
  EtpOutbox toBatteries;

  BatterySettings batterySettings() {
    return new BatterySettings(new AcceptanceCriteria(14.0, 0.5, 0.25, 50.0),
        new AuctionRules(Mechanism.ASCENDING, Duration.ofMillis(1500), 0.25, Duration.ofMillis(500),
            Duration.ofMillis(500), 2),
        100, 100_000);
  }

  AggregatorSettings aggregatorSettings() {
    return AggregatorSettings.defaults().withQueryInterval(Duration.ofMillis(500));
  }

  @BeforeAll
  void startCluster() {
    Cluster cluster = Cluster.get(testKit.system());
    cluster.manager().tell(Join.create(cluster.selfMember().address()));
    TestProbe<Object> waiter = testKit.createTestProbe();
    waiter.awaitAssert(Duration.ofSeconds(10), () -> {
      assertEquals(MemberStatus.up(), cluster.selfMember().status());
      return null;
    });
    sharding = ClusterSharding.get(testKit.system());
    tap = testKit.createTestProbe();
    EtpOutbox toAggregatorTwins = Aggregator.outbox(sharding);
    EtpOutbox toAggregators = m -> {
      sent.add(m);
      ActorRef<EtpMessage> probe = bidders.get(m.getRecipientId());
      if (probe != null) probe.tell(m); else toAggregatorTwins.send(m);
    };
    toBatteries = Battery.outbox(sharding);
    ActorRef<BatteryDirectory.Command> directory = testKit.spawn(BatteryDirectory.create(), "directory");
    ActorRef<Topic.Command<EtpMessage>> telemetry =
        testKit.spawn(Topic.create(EtpMessage.class, Battery.TELEMETRY_TOPIC), "telemetry");
    Battery.init(sharding, new Battery.Dependencies(batterySettings(), clock, toAggregators, audit, directory,
        telemetry));
    Aggregator.init(sharding, new Aggregator.Dependencies(aggregatorSettings(), clock, toBatteries, directory,
        new PriceSignal.Configured(17.0, 0.0)), testKit.system());
  }

  // ---- playing the devices and bidders

  void register(String batteryId) {
    toBatteries.send(new Envelopes(batteryId, PeerRole.PEER_ROLE_BATTERY, clock)
        .to(batteryId, MessageType.REGISTER, "")
        .setEnergyTotalKwh(13.5).setRemainingEnergyKwh(13.5).setPercentageForSale(50)
        .setBatteryHealth(BatteryHealth.BATTERY_HEALTH_GOOD).setBatteryVoltageV(400).setDischargeRateKw(0).build());
  }

  void deviceFailure(String batteryId) {
    toBatteries.send(new Envelopes(batteryId, PeerRole.PEER_ROLE_BATTERY, clock)
        .to(batteryId, MessageType.DEVICE_FAILURE, "").setDetail("cell over-temperature").build());
  }

  /** A bidder the test plays: its messages go to the battery through sharding; the battery's answers to its probe. */
  TestProbe<EtpMessage> bidder(String id) {
    TestProbe<EtpMessage> probe = testKit.createTestProbe(id);
    bidders.put(id, probe.ref());
    return probe;
  }

  void bid(String bidderId, String batteryId, String auctionId, double price, double energyKwh) {
    toBatteries.send(new Envelopes(bidderId, PeerRole.PEER_ROLE_AGGREGATOR, clock)
        .to(batteryId, MessageType.BID, auctionId).setBidPriceCPerKwh(price).setRequiredEnergyKwh(energyKwh).build());
  }

  void confirm(String bidderId, String batteryId, String auctionId) {
    toBatteries.send(new Envelopes(bidderId, PeerRole.PEER_ROLE_AGGREGATOR, clock)
        .to(batteryId, MessageType.BID_CONFIRM, auctionId).build());
  }

  static EtpMessage expect(TestProbe<EtpMessage> probe, MessageType type) {
    EtpMessage m = probe.expectMessageClass(EtpMessage.class, Duration.ofSeconds(10));
    assertEquals(type, m.getMessageType(), m.toString());
    return m;
  }

  // ---- asking the twins

  Battery.State battery(String batteryId) {
    try {
      return sharding.entityRefFor(Battery.ENTITY_KEY, batteryId)
          .<Battery.BatteryStatus>ask(Battery.GetStatus::new, Duration.ofSeconds(5))
          .toCompletableFuture().get(10, TimeUnit.SECONDS).state();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  Aggregator.State aggregator(String aggregatorId) {
    try {
      return sharding.entityRefFor(Aggregator.ENTITY_KEY, aggregatorId)
          .<Aggregator.AggregatorStatus>ask(Aggregator.GetStatus::new, Duration.ofSeconds(5))
          .toCompletableFuture().get(10, TimeUnit.SECONDS).state();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }


  void setTargets(String aggregatorId, double requirementKwh, double maxPrice, double budgetC) {
    try {
      sharding.entityRefFor(Aggregator.ENTITY_KEY, aggregatorId)
          .<Done>ask(r -> new Aggregator.SetTargets(requirementKwh, maxPrice, budgetC, r), Duration.ofSeconds(5))
          .toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  void pause(String aggregatorId) {
    try {
      sharding.entityRefFor(Aggregator.ENTITY_KEY, aggregatorId)
          .<Done>ask(Aggregator.Pause::new, Duration.ofSeconds(5)).toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  void changeRules(String batteryId, AuctionRules rules) {
    try {
      sharding.entityRefFor(Battery.ENTITY_KEY, batteryId)
          .<Done>ask(r -> new Battery.ChangeAuctionRules(rules, r), Duration.ofSeconds(5))
          .toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
