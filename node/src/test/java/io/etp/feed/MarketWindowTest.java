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
  void keepsOnlyTheMostRecentTradesAndServesThemOldestFirst() {
    MarketWindow window = new MarketWindow(3, 10, 10);
    for (int i = 1; i <= 5; i++) {
      window.record(trade("bess-1-a" + i, T0.plusSeconds(i)));
    }
    List<MarketView.TradeRecord> trades = window.trades(Instant.EPOCH, 100);
    assertEquals(List.of("bess-1-a3", "bess-1-a4", "bess-1-a5"), trades.stream().map(MarketView.TradeRecord::auctionId).toList());
    assertEquals(List.of("bess-1-a5"), window.trades(Instant.EPOCH, 1).stream().map(MarketView.TradeRecord::auctionId).toList());
    assertEquals(List.of("bess-1-a4", "bess-1-a5"),
        window.trades(T0.plusSeconds(4), 100).stream().map(MarketView.TradeRecord::auctionId).toList());
    assertEquals(io.etp.money.PriceCPerKwh.parse("15.0"), trades.get(0).priceCPerKwh());
    assertEquals(io.etp.money.PriceCPerKwh.parse("14.0"), trades.get(0).reserveCPerKwh());
  }

  @Test
  void forgetsTheBidsOfAnAuctionWhenTheTailSeesItEnd() {
    MarketWindow window = new MarketWindow(10, 10, 2);
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
    MarketWindow window = new MarketWindow(10, 10, 10);
    window.bidPlaced(bid("bess-1-a1", "agg-1", 14.5, T0));
    window.bidPlaced(bid("bess-2-a1", "agg-1", 14.5, T0.plusSeconds(10)));
    window.retainOpen(Set.of(), T0.plusSeconds(5));
    assertTrue(window.bids("bess-1-a1").isEmpty(), "ended without the tail noticing");
    assertEquals(1, window.bids("bess-2-a1").size(), "opened after the snapshot was asked for");
  }

  private static LiveEvent trade(String auctionId, Instant at) {
    return LiveEvent.of(LiveEventType.TRADE_CONFIRMED, at, "bess-1", "agg-1", auctionId,
        LiveEvent.Payload.EMPTY.withPrice(15.0).withReserve(14.0).withEnergy(6.5));
  }

  private static BidAudit bid(String auctionId, String aggregatorId, double price, Instant at) {
    return new BidAudit(auctionId.substring(0, auctionId.lastIndexOf("-a")), auctionId, aggregatorId, 1, price, 6.5,
        BidAudit.Decision.LEADING, RejectReason.REJECT_REASON_UNSPECIFIED, at);
  }
}
