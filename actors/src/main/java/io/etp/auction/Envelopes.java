package io.etp.auction;

import io.etp.protocol.v1.EtpMessage;
import io.etp.protocol.v1.MessageType;
import io.etp.protocol.v1.PeerRole;
import io.etp.protocol.v1.TerminationCode;
import java.time.Clock;

/**
 * Builds the ETP envelopes one peer sends another while trading. Signing is the edge's job: inside the
 * cluster messages travel unsigned between twins.
 */
public final class Envelopes {

  public static final int PROTOCOL_VERSION = 1;
  public static final int DEFAULT_TTL = 5;

  private final String senderId;
  private final PeerRole role;
  private final Clock clock;
  private long nextMessageId;

  public Envelopes(String senderId, PeerRole role, Clock clock) {
    this.senderId = senderId;
    this.role = role;
    this.clock = clock;
    this.nextMessageId = clock.millis() << 12;
  }

  /** A fresh envelope of this type from this sender to {@code recipientId} in {@code negotiationId}. */
  public EtpMessage.Builder to(String recipientId, MessageType type, String negotiationId) {
    return EtpMessage.newBuilder()
        .setProtocolVersion(PROTOCOL_VERSION)
        .setMessageType(type)
        .setMessageId(nextMessageId++)
        .setDeviceId(numericId(senderId))
        .setSenderId(senderId)
        .setRecipientId(recipientId)
        .setNegotiationId(negotiationId == null ? "" : negotiationId)
        .setSentAtMs(clock.millis())
        .setTtl(DEFAULT_TTL)
        .setPriority(priority(type))
        .setSenderRole(role);
  }

  public EtpMessage terminate(String recipientId, String negotiationId, TerminationCode code) {
    return to(recipientId, MessageType.TERMINATE, negotiationId).setTerminationCode(code).build();
  }

  /** Timing-class priority of a type (lower is more urgent), as in the protocol's timing table. */
  public static int priority(MessageType type) {
    return switch (type) {
      case DEVICE_FAILURE -> 0;
      case BID_ACCEPT, BID_CONFIRM, BID_REJECT -> 5;
      case BID, TERMINATE -> 10;
      case QUERY, QUERY_RESPONSE -> 50;
      case BESS_STATUS -> 60;
      case REGISTER -> 80;
      case UNRECOGNIZED -> 100;
    };
  }

  /** The legacy numeric device id: the trailing digits of the string id ("bess-50" -> 50), else 0. */
  public static long numericId(String id) {
    int i = id.length();
    while (i > 0 && Character.isDigit(id.charAt(i - 1))) i--;
    if (i == id.length()) return 0;
    String digits = id.substring(i);
    return digits.length() > 18 ? 0 : Long.parseLong(digits);
  }
}
