package io.etp.protocol.validation;

import io.etp.protocol.v1.PeerRole;
import java.util.Objects;

/** Where a connection stands in {@link ConnectionAuthenticator}'s state machine. Immutable. */
public sealed interface ConnectionState
    permits ConnectionState.AwaitingHello, ConnectionState.Authenticated, ConnectionState.Refused {

  /** Nothing received yet: the next message must be the hello. */
  enum AwaitingHello implements ConnectionState {
    INSTANCE
  }

  /**
   * The hello was valid; every later message must come from this sender.
   *
   * @param senderId the authenticated sender
   * @param role battery or aggregator
   */
  record Authenticated(String senderId, PeerRole role) implements ConnectionState {
    /** Checks the components. */
    public Authenticated {
      Objects.requireNonNull(senderId, "senderId");
      Objects.requireNonNull(role, "role");
    }
  }

  /**
   * The hello failed; the edge closes the connection and refuses everything else.
   *
   * @param why what was wrong with the first message
   */
  record Refused(String why) implements ConnectionState {
    /** Checks the components. */
    public Refused {
      Objects.requireNonNull(why, "why");
    }
  }
}
