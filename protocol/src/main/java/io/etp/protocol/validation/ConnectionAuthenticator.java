package io.etp.protocol.validation;

import io.etp.protocol.ValidationResult;
import io.etp.protocol.v1.EtpMessage;
import io.etp.protocol.v1.MessageType;
import io.etp.protocol.v1.PeerRole;
import io.etp.protocol.v1.ReasonCode;
import java.util.Objects;

/**
 * Authentication of a stream connection, as a pure state machine over {@link ConnectionState}. The first message on a
 * connection is the hello and must be a signed {@code REGISTER} that passes the {@link MessageGate}:
 *
 * <ul>
 *   <li>a battery's hello is its Register with {@code sender_role = PEER_ROLE_BATTERY};</li>
 *   <li>an aggregator's hello is a Register with {@code sender_role = PEER_ROLE_AGGREGATOR} and
 *       {@code energy_total_kwh = 0}.</li>
 * </ul>
 *
 * Anything else as first message gives {@code UNAUTHENTICATED} and the state {@link ConnectionState.Refused}, which
 * refuses every later message too. Once authenticated, each message must carry the authenticated {@code sender_id}
 * (else {@code UNAUTHENTICATED}) and pass the gate.
 */
public final class ConnectionAuthenticator {

  private final MessageGate gate;

  /** @param gate the checks every message passes, hello included */
  public ConnectionAuthenticator(MessageGate gate) {
    this.gate = Objects.requireNonNull(gate, "gate");
  }

  /**
   * The outcome of one message.
   *
   * @param next the connection's state after the message
   * @param result whether the message may be acted on
   */
  public record Transition(ConnectionState next, ValidationResult result) {
  }

  /**
   * @param state the connection's current state
   * @param message the message received
   * @return the next state and the verdict on the message
   */
  public Transition onMessage(ConnectionState state, EtpMessage message) {
    if (state instanceof ConnectionState.AwaitingHello) {
      return onHello(message);
    }
    if (state instanceof ConnectionState.Authenticated authenticated) {
      if (!authenticated.senderId().equals(message.getSenderId())) {
        return new Transition(state, unauthenticated("connection is authenticated as '" + authenticated.senderId()
            + "', message claims sender '" + message.getSenderId() + "'"));
      }
      return new Transition(state, gate.admit(message));
    }
    ConnectionState.Refused refused = (ConnectionState.Refused) state;
    return new Transition(state, unauthenticated("connection was refused: " + refused.why()));
  }

  private Transition onHello(EtpMessage hello) {
    if (!hello.hasMessageType() || hello.getMessageType() != MessageType.REGISTER) {
      return refuse("first message must be a signed REGISTER, was "
          + (hello.hasMessageType() ? hello.getMessageType() : "a message without type"));
    }
    PeerRole role = hello.getSenderRole();
    if (role != PeerRole.PEER_ROLE_BATTERY && role != PeerRole.PEER_ROLE_AGGREGATOR) {
      return refuse("hello must declare sender_role BATTERY or AGGREGATOR, was " + role);
    }
    ValidationResult admitted = gate.admit(hello);
    if (admitted instanceof ValidationResult.Invalid invalid) {
      return refuse("hello refused with " + invalid.reason() + ": " + invalid.detail());
    }
    return new Transition(new ConnectionState.Authenticated(hello.getSenderId(), role), admitted);
  }

  private static Transition refuse(String why) {
    return new Transition(new ConnectionState.Refused(why), unauthenticated(why));
  }

  private static ValidationResult unauthenticated(String why) {
    return ValidationResult.invalid(ReasonCode.REASON_CODE_UNAUTHENTICATED, why);
  }
}
