package io.etp.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etp.protocol.EtpCodec;
import io.etp.protocol.EtpProtocolException;
import io.etp.protocol.signing.DeviceKey;
import io.etp.protocol.signing.MessageSigner;
import io.etp.protocol.v1.EtpMessage;
import io.etp.protocol.v1.MessageType;
import io.etp.protocol.v1.PeerRole;
import io.etp.protocol.v1.ReasonCode;
import io.etp.protocol.validation.ConnectionAuthenticator;
import io.etp.protocol.validation.MessageGate;
import io.etp.protocol.validation.TokenBucketRateLimiter;
import io.etp.protocol.validation.ValidationLimits;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The per-connection decisions, without sockets or actors, on a fixed clock. */
class DeviceSessionTest {

  private final Clock clock = Clock.fixed(Instant.parse("2026-11-21T03:00:00Z"), ZoneOffset.UTC);
  private final EdgeKeys keys = new EdgeKeys();
  private final EdgeMetrics metrics = new EdgeMetrics();
  private final List<EtpMessage> toBattery = new ArrayList<>();
  private final List<String> connected = new ArrayList<>();
  private long nextId = 1;

  private DeviceSession session(int maxBadFrames, double ratePerSecond) {
    return new DeviceSession(new ConnectionAuthenticator(MessageGate.create(ValidationLimits.DEFAULTS, keys, clock)),
        keys, EdgeBounds.DEFAULTS, clock, new TokenBucketRateLimiter(ratePerSecond, ratePerSecond, 1, clock), maxBadFrames,
        new ErrorFrames("gw", clock), metrics, new DeviceSession.Twins() {
          @Override
          public void connected(String deviceId, PeerRole role) {
            connected.add(deviceId + "/" + role);
          }

          @Override
          public void toBattery(EtpMessage message) {
            toBattery.add(message);
          }
        });
  }

  /** A key for {@code id}: an aggregator's when the id starts with "agg", else a battery's. */
  private DeviceKey key(String id) {
    return key(id, id.startsWith("agg") ? PeerRole.PEER_ROLE_AGGREGATOR : PeerRole.PEER_ROLE_BATTERY);
  }

  private DeviceKey key(String id, PeerRole role) {
    DeviceKey k = DeviceKey.of(id, "k1", new byte[32], Instant.EPOCH, Instant.parse("9999-01-01T00:00:00Z"));
    keys.add(role, k);
    return k;
  }

  private EtpMessage.Builder msg(String sender, PeerRole role, MessageType type, String recipient) {
    return EtpMessage.newBuilder().setProtocolVersion(1).setMessageType(type).setMessageId(nextId++)
        .setSenderId(sender).setSenderRole(role).setRecipientId(recipient).setSentAtMs(clock.millis()).setTtl(5);
  }

  private static byte[] bytes(EtpMessage m) {
    return EtpCodec.encode(m);
  }

  @Test
  void batteryHelloConnectsTheDeviceAndRegistersItsTwin() {
    DeviceKey k = key("bess-1");
    DeviceSession s = session(3, 100);
    DeviceSession.Outcome o = s.onFrame(bytes(MessageSigner.sign(msg("bess-1", PeerRole.PEER_ROLE_BATTERY,
        MessageType.REGISTER, "").setEnergyTotalKwh(13.5).build(), k)));
    assertTrue(o.replies().isEmpty());
    assertEquals(List.of("bess-1/PEER_ROLE_BATTERY"), connected);
    assertEquals(1, toBattery.size());
    assertEquals("bess-1", toBattery.get(0).getRecipientId());
  }

  @Test
  void batteryMessagesAlwaysGoToItsOwnTwin() {
    DeviceKey k = key("bess-2");
    DeviceSession s = session(3, 100);
    s.onFrame(bytes(MessageSigner.sign(msg("bess-2", PeerRole.PEER_ROLE_BATTERY, MessageType.REGISTER, "")
        .setEnergyTotalKwh(13.5).build(), k)));
    s.onFrame(bytes(MessageSigner.sign(msg("bess-2", PeerRole.PEER_ROLE_BATTERY, MessageType.BESS_STATUS, "bess-9")
        .setRemainingEnergyKwh(10).build(), k)));
    assertEquals("bess-2", toBattery.get(1).getRecipientId());
  }

  @Test
  void aggregatorHelloIsNotForwardedAndItsBidsGoToTheNamedBattery() {
    DeviceKey k = key("agg-1");
    DeviceSession s = session(3, 100);
    s.onFrame(bytes(MessageSigner.sign(msg("agg-1", PeerRole.PEER_ROLE_AGGREGATOR, MessageType.REGISTER, "")
        .setEnergyTotalKwh(0).build(), k)));
    assertTrue(toBattery.isEmpty());
    s.onFrame(bytes(MessageSigner.sign(msg("agg-1", PeerRole.PEER_ROLE_AGGREGATOR, MessageType.BID, "bess-5")
        .setBidPriceCPerKwh(15).setRequiredEnergyKwh(1).build(), k)));
    assertEquals("bess-5", toBattery.get(0).getRecipientId());
  }

  @Test
  void aggregatorMayNotSendBatteryAnswersNorOmitTheRecipient() {
    DeviceKey k = key("agg-2");
    DeviceSession s = session(5, 100);
    s.onFrame(bytes(MessageSigner.sign(msg("agg-2", PeerRole.PEER_ROLE_AGGREGATOR, MessageType.REGISTER, "")
        .setEnergyTotalKwh(0).build(), k)));
    DeviceSession.Outcome o = s.onFrame(bytes(MessageSigner.sign(msg("agg-2", PeerRole.PEER_ROLE_AGGREGATOR,
        MessageType.BID_ACCEPT, "bess-5").setBidPriceCPerKwh(15).build(), k)));
    assertEquals(ReasonCode.REASON_CODE_ROLE_NOT_PERMITTED, o.replies().get(0).getReasonCode());
    o = s.onFrame(bytes(MessageSigner.sign(msg("agg-2", PeerRole.PEER_ROLE_AGGREGATOR, MessageType.QUERY, "")
        .build(), k)));
    assertEquals(ReasonCode.REASON_CODE_MISSING_FIELD, o.replies().get(0).getReasonCode());
    assertTrue(toBattery.isEmpty());
  }

  @Test
  void theNthBadFrameClosesTheConnectionAndEachIsCountedByReason() {
    DeviceKey k = key("agg-3");
    DeviceSession s = session(3, 100);
    s.onFrame(bytes(MessageSigner.sign(msg("agg-3", PeerRole.PEER_ROLE_AGGREGATOR, MessageType.REGISTER, "")
        .setEnergyTotalKwh(0).build(), k)));
    byte[] garbage = {(byte) 0xFF, (byte) 0xFF};
    assertTrue(s.onFrame(garbage).closeWith().isEmpty());
    assertTrue(s.onFrame(garbage).closeWith().isEmpty());
    DeviceSession.Outcome third = s.onFrame(garbage);
    assertEquals(EdgeMetrics.Counter.CLOSED_AFTER_BAD_FRAMES, third.closeWith().orElseThrow());
    assertEquals(ReasonCode.REASON_CODE_MALFORMED, third.replies().get(0).getReasonCode());
    assertEquals(3, metrics.refusals(ReasonCode.REASON_CODE_MALFORMED));
  }

  @Test
  void lateMessagesAreAnsweredButNeverCloseTheConnection() {
    DeviceKey k = key("agg-6");
    DeviceSession s = session(1, 100);
    s.onFrame(bytes(MessageSigner.sign(msg("agg-6", PeerRole.PEER_ROLE_AGGREGATOR, MessageType.REGISTER, "")
        .setEnergyTotalKwh(0).build(), k)));
    for (int i = 0; i < 3; i++) {
      DeviceSession.Outcome o = s.onFrame(bytes(MessageSigner.sign(msg("agg-6", PeerRole.PEER_ROLE_AGGREGATOR,
          MessageType.QUERY, "bess-1").setSentAtMs(clock.millis() - 10_000).build(), k)));
      assertEquals(ReasonCode.REASON_CODE_DEADLINE_EXPIRED, o.replies().get(0).getReasonCode());
      assertTrue(o.closeWith().isEmpty());
    }
    assertEquals(3, metrics.count(EdgeMetrics.Counter.LATE_FRAMES));
    assertTrue(toBattery.isEmpty());
  }

  @Test
  void unsignedHelloIsRefusedAndClosesAtOnce() {
    key("bess-4");
    DeviceSession s = session(3, 100);
    DeviceSession.Outcome o = s.onFrame(bytes(msg("bess-4", PeerRole.PEER_ROLE_BATTERY, MessageType.REGISTER, "")
        .setEnergyTotalKwh(13.5).build()));
    assertEquals(ReasonCode.REASON_CODE_UNAUTHENTICATED, o.replies().get(0).getReasonCode());
    assertEquals(EdgeMetrics.Counter.CLOSED_UNAUTHENTICATED, o.closeWith().orElseThrow());
    assertTrue(connected.isEmpty());
  }

  @Test
  void beyondTheBucketMessagesAreRateLimitedWithoutCountingAsBadFrames() {
    DeviceKey k = key("agg-5");
    DeviceSession s = session(1, 2);
    s.onFrame(bytes(MessageSigner.sign(msg("agg-5", PeerRole.PEER_ROLE_AGGREGATOR, MessageType.REGISTER, "")
        .setEnergyTotalKwh(0).build(), k)));
    s.onFrame(bytes(MessageSigner.sign(msg("agg-5", PeerRole.PEER_ROLE_AGGREGATOR, MessageType.QUERY, "bess-1")
        .build(), k)));
    DeviceSession.Outcome o = s.onFrame(bytes(MessageSigner.sign(msg("agg-5", PeerRole.PEER_ROLE_AGGREGATOR,
        MessageType.QUERY, "bess-1").build(), k)));
    assertEquals(ReasonCode.REASON_CODE_RATE_LIMITED, o.replies().get(0).getReasonCode());
    assertTrue(o.closeWith().isEmpty());
    assertEquals(1, toBattery.size());
  }

  @Test
  void framingErrorClosesWithItsReason() {
    DeviceSession s = session(3, 100);
    DeviceSession.Outcome o = s.onFramingError(new EtpProtocolException(ReasonCode.REASON_CODE_FRAME_TOO_LARGE,
        "too big"));
    assertEquals(ReasonCode.REASON_CODE_FRAME_TOO_LARGE, o.replies().get(0).getReasonCode());
    assertEquals(EdgeMetrics.Counter.CLOSED_FRAMING, o.closeWith().orElseThrow());
  }
  @Test
  void terminateFromAnAggregatorClaimingTheGatewayRoleIsRefusedAndClosesNeverReachingTheBattery() {
    DeviceKey k = key("agg-7");
    DeviceSession s = session(3, 100);
    s.onFrame(bytes(MessageSigner.sign(msg("agg-7", PeerRole.PEER_ROLE_AGGREGATOR, MessageType.REGISTER, "")
        .setEnergyTotalKwh(0).build(), k)));
    for (String auction : List.of("", "auction-1")) {
      DeviceSession fresh = auction.isEmpty() ? s : session(3, 100);
      if (!auction.isEmpty()) {
        fresh.onFrame(bytes(MessageSigner.sign(msg("agg-7", PeerRole.PEER_ROLE_AGGREGATOR, MessageType.REGISTER, "")
            .setEnergyTotalKwh(0).build(), k)));
      }
      DeviceSession.Outcome o = fresh.onFrame(bytes(MessageSigner.sign(msg("agg-7", PeerRole.PEER_ROLE_GATEWAY,
          MessageType.TERMINATE, "bess-1").setNegotiationId(auction)
          .setTerminationCode(io.etp.protocol.v1.TerminationCode.TERMINATION_CODE_CANCELLED).build(), k)));
      assertEquals(ReasonCode.REASON_CODE_ROLE_NOT_PERMITTED, o.replies().get(0).getReasonCode());
      assertEquals(EdgeMetrics.Counter.CLOSED_ROLE_REFUSED, o.closeWith().orElseThrow());
    }
    assertTrue(toBattery.isEmpty());
    assertEquals(2, metrics.refusals(ReasonCode.REASON_CODE_ROLE_NOT_PERMITTED));
  }

  @Test
  void batteryKeyHelloClaimingTheAggregatorRoleIsRefusedAndClosed() {
    DeviceKey k = key("bess-8");
    DeviceSession s = session(3, 100);
    DeviceSession.Outcome o = s.onFrame(bytes(MessageSigner.sign(msg("bess-8", PeerRole.PEER_ROLE_AGGREGATOR,
        MessageType.REGISTER, "").setEnergyTotalKwh(0).build(), k)));
    assertEquals(ReasonCode.REASON_CODE_ROLE_NOT_PERMITTED, o.replies().get(0).getReasonCode());
    assertEquals(EdgeMetrics.Counter.CLOSED_ROLE_REFUSED, o.closeWith().orElseThrow());
    assertTrue(connected.isEmpty());
  }

  @Test
  void aggregatorKeyHelloClaimingTheBatteryRoleRegistersNoTwin() {
    DeviceKey k = key("agg-9");
    DeviceSession s = session(3, 100);
    DeviceSession.Outcome o = s.onFrame(bytes(MessageSigner.sign(msg("agg-9", PeerRole.PEER_ROLE_BATTERY,
        MessageType.REGISTER, "").setEnergyTotalKwh(13.5).build(), k)));
    assertEquals(ReasonCode.REASON_CODE_ROLE_NOT_PERMITTED, o.replies().get(0).getReasonCode());
    assertTrue(o.closeWith().isPresent());
    assertTrue(connected.isEmpty());
    assertTrue(toBattery.isEmpty());
  }

  @Test
  void helloClaimingTheGatewayRoleIsRefusedAsARoleClaim() {
    DeviceKey k = key("bess-10");
    DeviceSession s = session(3, 100);
    DeviceSession.Outcome o = s.onFrame(bytes(MessageSigner.sign(msg("bess-10", PeerRole.PEER_ROLE_GATEWAY,
        MessageType.REGISTER, "").setEnergyTotalKwh(13.5).build(), k)));
    assertEquals(ReasonCode.REASON_CODE_ROLE_NOT_PERMITTED, o.replies().get(0).getReasonCode());
    assertEquals(EdgeMetrics.Counter.CLOSED_ROLE_REFUSED, o.closeWith().orElseThrow());
    assertTrue(connected.isEmpty());
  }

  @Test
  void bidAboveThePriceBoundIsRefusedAsPriceOutOfRange() {
    DeviceKey k = key("agg-11");
    DeviceSession s = session(3, 100);
    s.onFrame(bytes(MessageSigner.sign(msg("agg-11", PeerRole.PEER_ROLE_AGGREGATOR, MessageType.REGISTER, "")
        .setEnergyTotalKwh(0).build(), k)));
    DeviceSession.Outcome o = s.onFrame(bytes(MessageSigner.sign(msg("agg-11", PeerRole.PEER_ROLE_AGGREGATOR,
        MessageType.BID, "bess-5").setBidPriceCPerKwh(1e300).setRequiredEnergyKwh(1).build(), k)));
    assertEquals(ReasonCode.REASON_CODE_PRICE_OUT_OF_RANGE, o.replies().get(0).getReasonCode());
    assertTrue(o.replies().get(0).getDetail().contains("bid_price_c_per_kwh"));
    assertTrue(toBattery.isEmpty());
  }

  @Test
  void routedFramesCarryTheKeysRoleWhenTheyClaimNone() {
    DeviceKey k = key("agg-12");
    DeviceSession s = session(3, 100);
    s.onFrame(bytes(MessageSigner.sign(msg("agg-12", PeerRole.PEER_ROLE_AGGREGATOR, MessageType.REGISTER, "")
        .setEnergyTotalKwh(0).build(), k)));
    s.onFrame(bytes(MessageSigner.sign(msg("agg-12", PeerRole.PEER_ROLE_UNSPECIFIED, MessageType.QUERY, "bess-5")
        .build(), k)));
    assertEquals(PeerRole.PEER_ROLE_AGGREGATOR, toBattery.get(0).getSenderRole());
  }
}
