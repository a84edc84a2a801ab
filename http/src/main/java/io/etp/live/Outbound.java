package io.etp.live;

/** What the server sends one WebSocket subscriber: an event, or a notice about the stream itself. */
public sealed interface Outbound {

  /** A live or replayed event. */
  record Event(LiveEvent event) implements Outbound {}

  /**
   * First message on every connection: the hub's epoch, the sequence numbers its ring holds, and the cluster-wide
   * cursor at {@code latestSeq} (each followed source's last offset).
   */
  record Hello(String epoch, long oldestSeq, long latestSeq, EventFilter filter, LiveCursor cursor)
      implements Outbound {
    public Hello(String epoch, long oldestSeq, long latestSeq, EventFilter filter) {
      this(epoch, oldestSeq, latestSeq, filter, LiveCursor.EMPTY);
    }
  }

  /** Events that matched this client's filter but were discarded because the client read too slowly. */
  record Dropped(long count) implements Outbound {}

  /** Events after the client's resume point that the ring no longer holds ({@code fromSeq} exclusive). */
  record Missed(long count, long fromSeq, long resumedAtSeq) implements Outbound {}

  /**
   * A cursor resume could not be served in full for one source: its records with offsets in
   * ({@code fromOffset}, {@code heldAfterOffset}] may be missing (this node no longer holds them or never did).
   */
  record MissedSource(String source, long fromOffset, long heldAfterOffset) implements Outbound {}

  /** The resume point belongs to another hub epoch (the node restarted): sequence numbers start over. */
  record Reset(String epoch) implements Outbound {}

  /** The client's subscribe message was applied. */
  record Subscribed(EventFilter filter) implements Outbound {}

  /** The client sent something the server could not use; the connection stays open. */
  record Error(String code, String message) implements Outbound {}
}
