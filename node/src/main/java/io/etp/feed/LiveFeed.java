package io.etp.feed;

import io.etp.live.LiveEventPublisher;
import io.etp.persistence.SchemaMigrations;
import io.etp.trading.TradingCore;
import java.time.Clock;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects a node's trading core to its live gateway: the journal tail (persisted events, which also feed the
 * {@link MarketWindow}) and the telemetry feed. Bids reach the stream through the {@link LiveBidAuditSink} the core is
 * started with.
 */
public final class LiveFeed {

  private static final Logger log = LoggerFactory.getLogger(LiveFeed.class);

  private LiveFeed() {}

  /** Starts the tail from the journal's current end and subscribes to the core's telemetry topic. */
  public static void start(ActorSystem<?> system, TradingCore core, SchemaMigrations.Target database,
      FeedSettings settings, LiveEventPublisher publisher, MarketWindow window) {
    JournalTail.start(system, database, JournalTail.defaultRestart(), event -> {
      window.record(event);
      return publisher.publish(event);
    }).whenComplete((tail, failure) -> {
      if (failure != null) {
        log.error("the journal tail did not start; the live stream shows bids and telemetry only", failure);
      }
    });
    system.systemActorOf(TelemetryFeed.create(core.telemetry(), publisher, settings.telemetryMinInterval(),
        Clock.systemUTC()), "etp-live-telemetry", Props.empty());
  }
}
