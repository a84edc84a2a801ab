package io.etp.live;

/**
 * The seam through which the trading core feeds the live stream. Implemented by {@link EventHub}; the core's
 * projections and entities call {@link #publish} from any thread, for every domain event that the dashboard and live
 * subscribers should see.
 */
public interface LiveEventPublisher {

  /**
   * Offers an event without blocking. The event's own {@code seq} is ignored; the hub assigns one.
   *
   * @return {@code true} if the hub accepted it; {@code false} if its bounded input buffer was full (the event is
   *     dropped and counted in {@link EventHub#droppedAtInput()}) or the hub is shut down
   */
  boolean publish(LiveEvent event);

  /**
   * A tail starts following the persisted {@code source} after {@code afterOffset}: the events it publishes from
   * it carry its positions ({@link LiveEvent#at}), in offset order. What a cluster-wide resume can serve starts
   * there. Does nothing by default (a publisher that keeps no history).
   */
  default void follow(String source, long afterOffset) {}
}
