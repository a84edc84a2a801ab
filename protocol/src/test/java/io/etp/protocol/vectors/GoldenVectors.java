package io.etp.protocol.vectors;

import io.etp.protocol.ProtocolVersion;
import io.etp.protocol.TestMessages;
import io.etp.protocol.TimingClass;
import io.etp.protocol.delivery.DeliveryPeriod;
import io.etp.protocol.signing.DeviceKey;
import io.etp.protocol.signing.MessageSigner;
import io.etp.protocol.v1.AuctionMechanism;
import io.etp.protocol.v1.BatteryHealth;
import io.etp.protocol.v1.EtpMessage;
import io.etp.protocol.v1.MessageType;
import io.etp.protocol.v1.PeerRole;
import io.etp.protocol.v1.ReasonCode;
import io.etp.protocol.v1.RejectReason;
import io.etp.protocol.v1.TerminationCode;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The golden vectors: one deterministic, fully populated (every field of {@code EtpMessage} set) and signed message
 * per type. Their encodings, canonical bytes and tags are checked in under {@code src/test/resources/vectors}, written
 * by {@link GoldenVectorWriter}.
 *
 * <p>{@link #withDeliveryPeriod()} adds four vectors for the delivery period fields (35, 36), added after the ten:
 * an offer, a bid, an award and a trade for the quarter hour 03:15-03:30 UTC or the hour 04:00-05:00 UTC.
 *
 * <p>Test key (not a secret): key id {@code test-key-1}, secret the 32 bytes {@code 00 01 02 ... 1f}, valid
 * 2026-01-01T00:00:00Z to 2027-01-01T00:00:00Z, for both senders {@code bess-50} and {@code agg-3}.
 */
public final class GoldenVectors {

  /** Sending instant of every vector: 2026-11-21T03:00:00Z. */
  public static final Instant SENT_AT = Instant.parse("2026-11-21T03:00:00Z");
  /** The battery sender. */
  public static final String BATTERY = "bess-50";
  /** The aggregator sender. */
  public static final String AGGREGATOR = "agg-3";

  private GoldenVectors() {
  }

  /**
   * One vector.
   *
   * @param number the type number, also the file prefix
   * @param name the file name after the prefix
   * @param message the signed message
   */
  public record Vector(int number, String name, EtpMessage message) {
    /** @return the file stem, e.g. {@code 02-query-response} */
    public String stem() {
      return String.format(Locale.ROOT, "%02d-%s", number, name);
    }
  }

  /**
   * @param sender a sender
   * @return its test key, the documented one of {@link TestMessages#testKey}
   */
  public static DeviceKey key(String sender) {
    return TestMessages.testKey(sender);
  }

  /** @return the 10 vectors, in type order */
  public static List<Vector> all() {
    return List.of(
        vector(MessageType.REGISTER, "register", BATTERY, b -> b
            .setDetail("battery 50 online")),
        vector(MessageType.QUERY, "query", AGGREGATOR, b -> b
            .setDetail("what do you offer?")),
        vector(MessageType.QUERY_RESPONSE, "query-response", BATTERY, b -> b
            .setDetail("reserve disclosed")),
        vector(MessageType.BID, "bid", AGGREGATOR, b -> b
            .setDetail("first bid")),
        vector(MessageType.BID_ACCEPT, "bid-accept", BATTERY, b -> b
            .setDetail("accepted")),
        vector(MessageType.BID_CONFIRM, "bid-confirm", AGGREGATOR, b -> b
            .setDetail("confirmed")),
        vector(MessageType.BID_REJECT, "bid-reject", BATTERY, b -> b
            .setRejectReason(RejectReason.REJECT_REASON_BELOW_RESERVE).setDetail("below reserve 14.00")),
        vector(MessageType.TERMINATE, "terminate", AGGREGATOR, b -> b
            .setTerminationCode(TerminationCode.TERMINATION_CODE_PROTOCOL_ERROR)
            .setReasonCode(ReasonCode.REASON_CODE_BAD_SIGNATURE).setDetail("bad signature on message 41")),
        vector(MessageType.DEVICE_FAILURE, "device-failure", BATTERY, b -> b
            .setBatteryHealth(BatteryHealth.BATTERY_HEALTH_FAILED).setDischargeRateKw(0)
            .setDetail("inverter fault")),
        vector(MessageType.BESS_STATUS, "bess-status", BATTERY, b -> b
            .setDetail("telemetry")));
  }

  /** The quarter hour of the period vectors: 2026-11-21T03:15:00Z, 15 minutes. */
  public static final DeliveryPeriod QUARTER = new DeliveryPeriod(Instant.parse("2026-11-21T03:15:00Z").toEpochMilli(),
      15);
  /** The hour of the period vectors: 2026-11-21T04:00:00Z, 60 minutes. */
  public static final DeliveryPeriod HOUR = new DeliveryPeriod(Instant.parse("2026-11-21T04:00:00Z").toEpochMilli(),
      60);

  /**
   * @return the four delivery-period vectors, fully populated like {@link #all()} plus fields 35 and 36 (and the
   *     offer's {@code auction_mechanism}): {@code 02-query-response-period}, {@code 03-bid-period},
   *     {@code 04-bid-accept-period}, {@code 05-bid-confirm-period}
   */
  public static List<Vector> withDeliveryPeriod() {
    return List.of(
        vector(MessageType.QUERY_RESPONSE, "query-response-period", BATTERY, b -> QUARTER.writeTo(b
            .setAuctionMechanism(AuctionMechanism.AUCTION_MECHANISM_SEALED_SECOND_PRICE)
            .setDetail("offer for 03:15"))),
        vector(MessageType.BID, "bid-period", AGGREGATOR, b -> HOUR.writeTo(b
            .setDetail("bid for 04:00-05:00"))),
        vector(MessageType.BID_ACCEPT, "bid-accept-period", BATTERY, b -> HOUR.writeTo(b
            .setDetail("awarded for 04:00-05:00"))),
        vector(MessageType.BID_CONFIRM, "bid-confirm-period", AGGREGATOR, b -> QUARTER.writeTo(b
            .setDetail("trade for 03:15"))));
  }

  /** The energy the metered vector's device measured as delivered in {@link #QUARTER}: 5.5 kWh. */
  public static final double METERED_KWH = 5.5;

  /**
   * @return the metered-delivery vector (field 37, added after the period vectors): {@code 09-bess-status-metered}, a
   *     BESSStatus fully populated like {@link #all()} plus the period {@link #QUARTER} and
   *     {@code metered_delivered_kwh} {@link #METERED_KWH}
   */
  public static List<Vector> withMeteredDelivery() {
    return List.of(vector(MessageType.BESS_STATUS, "bess-status-metered", BATTERY, b -> QUARTER.writeTo(b
        .setMeteredDeliveredKwh(METERED_KWH).setDetail("metered 03:15"))));
  }

  private interface Customiser {
    EtpMessage.Builder apply(EtpMessage.Builder b);
  }

  private static Vector vector(MessageType type, String name, String sender, Customiser customiser) {
    boolean fromBattery = BATTERY.equals(sender);
    String recipient = fromBattery ? AGGREGATOR : BATTERY;
    EtpMessage.Builder b = EtpMessage.newBuilder()
        .setProtocolVersion(ProtocolVersion.CURRENT)
        .setMessageType(type)
        .setMessageId(1000 + type.getNumber())
        .setDeviceId(fromBattery ? 50 : 3)
        .setSenderId(sender)
        .setRecipientId(recipient)
        .setNegotiationId("neg-2026-11-21-0001")
        .setSentAtMs(SENT_AT.toEpochMilli() - 5 + type.getNumber())
        .setTtl(TimingClass.DEFAULT_TTL)
        .setPriority(TimingClass.of(type).priority())
        .setSenderRole(fromBattery ? PeerRole.PEER_ROLE_BATTERY : PeerRole.PEER_ROLE_AGGREGATOR)
        .setBidPriceCPerKwh(15.0)
        .setSalePriceCPerKwh(15.0)
        .setEnergyTotalKwh(13.5)
        .setPercentageForSale(50.0)
        .setRequiredEnergyKwh(6.75)
        .setTerminationCode(TerminationCode.TERMINATION_CODE_COMPLETED)
        .setRemainingEnergyKwh(12.25)
        .setBatteryHealth(BatteryHealth.BATTERY_HEALTH_GOOD)
        .setBatteryVoltageV(51.2)
        .setDischargeRateKw(3.3)
        .setReservePriceCPerKwh(14.0)
        .setRejectReason(RejectReason.REJECT_REASON_UNSPECIFIED)
        .setReasonCode(ReasonCode.REASON_CODE_UNSPECIFIED);
    EtpMessage unsigned = customiser.apply(b).build();
    return new Vector(type.getNumber(), name, MessageSigner.sign(unsigned, key(sender)));
  }
}
