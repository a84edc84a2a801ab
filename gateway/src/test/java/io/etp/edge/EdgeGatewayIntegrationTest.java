package io.etp.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etp.battery.Battery;
import io.etp.protocol.EtpCodec;
import io.etp.protocol.framing.FrameEncoder;
import io.etp.protocol.v1.EtpMessage;
import io.etp.protocol.v1.MessageType;
import io.etp.protocol.v1.PeerRole;
import io.etp.protocol.v1.ReasonCode;
import io.etp.protocol.v1.TerminationCode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A running node (one-node cluster, sharding, H2 journal) with the device gateway bound on 127.0.0.1, plain and TLS,
 * and devices on real sockets.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EdgeGatewayIntegrationTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  private EdgeTestNode node;
  private TcpGateway plain;
  private TcpGateway tls;
  private TcpGateway strict;
  private SSLSocketFactory clientTls;

  @BeforeAll
  void start() throws Exception {
    node = new EdgeTestNode("edge-gateway", Map.of());
    plain = TcpGateway.start(node.testKit.system(), node.core, node.settings(), node.keys, node.nodeKey, node.clock,
            node.metrics)
        .toCompletableFuture().get(10, TimeUnit.SECONDS);

    Path dir = Files.createTempDirectory("etp-edge-tls");
    Path p12 = dir.resolve("gateway.p12");
    char[] password = "test-only-password".toCharArray();
    TestKeystores.generate(p12, password);
    tls = TcpGateway.start(node.testKit.system(), node.core,
            node.settings().withTls(new EdgeSettings.TlsSettings(p12.toString(), password)), node.keys, node.nodeKey,
            node.clock, new EdgeMetrics())
        .toCompletableFuture().get(10, TimeUnit.SECONDS);
    clientTls = TestKeystores.trusting(p12, password);

    EdgeSettings.ConnectionLimits l = node.settings().limits();
    EdgeSettings.ConnectionLimits tight = new EdgeSettings.ConnectionLimits(1024, 3, Duration.ofMillis(800), 2,
        5, 5, 16, EdgeSettings.OverflowPolicy.DROP_NEW, l.reattachInterval());
    strict = TcpGateway.start(node.testKit.system(), node.core, node.settings().withLimits(tight), node.keys,
            node.nodeKey, node.clock, new EdgeMetrics())
        .toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @AfterAll
  void stop() {
    node.close();
  }

  private TestDevice connect(TcpGateway gw, String id, PeerRole role, SSLSocketFactory f) throws IOException {
    return new TestDevice(new InetSocketAddress("127.0.0.1", gw.address().getPort()), id, role, node.key(id, role),
        node.nodeKey, f);
  }

  private void runAuction(TcpGateway gw, SSLSocketFactory f, String batteryId, String aggregatorId) throws Exception {
    try (TestDevice battery = connect(gw, batteryId, PeerRole.PEER_ROLE_BATTERY, f);
         TestDevice agent = connect(gw, aggregatorId, PeerRole.PEER_ROLE_AGGREGATOR, f)) {
      battery.sendSigned(battery.hello());
      agent.sendSigned(agent.hello());
      awaitRegistered(batteryId);

      agent.sendSigned(agent.envelopes.to(batteryId, MessageType.QUERY, "").build());
      EtpMessage offer = agent.awaitType(MessageType.QUERY_RESPONSE, WAIT);
      assertEquals(batteryId, offer.getSenderId());
      assertEquals(13.5, offer.getEnergyTotalKwh(), 1e-9);
      // 50 % of 13.5 kWh for sale, less the twin's 0.25 kWh safety margin
      assertEquals(6.5, offer.getEnergyTotalKwh() * offer.getPercentageForSale() / 100, 1e-9);

      agent.sendSigned(agent.envelopes.to(batteryId, MessageType.BID, offer.getNegotiationId())
          .setBidPriceCPerKwh(16.0).setRequiredEnergyKwh(5.0).build());
      EtpMessage accept = agent.awaitType(MessageType.BID_ACCEPT, WAIT);
      assertEquals(16.0, accept.getBidPriceCPerKwh(), 1e-9);
      agent.sendSigned(agent.envelopes.to(batteryId, MessageType.BID_CONFIRM, accept.getNegotiationId())
          .setBidPriceCPerKwh(accept.getBidPriceCPerKwh()).setRequiredEnergyKwh(accept.getRequiredEnergyKwh())
          .build());
      EtpMessage done = agent.awaitType(MessageType.TERMINATE, WAIT);
      assertEquals(TerminationCode.TERMINATION_CODE_COMPLETED, done.getTerminationCode());

      // the battery device was informed of the query and bid it received and of the trade its twin made, but not
      // of the twin's offer (a QueryResponse commits nothing; docs/edge.md)
      java.util.List<EtpMessage> informed = new java.util.ArrayList<>();
      battery.await(m -> {
        informed.add(m);
        return m.getMessageType() == MessageType.TERMINATE
            && m.getTerminationCode() == TerminationCode.TERMINATION_CODE_COMPLETED;
      }, WAIT);
      assertTrue(informed.stream().anyMatch(m -> m.getMessageType() == MessageType.QUERY
          && m.getSenderId().equals(aggregatorId)), informed.toString());
      assertTrue(informed.stream().anyMatch(m -> m.getMessageType() == MessageType.BID
          && m.getSenderId().equals(aggregatorId)), informed.toString());
      assertTrue(informed.stream().anyMatch(m -> m.getMessageType() == MessageType.BID_ACCEPT), informed.toString());
      assertTrue(informed.stream().noneMatch(m -> m.getMessageType() == MessageType.QUERY_RESPONSE),
          informed.toString());

      // the twin's journal holds the trade
      TestProbe<Battery.BatteryStatus> probe = node.testKit.createTestProbe();
      node.core.battery(batteryId).tell(new Battery.GetStatus(probe.getRef()));
      Battery.BatteryStatus status = probe.receiveMessage(WAIT);
      assertEquals(5.0, status.state().soldKwh(), 1e-9);
      assertEquals(aggregatorId, status.state().lastOutcome().orElseThrow().winnerId().orElseThrow());
    }
  }

  private void awaitRegistered(String batteryId) {
    TestProbe<Battery.BatteryStatus> probe = node.testKit.createTestProbe();
    probe.awaitAssert(WAIT, () -> {
      node.core.battery(batteryId).tell(new Battery.GetStatus(probe.getRef()));
      Battery.BatteryStatus s = probe.receiveMessage(Duration.ofSeconds(2));
      assertEquals(13.5, s.state().spec().capacityKwh(), 1e-9);
      return null;
    });
  }

  @Test
  void batteryDeviceAndAggregatorAgentCompleteAnAuctionThroughTheNode() throws Exception {
    runAuction(plain, null, "bess-tcp-1", "agg-tcp-1");
  }

  @Test
  void batteryDeviceAndAggregatorAgentCompleteAnAuctionOverTls() throws Exception {
    runAuction(tls, clientTls, "bess-tls-1", "agg-tls-1");
  }

  private static EtpMessage awaitError(TestDevice d) throws InterruptedException {
    return d.await(m -> m.getMessageType() == MessageType.TERMINATE
        && m.getTerminationCode() == TerminationCode.TERMINATION_CODE_PROTOCOL_ERROR, WAIT);
  }

  private TestDevice helloAgent(TcpGateway gw, String id) throws Exception {
    TestDevice agent = connect(gw, id, PeerRole.PEER_ROLE_AGGREGATOR, null);
    agent.sendSigned(agent.hello());
    return agent;
  }

  @Test
  void badFrameGetsMalformedAndConnectionClosesAfterMaxBadFrames() throws Exception {
    long badBefore = node.metrics.count(EdgeMetrics.Counter.BAD_FRAMES);
    long closedBefore = node.metrics.count(EdgeMetrics.Counter.CLOSED_AFTER_BAD_FRAMES);
    long malformedBefore = node.metrics.refusals(ReasonCode.REASON_CODE_MALFORMED);
    try (TestDevice bystander = helloAgent(plain, "agg-bystander-1");
         TestDevice agent = helloAgent(plain, "agg-bad-1")) {
      byte[] garbage = new FrameEncoder(1024).frame(new byte[] {(byte) 0xFF, (byte) 0xFF, 0x01});
      int max = node.settings().limits().maxBadFrames();
      for (int i = 1; i <= max; i++) {
        agent.sendRaw(garbage);
        assertEquals(ReasonCode.REASON_CODE_MALFORMED, awaitError(agent).getReasonCode());
        if (i < max) {
          // still served between bad frames
          agent.sendSigned(agent.envelopes.to("bess-nobody", MessageType.QUERY, "").build());
        }
      }
      assertTrue(agent.awaitClosed(WAIT), "closed after " + max + " bad frames");
      // a connection open at the same time is still served
      bystander.sendSigned(bystander.envelopes.to("bess-nobody", MessageType.QUERY, "").build());
      assertEquals("bess-nobody", bystander.awaitType(MessageType.QUERY_RESPONSE, WAIT).getSenderId());
    }
    int max = node.settings().limits().maxBadFrames();
    assertEquals(badBefore + max, node.metrics.count(EdgeMetrics.Counter.BAD_FRAMES));
    assertEquals(closedBefore + 1, node.metrics.count(EdgeMetrics.Counter.CLOSED_AFTER_BAD_FRAMES));
    assertEquals(malformedBefore + max, node.metrics.refusals(ReasonCode.REASON_CODE_MALFORMED));
    // the node and other connections are unaffected
    runAuction(plain, null, "bess-after-bad", "agg-after-bad");
  }

  @Test
  void wrongSignatureGetsBadSignature() throws Exception {
    try (TestDevice agent = helloAgent(plain, "agg-sig-1")) {
      EtpMessage signed = agent.signed(agent.envelopes.to("bess-x", MessageType.QUERY, "").build());
      byte[] tag = signed.getHmacSha256().toByteArray();
      tag[0] ^= 1;
      EtpMessage tampered = signed.toBuilder().setHmacSha256(com.google.protobuf.ByteString.copyFrom(tag)).build();
      agent.sendRaw(new FrameEncoder(1024).frame(tampered));
      EtpMessage error = awaitError(agent);
      assertEquals(ReasonCode.REASON_CODE_BAD_SIGNATURE, error.getReasonCode());
      assertTrue(error.getDetail().contains(Long.toString(tampered.getMessageId())));
      assertFalse(agent.awaitClosed(Duration.ofMillis(300)), "one bad frame does not close the connection");
    }
  }

  @Test
  void expiredTtlGetsTtlExpiredAndStaleMessageGetsDeadlineExpired() throws Exception {
    try (TestDevice agent = helloAgent(plain, "agg-ttl-1")) {
      agent.sendSigned(agent.envelopes.to("bess-x", MessageType.QUERY, "").setTtl(0).build());
      assertEquals(ReasonCode.REASON_CODE_TTL_EXPIRED, awaitError(agent).getReasonCode());
      agent.sendSigned(agent.envelopes.to("bess-x", MessageType.QUERY, "")
          .setSentAtMs(System.currentTimeMillis() - 5_000).build());
      assertEquals(ReasonCode.REASON_CODE_DEADLINE_EXPIRED, awaitError(agent).getReasonCode());
    }
  }

  @Test
  void replayedMessageGetsReplayed() throws Exception {
    try (TestDevice agent = helloAgent(plain, "agg-replay-1")) {
      byte[] frame = new FrameEncoder(1024).frame(agent.signed(
          agent.envelopes.to("bess-replayed", MessageType.QUERY, "").build()));
      agent.sendRaw(frame);
      agent.sendRaw(frame);
      assertEquals(ReasonCode.REASON_CODE_REPLAYED, awaitError(agent).getReasonCode());
    }
  }

  @Test
  void oversizeFrameGetsFrameTooLargeAndClosesAtOnce() throws Exception {
    try (TestDevice agent = helloAgent(plain, "agg-big-1")) {
      int max = node.settings().limits().maxFrameBytes();
      byte[] header = {(byte) ((max + 1) >>> 24), (byte) ((max + 1) >>> 16), (byte) ((max + 1) >>> 8),
          (byte) (max + 1)};
      agent.sendRaw(header);
      assertEquals(ReasonCode.REASON_CODE_FRAME_TOO_LARGE, awaitError(agent).getReasonCode());
      assertTrue(agent.awaitClosed(WAIT));
    }
  }

  @Test
  void firstMessageThatIsNotASignedHelloIsRefusedAndClosed() throws Exception {
    try (TestDevice agent = connect(plain, "agg-nohello-1", PeerRole.PEER_ROLE_AGGREGATOR, null)) {
      agent.sendRaw(new FrameEncoder(1024).frame(agent.hello()));
      EtpMessage error = awaitError(agent);
      assertEquals(ReasonCode.REASON_CODE_UNAUTHENTICATED, error.getReasonCode());
      assertTrue(agent.awaitClosed(WAIT));
    }
  }

  @Test
  void agentSigningAsAnotherSenderIsRefusedAsUnauthenticated() throws Exception {
    io.etp.protocol.signing.DeviceKey otherKey = node.key("agg-claim-2", PeerRole.PEER_ROLE_AGGREGATOR);
    try (TestDevice agent = helloAgent(plain, "agg-claim-1")) {
      EtpMessage foreign = io.etp.protocol.signing.MessageSigner.sign(new io.etp.auction.Envelopes("agg-claim-2",
          PeerRole.PEER_ROLE_AGGREGATOR, node.clock).to("bess-x", MessageType.QUERY, "").build(), otherKey);
      agent.sendRaw(new FrameEncoder(1024).frame(foreign));
      assertEquals(ReasonCode.REASON_CODE_UNAUTHENTICATED, awaitError(agent).getReasonCode());
    }
  }

  @Test
  void floodBeyondTheRateLimitGetsRateLimited() throws Exception {
    try (TestDevice agent = helloAgent(strict, "agg-flood-1")) {
      for (int i = 0; i < 20; i++) {
        agent.sendSigned(agent.envelopes.to("bess-flood", MessageType.QUERY, "").build());
      }
      assertEquals(ReasonCode.REASON_CODE_RATE_LIMITED, awaitError(agent).getReasonCode());
      assertTrue(strict.metrics().count(EdgeMetrics.Counter.RATE_LIMITED) > 0);
    }
  }

  @Test
  void silentConnectionIsToldTimeoutAndClosed() throws Exception {
    long before = strict.metrics().count(EdgeMetrics.Counter.CLOSED_IDLE);
    try (TestDevice agent = helloAgent(strict, "agg-idle-1")) {
      EtpMessage end = agent.awaitType(MessageType.TERMINATE, WAIT);
      assertEquals(TerminationCode.TERMINATION_CODE_TIMEOUT, end.getTerminationCode());
      assertTrue(agent.awaitClosed(WAIT));
    }
    assertTrue(strict.metrics().count(EdgeMetrics.Counter.CLOSED_IDLE) >= before + 1, "counted as idle");
  }

  @Test
  void connectionsBeyondTheNodeCapAreRefused() throws Exception {
    TestProbe<Object> waiter = node.testKit.createTestProbe();
    waiter.awaitAssert(WAIT, () -> {
      assertEquals(0, strict.metrics().openConnections());
      return null;
    });
    long before = strict.metrics().count(EdgeMetrics.Counter.CONNECTIONS_REFUSED_LIMIT);
    List<TestDevice> open = new java.util.ArrayList<>();
    try {
      for (int i = 0; i < 4; i++) {
        open.add(connect(strict, "agg-cap-" + i, PeerRole.PEER_ROLE_AGGREGATOR, null));
      }
      TestDevice fourth = open.get(3);
      EtpMessage refusal = fourth.awaitType(MessageType.TERMINATE, WAIT);
      assertEquals(TerminationCode.TERMINATION_CODE_CANCELLED, refusal.getTerminationCode());
      assertTrue(fourth.awaitClosed(WAIT));
      assertEquals(before + 1, strict.metrics().count(EdgeMetrics.Counter.CONNECTIONS_REFUSED_LIMIT));
    } finally {
      for (TestDevice d : open) {
        d.close();
      }
    }
  }

  @Test
  void aFullOutboundQueueDropsAndCountsOrClosesPerPolicy() throws Exception {
    EtpMessage m = new io.etp.auction.Envelopes("bess-slow", PeerRole.PEER_ROLE_BATTERY, node.clock)
        .to("agg-slow", MessageType.QUERY_RESPONSE, "").build();
    // a connection whose socket takes nothing: its queue of 2 is never drained
    for (EdgeSettings.OverflowPolicy policy : EdgeSettings.OverflowPolicy.values()) {
      EdgeMetrics metrics = new EdgeMetrics();
      org.apache.pekko.stream.BoundedSourceQueue<EtpMessage> queue = org.apache.pekko.stream.javadsl.Source
          .<EtpMessage>queue(2)
          .to(org.apache.pekko.stream.javadsl.Sink.fromSubscriber(new org.reactivestreams.Subscriber<EtpMessage>() {
            @Override
            public void onSubscribe(org.reactivestreams.Subscription s) {
              // a socket that takes nothing: never requests
            }

            @Override
            public void onNext(EtpMessage e) {
            }

            @Override
            public void onError(Throwable t) {
            }

            @Override
            public void onComplete() {
            }
          }))
          .run(node.testKit.system());
      java.util.concurrent.atomic.AtomicInteger overflows = new java.util.concurrent.atomic.AtomicInteger();
      var link = node.testKit.spawn(DeviceLink.create(node.core, "agg-slow-" + policy, PeerRole.PEER_ROLE_AGGREGATOR,
          queue, policy, Duration.ofSeconds(30), metrics, overflows::incrementAndGet));
      for (int i = 0; i < 5; i++) {
        link.tell(new DeviceLink.Deliver(m));
      }
      TestProbe<Object> waiter = node.testKit.createTestProbe();
      waiter.awaitAssert(WAIT, () -> {
        long queued = metrics.count(EdgeMetrics.Counter.FRAMES_OUT);
        long dropped = metrics.count(EdgeMetrics.Counter.OUTBOUND_DROPPED);
        assertEquals(5, queued + dropped, policy + ": each message queued or dropped");
        assertEquals(2, queued, policy + ": the queue holds 2");
        assertEquals(policy == EdgeSettings.OverflowPolicy.CLOSE ? dropped : 0, overflows.get(),
            policy + ": the connection is told to close on each overflow");
        return null;
      });
      link.tell(DeviceLink.Stop.INSTANCE);
    }
  }

  /**
   * Queries until the answer arrives: the agent's link attaches to its twin asynchronously after the hello, so an
   * answer to a query sent at once may reach the twin before the link.
   */
  private static EtpMessage queryUntilAnswered(TestDevice agent, String batteryId) throws Exception {
    long until = System.nanoTime() + WAIT.toNanos();
    while (true) {
      agent.sendSigned(agent.envelopes.to(batteryId, MessageType.QUERY, "").build());
      try {
        return agent.awaitType(MessageType.QUERY_RESPONSE, Duration.ofSeconds(1));
      } catch (AssertionError notYet) {
        if (System.nanoTime() > until) {
          throw notYet;
        }
      }
    }
  }

  @Test
  void bidOfAnAbsurdPriceIsRefusedWithAReasonCodeAndNeverReachesTheBattery() throws Exception {
    try (TestDevice battery = connect(plain, "bess-huge-1", PeerRole.PEER_ROLE_BATTERY, null);
         TestDevice agent = helloAgent(plain, "agg-huge-1")) {
      battery.sendSigned(battery.hello());
      awaitRegistered("bess-huge-1");
      EtpMessage bid = agent.envelopes.to("bess-huge-1", MessageType.BID, "").setBidPriceCPerKwh(1e300)
          .setRequiredEnergyKwh(1.0).build();
      agent.sendSigned(bid);
      EtpMessage error = awaitError(agent);
      assertTrue(error.getReasonCode() != ReasonCode.REASON_CODE_UNSPECIFIED, error.toString());
      assertTrue(error.getDetail().contains("bid_price_c_per_kwh"), error.getDetail());
      assertTrue(error.getDetail().contains(Long.toString(bid.getMessageId())), error.getDetail());
      // the battery device would have been informed of a bid its twin received: it sees none
      assertFalse(battery.received.stream().anyMatch(m -> m.getMessageType() == MessageType.BID));
      TestProbe<Battery.BatteryStatus> probe = node.testKit.createTestProbe();
      node.core.battery("bess-huge-1").tell(new Battery.GetStatus(probe.getRef()));
      assertEquals(0.0, probe.receiveMessage(WAIT).state().soldKwh(), 1e-9);
    }
  }

  @Test
  void terminateClaimingTheGatewayRoleIsRefusedAndTheBatteryStaysOnline() throws Exception {
    long before = node.metrics.refusals(ReasonCode.REASON_CODE_ROLE_NOT_PERMITTED);
    try (TestDevice battery = connect(plain, "bess-owned-1", PeerRole.PEER_ROLE_BATTERY, null);
         TestDevice agent = helloAgent(plain, "agg-rogue-1")) {
      battery.sendSigned(battery.hello());
      awaitRegistered("bess-owned-1");
      agent.sendSigned(agent.envelopes.to("bess-owned-1", MessageType.TERMINATE, "")
          .setSenderRole(PeerRole.PEER_ROLE_GATEWAY)
          .setTerminationCode(TerminationCode.TERMINATION_CODE_CANCELLED).build());
      assertEquals(ReasonCode.REASON_CODE_ROLE_NOT_PERMITTED, awaitError(agent).getReasonCode());
      assertTrue(agent.awaitClosed(WAIT), "a role claim closes the connection");
      // the battery still trades: a query is answered
      try (TestDevice buyer = helloAgent(plain, "agg-honest-1")) {
        assertEquals("bess-owned-1", queryUntilAnswered(buyer, "bess-owned-1").getSenderId());
      }
      TestProbe<Battery.BatteryStatus> probe = node.testKit.createTestProbe();
      node.core.battery("bess-owned-1").tell(new Battery.GetStatus(probe.getRef()));
      assertEquals(io.etp.battery.Availability.ONLINE, probe.receiveMessage(WAIT).state().availability());
    }
    assertEquals(before + 1, node.metrics.refusals(ReasonCode.REASON_CODE_ROLE_NOT_PERMITTED));
  }

  @Test
  void aggregatorKeyCannotRegisterABatteryTwin() throws Exception {
    io.etp.protocol.signing.DeviceKey aggKey = node.key("agg-posing-1", PeerRole.PEER_ROLE_AGGREGATOR);
    try (TestDevice poser = new TestDevice(new InetSocketAddress("127.0.0.1", plain.address().getPort()),
        "agg-posing-1", PeerRole.PEER_ROLE_BATTERY, aggKey, node.nodeKey, null)) {
      poser.sendSigned(poser.hello());
      EtpMessage error = awaitError(poser);
      assertEquals(ReasonCode.REASON_CODE_ROLE_NOT_PERMITTED, error.getReasonCode());
      assertTrue(poser.awaitClosed(WAIT));
    }
    TestProbe<Battery.BatteryStatus> probe = node.testKit.createTestProbe();
    node.core.battery("agg-posing-1").tell(new Battery.GetStatus(probe.getRef()));
    assertTrue(probe.receiveMessage(WAIT).state().availability() != io.etp.battery.Availability.ONLINE,
        "no battery twin registered under the aggregator's id");
  }

  @Test
  void everyFrameFromTheGatewayIsSignedWithTheNodeKey() throws Exception {
    try (TestDevice agent = helloAgent(plain, "agg-verify-1")) {
      EtpMessage offer = queryUntilAnswered(agent, "bess-verify");
      assertEquals(node.nodeKey.keyId(), offer.getKeyId());
      agent.sendSigned(agent.envelopes.to("bess-verify", MessageType.QUERY, "").setTtl(0).build());
      assertEquals(node.nodeKey.keyId(), awaitError(agent).getKeyId());
      // a frame altered on the way fails the device's check
      EtpMessage tampered = offer.toBuilder().setPercentageForSale(99).build();
      assertFalse(new io.etp.protocol.signing.SignatureVerifier(node.nodeKey.verifier())
          .verify(tampered, java.time.Instant.now()).isValid());
      assertTrue(agent.unverified.isEmpty(), agent.unverified.toString());
    }
  }

  private javax.net.ssl.SSLSocket tlsSocket(String protocol, String suite) throws IOException {
    javax.net.ssl.SSLSocket socket = (javax.net.ssl.SSLSocket) clientTls.createSocket("127.0.0.1",
        tls.address().getPort());
    socket.setSoTimeout(5000);
    socket.setEnabledProtocols(new String[] {protocol});
    if (suite != null) {
      socket.setEnabledCipherSuites(new String[] {suite});
    }
    return socket;
  }

  @Test
  void tlsClientOfferingOnlyACbcSha1SuiteFailsTheHandshake() throws Exception {
    try (javax.net.ssl.SSLSocket socket = tlsSocket("TLSv1.2", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA")) {
      org.junit.jupiter.api.Assertions.assertThrows(javax.net.ssl.SSLException.class, socket::startHandshake);
    }
  }

  @Test
  void tls13AndTls12AeadHandshakesSucceed() throws Exception {
    try (javax.net.ssl.SSLSocket socket = tlsSocket("TLSv1.3", null)) {
      socket.startHandshake();
      assertEquals("TLSv1.3", socket.getSession().getProtocol());
    }
    try (javax.net.ssl.SSLSocket socket = tlsSocket("TLSv1.2", null)) {
      socket.startHandshake();
      assertEquals("TLSv1.2", socket.getSession().getProtocol());
      assertTrue(EdgeTls.CIPHER_SUITES.contains(socket.getSession().getCipherSuite()),
          socket.getSession().getCipherSuite());
    }
  }

  @Test
  void decodedErrorFramesRoundTripThroughTheCodec() {
    EtpMessage e = new ErrorFrames("gw", node.clock).protocolError("agg-1", 42, "n-1",
        ReasonCode.REASON_CODE_BAD_SIGNATURE, "hmac mismatch");
    EtpMessage back = EtpCodec.decode(EtpCodec.encode(e));
    assertEquals(TerminationCode.TERMINATION_CODE_PROTOCOL_ERROR, back.getTerminationCode());
    assertEquals(ReasonCode.REASON_CODE_BAD_SIGNATURE, back.getReasonCode());
    assertEquals("message 42: hmac mismatch", back.getDetail());
  }
}
