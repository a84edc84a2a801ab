package io.etp.feed;

import io.etp.money.PriceCPerKwh;
import io.etp.money.EnergyKwh;
import io.etp.money.Decimals;
import io.etp.api.MarketView;
import io.etp.battery.BidAudit;
import io.etp.live.LiveEvent;
import io.etp.live.LiveEventType;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What this node remembers of the market for the REST snapshots, in bounded memory: the most recent confirmed
 * trades (fed by the journal tail's TRADE_CONFIRMED, so only persisted trades, and only since this node started),
 * and the bids placed in auctions still open (fed by the bid tee, forgotten when the tail sees the auction end).
 * Bids are those decided by battery twins hosted on this node.
 */
public final class MarketWindow {

  private final int maxTrades;
  private final int maxOpenAuctions;
  private final int maxBidsPerAuction;
  private final Deque<MarketView.TradeRecord> trades = new ArrayDeque<>();
  private final Map<String, Deque<MarketView.BidSnapshot>> bids = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> bidCounts = new ConcurrentHashMap<>();

  /**
   * @param maxTrades trades kept (oldest forgotten first)
   * @param maxOpenAuctions auctions whose bids are kept at once; bids for further auctions are not kept
   * @param maxBidsPerAuction bids kept per auction (the oldest are forgotten first)
   */
  public MarketWindow(int maxTrades, int maxOpenAuctions, int maxBidsPerAuction) {
    if (maxTrades < 1 || maxOpenAuctions < 1 || maxBidsPerAuction < 1) {
      throw new IllegalArgumentException("window sizes must be positive");
    }
    this.maxTrades = maxTrades;
    this.maxOpenAuctions = maxOpenAuctions;
    this.maxBidsPerAuction = maxBidsPerAuction;
  }

  /** Takes note of a persisted event from the journal tail. */
  public void record(LiveEvent event) {
    if (event.type() == LiveEventType.TRADE_CONFIRMED && event.auctionId() != null) {
      LiveEvent.Payload p = event.payload();
      MarketView.TradeRecord trade = new MarketView.TradeRecord(event.auctionId(), event.auctionId(),
          event.batteryId(), event.aggregatorId(), new PriceCPerKwh(orZero(p.priceCPerKwh())),
          new PriceCPerKwh(orZero(p.reserveCPerKwh())), new EnergyKwh(orZero(p.energyKwh())), event.timestamp());
      synchronized (trades) {
        trades.addLast(trade);
        while (trades.size() > maxTrades) {
          trades.removeFirst();
        }
      }
    } else if ((event.type() == LiveEventType.AUCTION_ENDED || event.type() == LiveEventType.AUCTION_TERMINATED)
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

  /** Trades confirmed at or after {@code since}, oldest first, at most {@code limit} (the most recent ones). */
  public List<MarketView.TradeRecord> trades(Instant since, int limit) {
    List<MarketView.TradeRecord> out = new ArrayList<>();
    synchronized (trades) {
      for (MarketView.TradeRecord t : trades) {
        if (!t.confirmedAt().isBefore(since)) {
          out.add(t);
        }
      }
    }
    return out.size() <= limit ? out : List.copyOf(out.subList(out.size() - limit, out.size()));
  }

  private static java.math.BigDecimal orZero(java.math.BigDecimal value) {
    return value == null ? java.math.BigDecimal.ZERO : value;
  }
}
