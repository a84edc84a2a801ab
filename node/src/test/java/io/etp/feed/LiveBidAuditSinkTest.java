package io.etp.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.etp.battery.BidAudit;
import io.etp.battery.InMemoryBidAuditSink;
import io.etp.live.LiveEvent;
import io.etp.live.LiveEventType;
import io.etp.protocol.v1.RejectReason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LiveBidAuditSinkTest {

  private static final Instant T0 = Instant.parse("2026-11-21T03:00:00Z");

  private final InMemoryBidAuditSink real = new InMemoryBidAuditSink(100);
  private final List<LiveEvent> published = new ArrayList<>();
  private final MarketWindow window = new MarketWindow(10, 10, 10);
  private final LiveBidAuditSink tee = new LiveBidAuditSink(real, published::add, window);

  @Test
  void everyRecordReachesTheRealSinkAndDecidedBidsReachTheStream() {
    tee.offer(audit(BidAudit.Decision.LEADING, 15.0, RejectReason.REJECT_REASON_UNSPECIFIED));
    tee.offer(audit(BidAudit.Decision.REJECTED, 12.0, RejectReason.REJECT_REASON_BELOW_RESERVE));
    tee.offer(audit(BidAudit.Decision.AWARDED, 15.0, RejectReason.REJECT_REASON_UNSPECIFIED));
    tee.offer(audit(BidAudit.Decision.CONFIRMED, 15.0, RejectReason.REJECT_REASON_UNSPECIFIED));

    assertEquals(4, real.forBattery("bess-1").size(), "the audit trail is complete");
    assertEquals(List.of(LiveEventType.BID_PLACED, LiveEventType.BID_REJECTED),
        published.stream().map(LiveEvent::type).toList(), "awards and confirms come from the journal");
    assertEquals(15.0, published.get(0).payload().priceCPerKwh());
    assertEquals("agg-1", published.get(0).aggregatorId());
    assertEquals("bess-1-a1", published.get(0).auctionId());
    assertEquals("BELOW_RESERVE", published.get(1).payload().reason());
    assertNull(published.get(0).payload().reason());
    assertEquals(1, window.bids("bess-1-a1").size(), "the placed bid is kept for GET /api/auctions");
  }

  private static BidAudit audit(BidAudit.Decision decision, double price, RejectReason reason) {
    return new BidAudit("bess-1", "bess-1-a1", "agg-1", 7, price, 6.5, decision, reason, T0);
  }
}
