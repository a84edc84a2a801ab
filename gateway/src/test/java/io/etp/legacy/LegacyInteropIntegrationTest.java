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
            "pekko.actor.testkit.typed.system-shutdown-default", "30s",
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

  /** A listener with tight bounds, its own counters, for the bounds tests. */
  private LegacyBatteryListener strict;
  private final EdgeMetrics strictMetrics = new EdgeMetrics();
  private static final LegacyBatteryListener.Limits STRICT =
      new LegacyBatteryListener.Limits(10, Duration.ofSeconds(3), 3, 2, 3);

  private LegacyBatteryListener strict() throws Exception {
    if (strict == null) {
      strict = LegacyBatteryListener.start(testKit.system(), core, "127.0.0.1", 0, "bess-legacy-50",
          Clock.systemUTC(), strictMetrics, STRICT).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
    return strict;
  }

  /** A legacy Query from legacy device {@code deviceId} (each connection its own id: the id is the aggregator). */
  private static String query(int deviceId) {
    return "1 1000 " + deviceId + " 0 0.00 0.00 0.00 0.00 0.00 0 0.00 0 0.00 0.00";
  }

  private static java.net.Socket connect(LegacyBatteryListener l) throws Exception {
    java.net.Socket s = new java.net.Socket("127.0.0.1", l.address().getPort());
    s.setSoTimeout(10_000);
    s.setTcpNoDelay(true);
    return s;
  }

  private static void send(java.net.Socket s, String text) throws Exception {
    s.getOutputStream().write(text.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    s.getOutputStream().flush();
  }

  /** One legacy read, split into fields; null at end of stream. */
  private static String[] read(java.net.Socket s) throws Exception {
    byte[] buf = new byte[1024];
    int n = s.getInputStream().read(buf);
    return n <= 0 ? null : new String(buf, 0, n, java.nio.charset.StandardCharsets.US_ASCII).split(" ");
  }

  /** @return whether the peer closes {@code s} within {@code withinMs} */
  private static boolean closedByPeer(java.net.Socket s, int withinMs) throws Exception {
    s.setSoTimeout(withinMs);
    try {
      while (true) {
        if (s.getInputStream().read() < 0) {
          return true;
        }
      }
    } catch (java.net.SocketException reset) {
      return true;
    } catch (java.net.SocketTimeoutException stillOpen) {
      return false;
    }
  }

  private void awaitCount(EdgeMetrics m, EdgeMetrics.Counter c, long atLeast) {
    testKit.createTestProbe().awaitAssert(WAIT, () -> {
      assertTrue(m.count(c) >= atLeast, c + " = " + m.count(c) + ", expected >= " + atLeast);
      return null;
    });
  }

  @Test
  void afterMaxBadLinesTheLegacyConnectionClosesAndOthersAreUnaffected() throws Exception {
    LegacyBatteryListener l = strict();
    long badBefore = strictMetrics.count(EdgeMetrics.Counter.LEGACY_BAD_MESSAGES);
    long closedBefore = strictMetrics.count(EdgeMetrics.Counter.LEGACY_CLOSED_AFTER_BAD_LINES);
    long malformed = strictMetrics.refusals(io.etp.protocol.v1.ReasonCode.REASON_CODE_MALFORMED);
    try (java.net.Socket bad = connect(l); java.net.Socket good = connect(l)) {
      String[] lines = {
          "garbage",                                                   // not 14 fields
          "1 1000 8 0 0.00 0.00 0.00 0.00 0.00 0 0.00 0 0.00",         // 13 fields
          "3 1002 8 0 abc 0.00 0.00 0.00 0.00 0 0.00 0 0.00 0.00"};    // non-numeric bid price
      for (int i = 0; i < lines.length; i++) {
        send(bad, lines[i]);
        String[] reply = read(bad);
        assertEquals("7", reply[0], "legacy Terminate for bad line " + i);
        assertEquals("7", reply[9], "termination code 7, protocol error");
        if (i < lines.length - 1) {
          send(good, query(81)); // the other connection is served between the bad lines
          assertEquals("2", read(good)[0]);
        }
      }
      // within 1 s, less than the 3 s idle timeout: closed for the bad lines
      assertTrue(closedByPeer(bad, 1000), "closed after " + STRICT.maxBadLines() + " bad lines");
      send(good, query(81));
      assertEquals("2", read(good)[0], "the other connection is still served");
    }
    assertEquals(badBefore + 3, strictMetrics.count(EdgeMetrics.Counter.LEGACY_BAD_MESSAGES));
    assertEquals(closedBefore + 1, strictMetrics.count(EdgeMetrics.Counter.LEGACY_CLOSED_AFTER_BAD_LINES));
    assertTrue(strictMetrics.refusals(io.etp.protocol.v1.ReasonCode.REASON_CODE_MALFORMED) >= malformed + 3);
  }

  @Test
  void anOutOfRangeLegacyBidIsRefusedWithoutClosingTheConnection() throws Exception {
    long before = strictMetrics.refusals(io.etp.protocol.v1.ReasonCode.REASON_CODE_NEGATIVE_PRICE);
    try (java.net.Socket s = connect(strict())) {
      send(s, "3 1003 82 0 -4.00 0.00 0.00 0.00 0.00 0 0.00 0 0.00 0.00");
      assertEquals("7", read(s)[0]);
      send(s, query(82));
      assertEquals("2", read(s)[0], "one bad line does not close the connection");
    }
    assertEquals(before + 1, strictMetrics.refusals(io.etp.protocol.v1.ReasonCode.REASON_CODE_NEGATIVE_PRICE));
  }

  @Test
  void aSilentLegacyConnectionIsToldTimeoutAndClosed() throws Exception {
    long before = strictMetrics.count(EdgeMetrics.Counter.LEGACY_CLOSED_IDLE);
    try (java.net.Socket s = connect(strict())) {
      String[] end = read(s);
      assertEquals("7", end[0], "legacy Terminate");
      assertEquals(Integer.toString(io.etp.protocol.v1.TerminationCode.TERMINATION_CODE_TIMEOUT_VALUE), end[9]);
      assertTrue(closedByPeer(s, 5000));
    }
    awaitCount(strictMetrics, EdgeMetrics.Counter.LEGACY_CLOSED_IDLE, before + 1);
  }

  @Test
  void aLegacyFloodBeyondTheRateLimitIsRefusedButNotClosed() throws Exception {
    long before = strictMetrics.count(EdgeMetrics.Counter.LEGACY_RATE_LIMITED);
    long closedBefore = strictMetrics.count(EdgeMetrics.Counter.LEGACY_CLOSED_AFTER_BAD_LINES);
    try (java.net.Socket s = connect(strict())) {
      int answered = 0;
      int refused = 0;
      for (int i = 0; i < 8; i++) { // burst 3, then 2 per second: one query every 20 ms runs dry
        send(s, query(83));
        String[] reply = read(s);
        if ("2".equals(reply[0])) {
          answered++;
        } else {
          assertEquals("7", reply[0]);
          refused++;
        }
      }
      assertTrue(answered >= 3, "the burst is served: " + answered);
      assertTrue(refused >= 1, "beyond the rate: refused " + refused);
      Thread.sleep(700); // a token refills at 2 per second
      send(s, query(83));
      assertEquals("2", read(s)[0], "rate-limited reads are not bad lines: still served");
    }
    assertTrue(strictMetrics.count(EdgeMetrics.Counter.LEGACY_RATE_LIMITED) > before);
    assertEquals(closedBefore, strictMetrics.count(EdgeMetrics.Counter.LEGACY_CLOSED_AFTER_BAD_LINES));
  }

  @Test
  void legacyConnectionsBeyondTheCapAreRefusedWithATerminate() throws Exception {
    EdgeMetrics m = new EdgeMetrics();
    LegacyBatteryListener capped = LegacyBatteryListener.start(testKit.system(), core, "127.0.0.1", 0,
        "bess-legacy-50", Clock.systemUTC(), m, new LegacyBatteryListener.Limits(2, Duration.ofSeconds(30), 3, 50, 100))
        .toCompletableFuture().get(10, TimeUnit.SECONDS);
    try (java.net.Socket a = connect(capped); java.net.Socket b = connect(capped)) {
      send(a, query(84));
      assertEquals("2", read(a)[0]);
      send(b, query(85));
      assertEquals("2", read(b)[0]);
      try (java.net.Socket c = connect(capped)) {
        String[] refusal = read(c);
        assertEquals("7", refusal[0]);
        assertEquals(Integer.toString(io.etp.protocol.v1.TerminationCode.TERMINATION_CODE_CANCELLED_VALUE),
            refusal[9]);
        assertTrue(closedByPeer(c, 5000));
      }
      assertEquals(1, m.count(EdgeMetrics.Counter.LEGACY_CONNECTIONS_REFUSED_LIMIT));
      assertEquals(2, capped.openConnections());
      send(a, query(84));
      assertEquals("2", read(a)[0], "the open connections are unaffected");
    } finally {
      capped.unbind().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
    testKit.createTestProbe().awaitAssert(WAIT, () -> {
      assertEquals(0, capped.openConnections(), "slots freed on close");
      return null;
    });
  }

  @Test
  void aLegacyDeviceIsMirroredIntoItsTwinWithItsReserveFailsItWhenUnreachableAndRecovers() throws Exception {
    EdgeMetrics m = new EdgeMetrics();
    GoLikeBattery device = new GoLikeBattery(60, 10.0, 40.0, 16.25);
    LegacyDeviceBridge.Device d = LegacyDeviceBridge.Device.parse("bess-legacy-mirror=127.0.0.1:" + device.port());
    testKit.spawn(LegacyDeviceBridge.create(core, d, new LegacyDeviceBridge.Settings(java.util.List.of(d),
        Duration.ofMillis(300), Duration.ofSeconds(1), 9000, 100), m, Clock.systemUTC()));
    TestProbe<Battery.BatteryStatus> probe = testKit.createTestProbe();
    probe.awaitAssert(WAIT, () -> {
      core.battery("bess-legacy-mirror").tell(new Battery.GetStatus(probe.getRef()));
      Battery.BatteryStatus s = probe.receiveMessage(Duration.ofSeconds(2));
      assertEquals(io.etp.battery.Availability.ONLINE, s.state().availability());
      assertEquals(10.0, s.state().spec().capacityKwh(), 1e-9);
      assertEquals(40.0, s.state().spec().percentageForSale(), 1e-9);
      assertEquals(16.25, s.state().criteria().reservePriceCPerKwh(), 1e-9, "the device's reserve, found by probing");
      return null;
    });
    assertTrue(device.confirms.isEmpty(), "probing never confirms");
    device.close();
    probe.awaitAssert(WAIT, () -> {
      core.battery("bess-legacy-mirror").tell(new Battery.GetStatus(probe.getRef()));
      assertEquals(io.etp.battery.Availability.FAILED,
          probe.receiveMessage(Duration.ofSeconds(2)).state().availability());
      return null;
    });
    assertTrue(m.count(EdgeMetrics.Counter.LEGACY_DEVICE_ERRORS) >= 1);

    // the device comes back (with less for sale): its twin is online again with the new offer
    try (GoLikeBattery back = new GoLikeBattery(60, 10.0, 30.0, 16.25, device.port())) {
      probe.awaitAssert(WAIT, () -> {
        core.battery("bess-legacy-mirror").tell(new Battery.GetStatus(probe.getRef()));
        Battery.BatteryStatus s = probe.receiveMessage(Duration.ofSeconds(2));
        assertEquals(io.etp.battery.Availability.ONLINE, s.state().availability());
        assertEquals(30.0, s.state().spec().percentageForSale(), 1e-9);
        return null;
      });
    }
  }

  /** An aggregator played by the test: attached to its twin, it receives what batteries send it. */
  private TestProbe<io.etp.protocol.v1.EtpMessage> agent(String aggregatorId) {
    TestProbe<io.etp.protocol.v1.EtpMessage> agent = testKit.createTestProbe();
    core.aggregator(aggregatorId).tell(new io.etp.aggregator.Aggregator.AttachDevice(agent.getRef()));
    return agent;
  }

  /** Buys {@code kwh} at {@code price} in the twin's auction as {@code aggregatorId}: Bid, BidAccept, BidConfirm. */
  private void buy(String batteryId, String aggregatorId, double price, double kwh) {
    TestProbe<io.etp.protocol.v1.EtpMessage> agent = agent(aggregatorId);
    Envelopes env = new Envelopes(aggregatorId, PeerRole.PEER_ROLE_AGGREGATOR, Clock.systemUTC());
    agent.awaitAssert(WAIT, () -> { // the attachment reaches the sharded aggregator asynchronously
      core.toBattery(env.to(batteryId, MessageType.BID, "").setBidPriceCPerKwh(price).setRequiredEnergyKwh(kwh)
          .build());
      io.etp.protocol.v1.EtpMessage accept = agent.fishForMessage(Duration.ofSeconds(3),
          m -> m.getMessageType() == MessageType.BID_ACCEPT || m.getMessageType() == MessageType.BID_REJECT
              ? org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes.complete()
              : org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes.continueAndIgnore()).get(0);
      assertEquals(MessageType.BID_ACCEPT, accept.getMessageType(), accept.getDetail());
      core.toBattery(env.to(batteryId, MessageType.BID_CONFIRM, accept.getNegotiationId())
          .setBidPriceCPerKwh(accept.getBidPriceCPerKwh()).setRequiredEnergyKwh(accept.getRequiredEnergyKwh())
          .build());
      io.etp.protocol.v1.EtpMessage end = agent.fishForMessage(Duration.ofSeconds(3),
          m -> m.getMessageType() == MessageType.TERMINATE
              ? org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes.complete()
              : org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes.continueAndIgnore()).get(0);
      assertEquals(io.etp.protocol.v1.TerminationCode.TERMINATION_CODE_COMPLETED, end.getTerminationCode());
      return null;
    });
  }

  private Battery.BatteryStatus status(String batteryId) {
    TestProbe<Battery.BatteryStatus> probe = testKit.createTestProbe();
    core.battery(batteryId).tell(new Battery.GetStatus(probe.getRef()));
    return probe.receiveMessage(Duration.ofSeconds(2));
  }

  @Test
  void aTradeInTheLegacyTwinIsRelayedToTheDeviceAndARefusedRelayIsCountedAndReprobed() throws Exception {
    EdgeMetrics m = new EdgeMetrics();
    try (GoLikeBattery device = new GoLikeBattery(61, 10.0, 40.0, 15.0)) {
      LegacyDeviceBridge.Device d = LegacyDeviceBridge.Device.parse("bess-legacy-relay=127.0.0.1:" + device.port());
      testKit.spawn(LegacyDeviceBridge.create(core, d, new LegacyDeviceBridge.Settings(java.util.List.of(d),
          Duration.ofMillis(300), Duration.ofSeconds(1), 9000, 100), m, Clock.systemUTC()));
      testKit.createTestProbe().awaitAssert(WAIT, () -> {
        Battery.BatteryStatus s = status("bess-legacy-relay");
        assertEquals(15.0, s.state().criteria().reservePriceCPerKwh(), 1e-9);
        assertEquals(40.0, s.state().spec().percentageForSale(), 1e-9);
        return null;
      });

      buy("bess-legacy-relay", "agg-relay-1", 16.0, 2.0);
      testKit.createTestProbe().awaitAssert(WAIT, () -> {
        assertEquals(java.util.List.of(new GoLikeBattery.Confirm(16.0, 20.0)), device.confirms,
            "BidConfirm at the clearing price for 2 of 10 kWh");
        assertEquals(1, m.count(EdgeMetrics.Counter.LEGACY_DEVICE_TRADES));
        // and the twin mirrors what the device has left
        assertEquals(20.0, status("bess-legacy-relay").state().spec().percentageForSale(), 1e-9);
        return null;
      });

      device.reserve = 30.0; // the device raised its reserve behind our back
      buy("bess-legacy-relay", "agg-relay-2", 16.0, 1.0); // of the 1.75 kWh lot left (safety margin 0.25)
      testKit.createTestProbe().awaitAssert(WAIT, () -> {
        assertEquals(1, m.count(EdgeMetrics.Counter.LEGACY_DEVICE_RELAY_FAILED));
        assertEquals(1, device.confirms.size(), "the device refused: nothing confirmed on it");
        assertEquals(30.0, status("bess-legacy-relay").state().criteria().reservePriceCPerKwh(), 1e-9,
            "probed again");
        return null;
      });
    }
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
      // the legacy device's accepted price, a wire double, is the trade's exact price by io.etp.money's rule
      assertEquals(io.etp.money.PriceCPerKwh.ofDouble(outcome.accepted()),
          s.state().lastOutcome().orElseThrow().clearingPriceCPerKwh());
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
