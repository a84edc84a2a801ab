package io.etp.edge;

import io.etp.protocol.v1.EtpMessage;
import io.etp.protocol.v1.MessageType;
import io.etp.protocol.v1.PeerRole;
import io.etp.protocol.v1.ReasonCode;
import io.etp.protocol.v1.TerminationCode;
import java.time.Clock;

/**
 * The frames the gateway itself sends: a {@code TERMINATE} from the gateway's id with {@code sender_role GATEWAY}.
 * A refused message gets {@code TERMINATION_CODE_PROTOCOL_ERROR} with its {@code reason_code}; the detail names the
 * refused {@code message_id}. An idle connection gets {@code TERMINATION_CODE_TIMEOUT}, a refused connection
 * {@code TERMINATION_CODE_CANCELLED}. Not thread-safe (message ids); one instance per connection.
 */
public final class ErrorFrames {

  private static final int MAX_DETAIL = 256;

  private final String gatewayId;
  private final Clock clock;
  private long nextId;

  /**
   * @param gatewayId the gateway's sender id
   * @param clock the node clock
   */
  public ErrorFrames(String gatewayId, Clock clock) {
    this.gatewayId = gatewayId;
    this.clock = clock;
    this.nextId = clock.millis() << 12;
  }

  /**
   * @param recipientId the device (empty before authentication)
   * @param refusedMessageId the refused message's id, or 0 when it could not be decoded
   * @param negotiationId the refused message's negotiation, or empty
   * @param reason which check failed
   * @param detail what was wrong
   * @return the error frame
   */
  public EtpMessage protocolError(String recipientId, long refusedMessageId, String negotiationId, ReasonCode reason,
      String detail) {
    String text = (refusedMessageId != 0 ? "message " + refusedMessageId + ": " : "") + detail;
    return base(recipientId, negotiationId, TerminationCode.TERMINATION_CODE_PROTOCOL_ERROR)
        .setReasonCode(reason)
        .setDetail(text.length() > MAX_DETAIL ? text.substring(0, MAX_DETAIL) : text)
        .build();
  }

  /**
   * @param recipientId the device
   * @param code why the gateway ends the connection
   * @param detail what happened
   * @return the closing frame
   */
  public EtpMessage closing(String recipientId, TerminationCode code, String detail) {
    return base(recipientId, "", code).setDetail(detail).build();
  }

  private EtpMessage.Builder base(String recipientId, String negotiationId, TerminationCode code) {
    return EtpMessage.newBuilder()
        .setProtocolVersion(1)
        .setMessageType(MessageType.TERMINATE)
        .setMessageId(nextId++)
        .setSenderId(gatewayId)
        .setSenderRole(PeerRole.PEER_ROLE_GATEWAY)
        .setRecipientId(recipientId)
        .setNegotiationId(negotiationId)
        .setSentAtMs(clock.millis())
        .setTtl(5)
        .setPriority(10)
        .setTerminationCode(code);
  }
}
