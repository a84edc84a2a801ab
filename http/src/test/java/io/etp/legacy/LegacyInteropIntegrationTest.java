package io.etp.legacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.etp.aggregator.BiddingStrategy;
import io.etp.auction.Envelopes;
import io.etp.battery.Battery;
import io.etp.edge.EdgeMetrics;
import io.etp.protocol.v1.BatteryHealth;
import io.etp.protocol.v1.MessageType;
import io.etp.protocol.v1.PeerRole;
import io.etp.trading.TradingCore;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Legacy interop in both directions, against legacy peers written from PROTOCOL.md in plain Java sockets. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LegacyInteropIntegrationTest {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private ActorTestKit testKit;
  private TradingCore core;
  private LegacyBatteryListener listener;
  private final EdgeMetrics metrics = new EdgeMetrics();

  @BeforeAll
  void start() throws Exception {
    ConfigFactory.invalidateCaches();
    var config = ConfigFactory.parseMap(Map.of(
            "pekko.remote.artery.canonical.port", 0,
            "pekko.coordinated-shutdown.exit-jvm", "off",
            "pekko.cluster.jmx.multi-mbeans-in-same-jvm", "on",
            "pekko.loglevel", "WARNING",
            "pekko.persistence.journal.plugin", "pekko.persistence.journal.inmem",
            "pekko.persistence.snapshot-store.plugin", "pekko.persistence.snapshot-store.local",
            "pekko.persistence.snapshot-store.local.dir",
            java.nio.file.Files.createTempDirectory("etp-legacy").toString(),
            "etp.battery.auction.window", "300ms"))
        .withFallback(ConfigFactory.load()).resolve();
    testKit = ActorTestKit.create("legacy", config);
    Cluster cluster = Cluster.get(testKit.system());
    cluster.manager().tell(Join.create(cluster.selfMember().address()));
    TestProbe<Object> waiter = testKit.createTestProbe();
    waiter.awaitAssert(WAIT, () -> {
      assertEquals(MemberStatus.up(), cluster.selfMember().status());
      return null;
    });
    core = TradingCore.init(testKit.system());
    listener = LegacyBatteryListener.start(testKit.system(), core, "127.0.0.1", 0, "bess-legacy-50",
        Clock.systemUTC(), metrics).toCompletableFuture().get(10, TimeUnit.SECONDS);
    Envelopes device = new Envelopes("bess-legacy-50", PeerRole.PEER_ROLE_BATTERY, Clock.systemUTC());
    core.toBattery(device.to("bess-legacy-50", MessageType.REGISTER, "").setEnergyTotalKwh(13.5)
        .setRemainingEnergyKwh(13.5).setPercentageForSale(50).setBatteryHealth(BatteryHealth.BATTERY_HEALTH_GOOD)
        .build());
  }

  @AfterAll
  void stop() {
    testKit.shutdownTestKit();
  }

  @Test
  void unmodifiedLegacyAggregatorTradesWithABatteryTwinOnTheLegacyPort() throws Exception {
    GoLikeAggregator legacy = new GoLikeAggregator(7, 10.0, 18.5);
    GoLikeAggregator.Outcome outcome = legacy.trade("127.0.0.1", listener.address().getPort());

    // the first bid is below the twin's 14.0 reserve and was rejected; the accepted one is at or above it
    assertTrue(outcome.bids().size() >= 2, "raised after a reject: " + outcome.bids());
    assertTrue(outcome.bids().get(0) < 14.0);
    assertTrue(outcome.accepted() >= 14.0, "accepted " + outcome.accepted());
    assertEquals(13.5, outcome.energyTotal(), 1e-9);
    // BidAccept echoes the bid, in the legacy text layout (14 fields, two decimals)
    String[] accept = outcome.rawAccept().split(" ");
    assertEquals(14, accept.length);
    assertEquals(String.format(java.util.Locale.ROOT, "%.2f", outcome.accepted()), accept[4]);

    TestProbe<Battery.BatteryStatus> probe = testKit.createTestProbe();
    probe.awaitAssert(WAIT, () -> {
      core.battery("bess-legacy-50").tell(new Battery.GetStatus(probe.getRef()));
      Battery.BatteryStatus s = probe.receiveMessage(Duration.ofSeconds(2));
      assertTrue(s.state().soldKwh() > 0, "trade recorded in the twin");
      assertEquals("legacy-agg-7", s.state().lastOutcome().orElseThrow().winnerId().orElseThrow());
      assertEquals(outcome.accepted(), s.state().lastOutcome().orElseThrow().clearingPriceCPerKwh(), 1e-9);
      return null;
    });
  }

  @Test
  void garbageOnTheLegacyPortIsAnsweredWithALegacyTerminate() throws Exception {
    try (java.net.Socket s = new java.net.Socket("127.0.0.1", listener.address().getPort())) {
      s.setSoTimeout(10_000);
      s.getOutputStream().write("hello there".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      byte[] buf = new byte[1024];
      int n = s.getInputStream().read(buf);
      String[] f = new String(buf, 0, n, java.nio.charset.StandardCharsets.US_ASCII).split(" ");
      assertEquals("7", f[0]);
      assertEquals("7", f[9]);
    }
    assertTrue(metrics.count(EdgeMetrics.Counter.LEGACY_BAD_MESSAGES) >= 1);
  }

  @Test
  void ourAggregatorBuysFromALegacyBatteryRaisingPerItsStrategyUpToItsMaximum() throws Exception {
    try (GoLikeBattery battery = new GoLikeBattery(50, 13.5, 50.0, 14.0)) {
      LegacyBatteryClient client = new LegacyBatteryClient(new InetSocketAddress("127.0.0.1", battery.port()),
          Duration.ofSeconds(5));
      LegacyBatteryClient.Buyer buyer = new LegacyBatteryClient.Buyer(3,
          new BiddingStrategy.FixedIncrement(12.0, 1.0), 18.5, 17.0);

      LegacyBatteryClient.Result first = client.negotiate(buyer);
      LegacyBatteryClient.Traded traded = assertInstanceOf(LegacyBatteryClient.Traded.class, first);
      assertEquals(14.0, traded.priceCPerKwh(), 1e-9);
      assertEquals(3, traded.bids());
      assertEquals(6.75, traded.energyKwh(), 1e-9);
      long until = System.nanoTime() + WAIT.toNanos();
      while (battery.confirms.isEmpty() && System.nanoTime() < until) {
        Thread.sleep(10);
      }
      assertEquals(1, battery.confirms.size());
      assertEquals(14.0, battery.confirms.get(0).bidPrice(), 1e-9);
      assertEquals(50.0, battery.confirms.get(0).percentage(), 1e-9);

      // the battery took the 50 % off what it has for sale: nothing is left to buy
      assertInstanceOf(LegacyBatteryClient.NotTraded.class, client.negotiate(buyer));
    }
  }

  @Test
  void ourAggregatorNeverBidsAboveItsMaximumOnALegacyBattery() throws Exception {
    try (GoLikeBattery battery = new GoLikeBattery(51, 13.5, 50.0, 20.0)) {
      LegacyBatteryClient client = new LegacyBatteryClient(new InetSocketAddress("127.0.0.1", battery.port()),
          Duration.ofSeconds(5));
      LegacyBatteryClient.Result r = client.negotiate(new LegacyBatteryClient.Buyer(3,
          new BiddingStrategy.FixedIncrement(12.0, 1.0), 18.5, 17.0));
      assertInstanceOf(LegacyBatteryClient.NotTraded.class, r);
      assertTrue(battery.received.stream().filter(m -> m.startsWith("3 "))
          .mapToDouble(m -> Double.parseDouble(m.split(" ")[4])).allMatch(p -> p <= 18.5));
      assertTrue(battery.confirms.isEmpty());
    }
  }
}
