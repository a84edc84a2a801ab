package io.etp.feed;

import io.etp.battery.BidAudit;
import io.etp.live.LiveEvent;
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
 * published to the hub and kept in the {@link MarketWindow}, each at its position in its source (a journal tag and
 * ordering; {@code bid} and the row id), so that a client can resume on any node from a cluster-wide cursor; and
 * the telemetry feed (not persisted: no position).
 */
public final class LiveFeed {

  private static final Logger log = LoggerFactory.getLogger(LiveFeed.class);

  /** The bid-audit table's source name in live positions and cursors (its offsets are the row ids). */
  public static final String BID_SOURCE = "bid";

  private LiveFeed() {}

  /**
   * Starts the journal and bid-audit tails from their current ends and subscribes to the core's telemetry topic.
   */
  public static void start(ActorSystem<?> system, TradingCore core, SchemaMigrations.Target database,
      FeedSettings settings, LiveEventPublisher publisher, MarketWindow window) {
    LiveEventPublisher windowed = new LiveEventPublisher() {
      @Override
      public boolean publish(LiveEvent event) {
        window.record(event);
        return publisher.publish(event);
      }

      @Override
      public void follow(String source, long afterOffset) {
        publisher.follow(source, afterOffset);
      }
    };
    JournalTail.start(system, database, JournalTail.defaultRestart(), windowed).whenComplete((tail, failure) -> {
      if (failure != null) {
        log.error("the journal tail did not start; the live stream shows no auctions or trades", failure);
      }
    });
    BidAuditTail.start(system, database, settings.bidAuditPoll(), settings.bidAuditGapTimeout(),
        JournalTail.defaultRestart(), end -> publisher.follow(BID_SOURCE, end), row -> {
          BidAudit.Decision decision = row.audit().decision();
          if (decision == BidAudit.Decision.LEADING || decision == BidAudit.Decision.SEALED) {
            window.bidPlaced(row.audit());
          }
          JournalEventMapper.bid(row.id(), row.audit()).forEach(e -> publisher.publish(e.at(BID_SOURCE, row.id())));
        }).whenComplete((tail, failure) -> {
          if (failure != null) {
            log.error("the bid-audit tail did not start; the live stream shows no bids", failure);
          }
        });
    system.systemActorOf(TelemetryFeed.create(core.telemetry(), publisher, settings.telemetryMinInterval(),
        Clock.systemUTC()), "etp-live-telemetry", Props.empty());
  }
}
