package io.etp.feed;

import io.etp.battery.BidAudit;
import io.etp.live.LiveEventPublisher;
import io.etp.persistence.SchemaMigrations;
import io.etp.trading.TradingCore;
import java.time.Clock;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects a node's live gateway to what the cluster persisted, on every node alike: the journal tail (every twin's
 * events, by tag) and the bid-audit tail (every battery's bid decisions), both mapped by {@link JournalEventMapper},
 * published to the hub and kept in the {@link MarketWindow}; and the telemetry feed.
 */
public final class LiveFeed {

  private static final Logger log = LoggerFactory.getLogger(LiveFeed.class);

  private LiveFeed() {}

  /**
   * Starts the journal and bid-audit tails from their current ends and subscribes to the core's telemetry topic.
   */
  public static void start(ActorSystem<?> system, TradingCore core, SchemaMigrations.Target database,
      FeedSettings settings, LiveEventPublisher publisher, MarketWindow window) {
    JournalTail.start(system, database, JournalTail.defaultRestart(), event -> {
      window.record(event);
      return publisher.publish(event);
    }).whenComplete((tail, failure) -> {
      if (failure != null) {
        log.error("the journal tail did not start; the live stream shows no auctions or trades", failure);
      }
    });
    BidAuditTail.start(system, database, settings.bidAuditPoll(), settings.bidAuditGapTimeout(),
        JournalTail.defaultRestart(), row -> {
          BidAudit.Decision decision = row.audit().decision();
          if (decision == BidAudit.Decision.LEADING || decision == BidAudit.Decision.SEALED) {
            window.bidPlaced(row.audit());
          }
          JournalEventMapper.bid(row.id(), row.audit()).forEach(publisher::publish);
        }).whenComplete((tail, failure) -> {
          if (failure != null) {
            log.error("the bid-audit tail did not start; the live stream shows no bids", failure);
          }
        });
    system.systemActorOf(TelemetryFeed.create(core.telemetry(), publisher, settings.telemetryMinInterval(),
        Clock.systemUTC()), "etp-live-telemetry", Props.empty());
  }
}
