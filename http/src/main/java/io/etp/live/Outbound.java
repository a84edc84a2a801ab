package io.etp.live;

/** What the server sends one WebSocket subscriber: an event, or a notice about the stream itself. */
public sealed interface Outbound {

  /** A live or replayed event. */
  record Event(LiveEvent event) implements Outbound {}

  /** First message on every connection: the hub's epoch and the sequence numbers its ring holds. */
  record Hello(String epoch, long oldestSeq, long latestSeq, EventFilter filter) implements Outbound {}

  /** Events that matched this client's filter but were discarded because the client read too slowly. */
  record Dropped(long count) implements Outbound {}

  /** Events after the client's resume point that the ring no longer holds ({@code fromSeq} exclusive). */
  record Missed(long count, long fromSeq, long resumedAtSeq) implements Outbound {}

  /** The resume point belongs to another hub epoch (the node restarted): sequence numbers start over. */
  record Reset(String epoch) implements Outbound {}

  /** The client's subscribe message was applied. */
  record Subscribed(EventFilter filter) implements Outbound {}

  /** The client sent something the server could not use; the connection stays open. */
  record Error(String code, String message) implements Outbound {}
}
