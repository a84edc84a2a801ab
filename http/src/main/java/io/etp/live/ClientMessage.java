package io.etp.live;

/** What a WebSocket subscriber may send. */
public sealed interface ClientMessage {

  /** Replace this connection's filter: {@code {"type":"SUBSCRIBE","types":[...],"batteries":[...],"aggregators":[...]}}. */
  record Subscribe(EventFilter filter) implements ClientMessage {}

  /** A message the server could not use, with the reason code it answers with. */
  record Invalid(String code, String message) implements ClientMessage {}
}
