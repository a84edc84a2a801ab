package io.etp.edge;

import io.etp.protocol.v1.EtpMessage;
import io.etp.protocol.v1.MessageType;
import io.etp.protocol.v1.PeerRole;
import io.etp.protocol.v1.ReasonCode;

/**
 * What a device may send, decided from the role its key allows ({@link EdgeKeys}), never from the role it claims.
 * Pure; docs/edge.md, "Roles", has the table.
 *
 * <ul>
 *   <li>A frame claiming another role than its key's (the other device role, {@code PEER_ROLE_GATEWAY}, any unknown
 *       role) is refused with {@code ROLE_NOT_PERMITTED} and closes the connection: owner and gateway authority (ending
 *       a battery, cancelling its auction) come only from the node itself or an operator through the API. A frame
 *       that claims no role ({@code PEER_ROLE_UNSPECIFIED}) after the hello takes its key's role.</li>
 *   <li>A battery key may send the battery's types (Register, QueryResponse, BidAccept, BidReject, Terminate,
 *       DeviceFailure, BESSStatus), all to its own twin; Query, Bid and BidConfirm are an aggregator's.</li>
 *   <li>An aggregator key may send Query, Bid, BidConfirm and Terminate to the battery named in {@code recipient_id},
 *       which must not be its own id (its twin would take it for the battery's owner); a later Register (a repeated
 *       hello) is ignored; the battery's types are refused.</li>
 * </ul>
 */
public final class RolePolicy {

  /** The decision on one authenticated frame. */
  public sealed interface Verdict permits Route, Ignore, Refuse {
  }

  /** Hand the frame to the battery twin (with the key's role stamped on it). */
  public enum Route implements Verdict {
    INSTANCE
  }

  /** Accept the frame and do nothing with it. */
  public enum Ignore implements Verdict {
    INSTANCE
  }

  /**
   * Refuse the frame.
   *
   * @param reason the reason code of the error frame
   * @param detail what was not permitted
   * @param closes whether the connection closes after the error frame
   */
  public record Refuse(ReasonCode reason, String detail, boolean closes) implements Verdict {
  }

  private RolePolicy() {
  }

  /**
   * @param keyRole the role the sender's key allows (battery or aggregator)
   * @param m an authenticated, validated frame of that sender
   * @return route, ignore, or refuse with the reason
   */
  public static Verdict decide(PeerRole keyRole, EtpMessage m) {
    PeerRole claimed = m.getSenderRole();
    if (keyRole != PeerRole.PEER_ROLE_BATTERY && keyRole != PeerRole.PEER_ROLE_AGGREGATOR) {
      return new Refuse(ReasonCode.REASON_CODE_ROLE_NOT_PERMITTED, "sender " + m.getSenderId()
          + " holds no device key", true);
    }
    if (claimed != PeerRole.PEER_ROLE_UNSPECIFIED && claimed != keyRole) {
      return new Refuse(ReasonCode.REASON_CODE_ROLE_NOT_PERMITTED, "the key of " + m.getSenderId() + " is for role "
          + EdgeKeys.roleName(keyRole) + ", the frame claims " + claimed, true);
    }
    MessageType type = m.getMessageType();
    boolean battery = keyRole == PeerRole.PEER_ROLE_BATTERY;
    boolean allowed = switch (type) {
      case REGISTER, TERMINATE -> true;
      case QUERY_RESPONSE, BID_ACCEPT, BID_REJECT, DEVICE_FAILURE, BESS_STATUS -> battery;
      case QUERY, BID, BID_CONFIRM -> !battery;
      case UNRECOGNIZED -> false;
    };
    if (!allowed) {
      return new Refuse(ReasonCode.REASON_CODE_ROLE_NOT_PERMITTED, (battery ? "a battery" : "an aggregator")
          + " may not send " + type, false);
    }
    if (battery) {
      return Route.INSTANCE;
    }
    if (type == MessageType.REGISTER) {
      return Ignore.INSTANCE;
    }
    if (m.getRecipientId().equals(m.getSenderId())) {
      return new Refuse(ReasonCode.REASON_CODE_ROLE_NOT_PERMITTED, "an aggregator may not address its own id "
          + m.getSenderId() + " as a battery", false);
    }
    return Route.INSTANCE;
  }
}
