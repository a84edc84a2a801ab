package io.etp.feed;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * How the trading core feeds the gateway, from {@code etp.live.feed}.
 *
 * @param telemetryMinInterval at most one BATTERY_STATUS from telemetry per battery in this interval
 * @param openAuctions open auctions whose bids are kept for {@code GET /api/auctions}
 * @param bidsPerAuction bids kept per open auction
 * @param askTimeout how long a REST request waits for a twin's answer (then 503)
 * @param askParallelism twins asked at once for a fleet-wide snapshot
 * @param bidAuditPoll how often the bid-audit tail asks for new rows
 * @param bidAuditGapTimeout how long the bid-audit tail waits for a row id committed late before going past it
 */
public record FeedSettings(Duration telemetryMinInterval, int openAuctions, int bidsPerAuction,
                           Duration askTimeout, int askParallelism, Duration bidAuditPoll,
                           Duration bidAuditGapTimeout) {

  public static FeedSettings fromConfig(Config config) {
    Config c = config.getConfig("etp.live.feed");
    return new FeedSettings(c.getDuration("telemetry-min-interval"), c.getInt("open-auctions"), c.getInt("bids-per-auction"), c.getDuration("ask-timeout"),
        c.getInt("ask-parallelism"), c.getDuration("bid-audit-poll"), c.getDuration("bid-audit-gap-timeout"));
  }

  /** An empty window of the configured sizes. */
  public MarketWindow newWindow() {
    return new MarketWindow(openAuctions, bidsPerAuction);
  }
}
