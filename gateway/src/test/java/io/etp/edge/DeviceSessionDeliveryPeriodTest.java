package io.etp.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etp.protocol.EtpCodec;
import io.etp.protocol.delivery.DeliveryPeriod;
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
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A device's offers and bids at the gateway, on a clock the test moves across a delivery period's start. */
class DeviceSessionDeliveryPeriodTest {

  private static final DeliveryPeriod QUARTER_0315 =
      new DeliveryPeriod(Instant.parse("2026-11-21T03:15:00Z").toEpochMilli(), 15);

  private final SettableClock clock = new SettableClock(Instant.parse("2026-11-21T03:10:00Z"));
  private final EdgeKeys keys = new EdgeKeys();
  private final List<EtpMessage> toBattery = new ArrayList<>();
  private long nextId = 1;

  private DeviceSession session() {
    return new DeviceSession(new ConnectionAuthenticator(MessageGate.create(ValidationLimits.DEFAULTS, keys, clock)),
        keys, EdgeBounds.DEFAULTS, clock, new TokenBucketRateLimiter(100, 100, 1, clock), 10,
        new ErrorFrames("gw", clock), new EdgeMetrics(), new DeviceSession.Twins() {
          @Override
          public void connected(String deviceId, PeerRole role) {
          }

          @Override
          public void toBattery(EtpMessage message) {
            toBattery.add(message);
          }
        });
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

  private DeviceSession.Outcome send(DeviceSession s, EtpMessage.Builder m, DeviceKey k) {
    return s.onFrame(EtpCodec.encode(MessageSigner.sign(m.build(), k)));
  }

  @Test
  void aBatterysOfferIsForwardedBeforeItsPeriodAndRefusedWithItsOwnReasonOnceItHasStarted() {
    DeviceKey k = key("bess-7", PeerRole.PEER_ROLE_BATTERY);
    DeviceSession s = session();
    send(s, msg("bess-7", PeerRole.PEER_ROLE_BATTERY, MessageType.REGISTER, "").setEnergyTotalKwh(13.5), k);
    int forwarded = toBattery.size();
    DeviceSession.Outcome early = send(s, QUARTER_0315.writeTo(msg("bess-7", PeerRole.PEER_ROLE_BATTERY,
        MessageType.QUERY_RESPONSE, "agg-1").setEnergyTotalKwh(13.5).setPercentageForSale(50)), k);
    assertTrue(early.replies().isEmpty(), early.replies().toString());
    assertEquals(forwarded + 1, toBattery.size());
    assertEquals(QUARTER_0315, DeliveryPeriod.of(toBattery.get(forwarded)).orElseThrow());

    clock.now = clock.now.plus(Duration.ofMinutes(5));
    DeviceSession.Outcome late = send(s, QUARTER_0315.writeTo(msg("bess-7", PeerRole.PEER_ROLE_BATTERY,
        MessageType.QUERY_RESPONSE, "agg-1").setEnergyTotalKwh(13.5).setPercentageForSale(50)), k);
    assertEquals(ReasonCode.REASON_CODE_DELIVERY_PERIOD_STARTED, late.replies().get(0).getReasonCode());
    assertEquals(forwarded + 1, toBattery.size(), "the late offer must not reach the twin");
  }

  @Test
  void anAggregatorsBidForAPeriodOutsideTheProductListIsRefused() {
    DeviceKey k = key("agg-4", PeerRole.PEER_ROLE_AGGREGATOR);
    DeviceSession s = session();
    send(s, msg("agg-4", PeerRole.PEER_ROLE_AGGREGATOR, MessageType.REGISTER, "").setEnergyTotalKwh(0), k);
    DeliveryPeriod halfHour = new DeliveryPeriod(Instant.parse("2026-11-21T04:00:00Z").toEpochMilli(), 30);
    DeviceSession.Outcome o = send(s, halfHour.writeTo(msg("agg-4", PeerRole.PEER_ROLE_AGGREGATOR, MessageType.BID,
        "bess-5").setBidPriceCPerKwh(15).setRequiredEnergyKwh(1)), k);
    assertEquals(ReasonCode.REASON_CODE_DELIVERY_PERIOD_UNKNOWN_LENGTH, o.replies().get(0).getReasonCode());
    DeliveryPeriod threeDaysOut = new DeliveryPeriod(Instant.parse("2026-11-24T04:00:00Z").toEpochMilli(), 60);
    o = send(s, threeDaysOut.writeTo(msg("agg-4", PeerRole.PEER_ROLE_AGGREGATOR, MessageType.BID, "bess-5")
        .setBidPriceCPerKwh(15).setRequiredEnergyKwh(1)), k);
    assertEquals(ReasonCode.REASON_CODE_DELIVERY_PERIOD_TOO_FAR, o.replies().get(0).getReasonCode());
    assertTrue(toBattery.isEmpty());
  }

  /** A clock the test sets by hand. */
  private static final class SettableClock extends Clock {
    private Instant now;

    SettableClock(Instant start) {
      now = start;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
