package io.etp.feed;

import io.etp.money.PriceCPerKwh;
import io.etp.money.EnergyKwh;
import io.etp.money.Decimals;
import io.etp.api.MarketView;
import io.etp.battery.BidAudit;
import io.etp.live.LiveEvent;
import io.etp.live.LiveEventType;
import java.time.Instant;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What this node remembers of the market for the REST snapshots, in bounded memory: the bids placed in auctions
 * still open (fed by the bid tee, forgotten when the journal tail sees the auction end). Bids are those decided by
 * battery twins hosted on this node. Trades are not kept here: {@code GET /api/trades} reads the read model.
 */
public final class MarketWindow {

  private final int maxOpenAuctions;
  private final int maxBidsPerAuction;
  private final Map<String, Deque<MarketView.BidSnapshot>> bids = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> bidCounts = new ConcurrentHashMap<>();

  /**
   * @param maxOpenAuctions auctions whose bids are kept at once; bids for further auctions are not kept
   * @param maxBidsPerAuction bids kept per auction (the oldest are forgotten first)
   */
  public MarketWindow(int maxOpenAuctions, int maxBidsPerAuction) {
    if (maxOpenAuctions < 1 || maxBidsPerAuction < 1) {
      throw new IllegalArgumentException("window sizes must be positive");
    }
    this.maxOpenAuctions = maxOpenAuctions;
    this.maxBidsPerAuction = maxBidsPerAuction;
  }

  /** Takes note of a persisted event from the journal tail. */
  public void record(LiveEvent event) {
    if ((event.type() == LiveEventType.AUCTION_ENDED || event.type() == LiveEventType.AUCTION_TERMINATED)
        && event.auctionId() != null) {
      bids.remove(event.auctionId());
      bidCounts.remove(event.auctionId());
    }
  }

  /** Takes note of a bid that entered an open auction (LEADING or SEALED). */
  public void bidPlaced(BidAudit audit) {
    if (audit.auctionId().isEmpty() || (bids.size() >= maxOpenAuctions && !bids.containsKey(audit.auctionId()))) {
      return;
    }
    Deque<MarketView.BidSnapshot> list = bids.computeIfAbsent(audit.auctionId(), id -> new ConcurrentLinkedDeque<>());
    list.addLast(new MarketView.BidSnapshot(audit.aggregatorId(),
        Decimals.fromDouble(audit.priceCPerKwh(), PriceCPerKwh.SCALE, "bid price (c/kWh)"),
        Decimals.fromDouble(audit.energyKwh(), EnergyKwh.SCALE, "bid energy (kWh)"), audit.at(),
        audit.decision() == BidAudit.Decision.SEALED ? "SEALED" : "PLACED"));
    if (bidCounts.computeIfAbsent(audit.auctionId(), id -> new AtomicInteger()).incrementAndGet()
        > maxBidsPerAuction) {
      list.pollFirst();
    }
  }

  /**
   * Forgets the bids of auctions that are not in {@code open} and whose first bid came before {@code askedAt}: auctions
   * whose end this node's tail did not see (it was restarting, say), so that they cannot fill the window for good.
   */
  public void retainOpen(Set<String> open, Instant askedAt) {
    bids.entrySet().removeIf(entry -> {
      MarketView.BidSnapshot first = entry.getValue().peekFirst();
      boolean stale = !open.contains(entry.getKey()) && (first == null || first.placedAt().isBefore(askedAt));
      if (stale) {
        bidCounts.remove(entry.getKey());
      }
      return stale;
    });
  }

  /** The bids kept for an open auction, oldest first. */
  public List<MarketView.BidSnapshot> bids(String auctionId) {
    Deque<MarketView.BidSnapshot> list = bids.get(auctionId);
    return list == null ? List.of() : List.copyOf(list);
  }

}
