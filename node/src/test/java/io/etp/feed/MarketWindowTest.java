package io.etp.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etp.api.MarketView;
import io.etp.battery.BidAudit;
import io.etp.live.LiveEvent;
import io.etp.live.LiveEventType;
import io.etp.protocol.v1.RejectReason;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MarketWindowTest {

  private static final Instant T0 = Instant.parse("2026-11-21T03:00:00Z");

  @Test
  void forgetsTheBidsOfAnAuctionWhenTheTailSeesItEnd() {
    MarketWindow window = new MarketWindow(10, 2);
    window.bidPlaced(bid("bess-1-a1", "agg-1", 14.5, T0));
    window.bidPlaced(bid("bess-1-a1", "agg-2", 15.0, T0.plusMillis(1)));
    window.bidPlaced(bid("bess-1-a1", "agg-1", 15.5, T0.plusMillis(2)));
    assertEquals(List.of(new java.math.BigDecimal("15.0000"), new java.math.BigDecimal("15.5000")),
        window.bids("bess-1-a1").stream().map(MarketView.BidSnapshot::priceCPerKwh).toList(),
        "at most two bids per auction, the oldest forgotten first");
    window.record(LiveEvent.of(LiveEventType.AUCTION_ENDED, T0.plusSeconds(2), "bess-1", "agg-1", "bess-1-a1",
        LiveEvent.Payload.EMPTY));
    assertTrue(window.bids("bess-1-a1").isEmpty());
  }

  @Test
  void dropsBidsOfAuctionsNoLongerOpenButNotOfOnesJustOpened() {
    MarketWindow window = new MarketWindow(10, 10);
    window.bidPlaced(bid("bess-1-a1", "agg-1", 14.5, T0));
    window.bidPlaced(bid("bess-2-a1", "agg-1", 14.5, T0.plusSeconds(10)));
    window.retainOpen(Set.of(), T0.plusSeconds(5));
    assertTrue(window.bids("bess-1-a1").isEmpty(), "ended without the tail noticing");
    assertEquals(1, window.bids("bess-2-a1").size(), "opened after the snapshot was asked for");
  }

  private static BidAudit bid(String auctionId, String aggregatorId, double price, Instant at) {
    return new BidAudit(auctionId.substring(0, auctionId.lastIndexOf("-a")), auctionId, aggregatorId, 1, price, 6.5,
        BidAudit.Decision.LEADING, RejectReason.REJECT_REASON_UNSPECIFIED, at);
  }
}
