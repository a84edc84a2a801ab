package io.etp.legacy;

import io.etp.auction.Envelopes;
import io.etp.edge.EdgeBounds;
import io.etp.protocol.EtpProtocolException;
import io.etp.protocol.ValidationResult;
import io.etp.protocol.delivery.DeliveryPeriod;
import io.etp.protocol.legacy.LegacyMessage;
import io.etp.protocol.legacy.LegacyTextCodec;
import io.etp.protocol.v1.EtpMessage;
import io.etp.protocol.v1.MessageType;
import io.etp.protocol.v1.PeerRole;
import io.etp.protocol.v1.ReasonCode;
import io.etp.protocol.v1.TerminationCode;
import io.etp.protocol.validation.MessageValidator;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One legacy aggregator's connection to a battery twin, as a translator between the Go prototype's text messages and
 * ETP envelopes, free of streams and actors. Not thread-safe: inbound and outbound calls are serialised by the caller.
 *
 * <p>Inbound (legacy to twin): Query, Bid, BidConfirm and Terminate become ETP messages from
 * {@code legacy-agg-<deviceID>} to the twin. The prototype never filled the envelope, so the session does: sent now,
 * TTL 5 when the legacy TTL is 0 (the prototype sends 0), the twin's open auction as negotiation id, and for a Bid
 * without an energy amount (0.00) the lot the twin last offered; a negative amount is kept, so it is refused as
 * {@code NEGATIVE_ENERGY}. The legacy format has no delivery period, so a Bid is for the next period after it is read
 * ({@link LegacyMessage#toEtp(java.time.Instant, io.etp.protocol.delivery.DeliveryProducts)}, with the validator's
 * product list), and a BidConfirm for the period of the Bid this session last forwarded (the bid it confirms, even
 * when a period boundary passed in between), or the next period when there was none. Messages are validated by
 * {@link MessageValidator} (ranges, types, the period); legacy peers cannot sign.
 *
 * <p>Outbound (twin to legacy): only the replies the prototype reads (QueryResponse, BidAccept, BidReject) are written,
 * as legacy text; the twin's Terminate and the rest only update the session's view of the auction. A refused read
 * is answered with a legacy Terminate (type 7) carrying termination code 7 (protocol error).
 */
public final class LegacySession {

  /** Prefix of the aggregator id given to a legacy aggregator in the cluster. */
  public static final String AGGREGATOR_PREFIX = "legacy-agg-";

  private final String batteryId;
  private final MessageValidator validator;
  private final Clock clock;
  private String aggregatorId = "";
  private String negotiationId = "";
  private double lotKwh;
  private DeliveryPeriod bidPeriod;

  /**
   * @param batteryId the twin this listener serves
   * @param validator the stateless checks
   * @param clock the node clock
   */
  public LegacySession(String batteryId, MessageValidator validator, Clock clock) {
    this.batteryId = Objects.requireNonNull(batteryId, "batteryId");
    this.validator = Objects.requireNonNull(validator, "validator");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** @return the cluster id of the legacy aggregator, empty before its first message */
  public String aggregatorId() {
    return aggregatorId;
  }

  /** The verdict on one legacy read. */
  public sealed interface Inbound permits ToTwin, Refused, Ignored {
  }

  /** @param message the ETP message for the twin */
  public record ToTwin(EtpMessage message) implements Inbound {
  }

  /**
   * @param reason which check failed
   * @param reply the Terminate (code 7, protocol error, from the gateway) to write back as legacy text
   */
  public record Refused(ReasonCode reason, EtpMessage reply) implements Inbound {
  }

  /** A message type the battery side does not act on (Register, responses, telemetry from an aggregator). */
  public enum Ignored implements Inbound {
    INSTANCE
  }

  /**
   * @param bytes one read from the legacy peer
   * @return what to do with it
   */
  public Inbound onRead(byte[] bytes) {
    LegacyMessage legacy;
    try {
      legacy = LegacyTextCodec.parse(new String(bytes, StandardCharsets.US_ASCII).strip());
    } catch (EtpProtocolException e) {
      return refuse(e.reason(), 0);
    }
    if (aggregatorId.isEmpty()) {
      aggregatorId = AGGREGATOR_PREFIX + legacy.deviceId();
    }
    MessageType type = MessageType.forNumber(legacy.messageType());
    if (type != MessageType.QUERY && type != MessageType.BID && type != MessageType.BID_CONFIRM
        && type != MessageType.TERMINATE) {
      return Ignored.INSTANCE;
    }
    Instant receivedAt = clock.instant();
    EtpMessage.Builder b = legacy.toEtp(receivedAt, validator.limits().deliveryProducts()).toBuilder()
        .setSenderId(aggregatorId)
        .setSenderRole(PeerRole.PEER_ROLE_AGGREGATOR)
        .setRecipientId(batteryId)
        .setNegotiationId(negotiationId)
        .setSentAtMs(receivedAt.toEpochMilli())
        .setTtl(legacy.ttl() > 0 ? legacy.ttl() : Envelopes.DEFAULT_TTL)
        .setPriority(Envelopes.priority(type));
    if (type == MessageType.BID && legacy.requiredEnergyAmount() == 0) {
      // 0.00 (or -0.00) is the prototype's "no amount"; a negative amount stays, for the validator to refuse
      b.setRequiredEnergyKwh(lotKwh);
    }
    if (type == MessageType.BID_CONFIRM && bidPeriod != null) {
      bidPeriod.writeTo(b);
    }
    if (type == MessageType.TERMINATE && legacy.terminationCode() == 0) {
      b.setTerminationCode(TerminationCode.TERMINATION_CODE_CANCELLED);
    }
    EtpMessage m = b.build();
    ValidationResult v = validator.validate(m);
    if (v.isValid()) {
      v = EdgeBounds.DEFAULTS.check(m);
    }
    if (v instanceof ValidationResult.Invalid invalid) {
      return refuse(invalid.reason(), legacy.messageId());
    }
    if (type == MessageType.BID) {
      bidPeriod = DeliveryPeriod.of(m).orElse(null);
    }
    return new ToTwin(m);
  }

  /**
   * @param fromTwin a message the twin addressed to this legacy aggregator
   * @return the legacy text to write, if the prototype expects this message
   */
  public Optional<byte[]> onTwinMessage(EtpMessage fromTwin) {
    MessageType type = fromTwin.getMessageType();
    if (!fromTwin.getNegotiationId().isEmpty()) {
      negotiationId = fromTwin.getNegotiationId();
    }
    switch (type) {
      case QUERY_RESPONSE -> {
        negotiationId = fromTwin.getNegotiationId();
        lotKwh = fromTwin.getEnergyTotalKwh() * fromTwin.getPercentageForSale() / 100.0;
      }
      case TERMINATE -> {
        if (fromTwin.getSenderRole() != PeerRole.PEER_ROLE_GATEWAY) {
          negotiationId = "";
          return Optional.empty();
        }
      }
      case BID_ACCEPT, BID_REJECT -> {
        // written below
      }
      default -> {
        return Optional.empty();
      }
    }
    EtpMessage out = fromTwin.toBuilder().setTtl(0).build();
    return Optional.of(LegacyTextCodec.encode(out).getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * The listener's own closing message (idle timeout, connection cap), written as a legacy Terminate.
   *
   * @param code why the connection ends
   * @param detail for logs
   * @return a gateway Terminate that {@link #onTwinMessage(EtpMessage)} writes as legacy text
   */
  public EtpMessage closing(TerminationCode code, String detail) {
    return closingMessage(batteryId, code, detail);
  }

  /**
   * @param batteryId the twin a listener serves
   * @param code why the connection ends
   * @param detail for logs
   * @return a gateway Terminate for a connection that has no session yet (refused at the connection cap)
   */
  public static EtpMessage closingMessage(String batteryId, TerminationCode code, String detail) {
    return EtpMessage.newBuilder()
        .setProtocolVersion(1)
        .setMessageType(MessageType.TERMINATE)
        .setDeviceId(Envelopes.numericId(batteryId))
        .setSenderId(batteryId)
        .setSenderRole(PeerRole.PEER_ROLE_GATEWAY)
        .setTerminationCode(code)
        .setDetail(detail)
        .build();
  }

  /**
   * A read refused before any parsing (rate limit), answered like a bad read but not counted as one.
   *
   * @param reason the refusal
   * @return the refusal with its legacy Terminate
   */
  public Refused refusal(ReasonCode reason) {
    return refuse(reason, 0);
  }

  private Refused refuse(ReasonCode reason, long messageId) {
    return new Refused(reason, EtpMessage.newBuilder()
        .setProtocolVersion(1)
        .setMessageType(MessageType.TERMINATE)
        .setMessageId(messageId)
        .setDeviceId(Envelopes.numericId(batteryId))
        .setSenderId(batteryId)
        .setSenderRole(PeerRole.PEER_ROLE_GATEWAY)
        .setTerminationCode(TerminationCode.TERMINATION_CODE_PROTOCOL_ERROR)
        .setReasonCode(reason)
        .build());
  }
}
