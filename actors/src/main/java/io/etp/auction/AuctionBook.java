package io.etp.auction;

import io.etp.money.EnergyKwh;
import io.etp.money.PriceCPerKwh;
import io.etp.protocol.v1.RejectReason;
import io.etp.protocol.v1.TerminationCode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The order book of one auction for one lot. Pure: no actors, no clock; the caller passes {@code now}.
 *
 * <p>The battery entity is the only writer of its books, so the invariants hold by construction:
 * at most one winner per lot (a lot is sold once, by the one awaited winner's confirm); energy sold never
 * exceeds the lot; no trade below reserve (bids below reserve are never ranked, the clearing price is
 * never below reserve); every bidder is listed in the outcome, so the caller can tell each the end.
 *
 * <p>Life cycle: OPEN (accepting bids until {@link #closesAt()}) -> AWAITING_CONFIRM (a winner was
 * offered the lot and must confirm before the deadline; on a miss the next-best bid is offered) ->
 * ENDED (sold, no acceptable bid, too many misses, or aborted).
 */
public final class AuctionBook {

  public enum Phase { OPEN, AWAITING_CONFIRM, ENDED }

  /** What happened to a bid placed in the book. */
  public sealed interface PlaceResult {
    /** Refused now; the bidder may bid again while the auction is open (unless AUCTION_CLOSED). */
    record Rejected(RejectReason reason, double standingPriceCPerKwh) implements PlaceResult {}
    /** Ascending: the bid is the standing (best) bid; {@code outbid} is the bidder it displaced, if another. */
    record Leading(LotBid bid, Optional<String> outbid, Instant closesAt) implements PlaceResult {}
    /** Sealed-bid: recorded; the bidder hears the result when the window closes. */
    record Sealed(LotBid bid, Instant closesAt) implements PlaceResult {}
  }

  /** What closing, a confirm-deadline miss or a withdrawal led to. */
  public sealed interface Progress {
    /** Nothing to do (not yet time, or a stale timer). */
    record Unchanged() implements Progress {}
    /** Ascending soft close moved the close: schedule again. */
    record Extended(Instant closesAt) implements Progress {}
    /**
     * A winner is offered the lot and must confirm by the deadline.
     * {@code award} numbers the offers of this auction, so a stale deadline timer can be ignored.
     * {@code others} maps every other bidder to the reason it did not win.
     */
    record Awarded(LotBid winner, PriceCPerKwh clearingPriceCPerKwh, int award, Map<String, RejectReason> others)
        implements Progress {}
    /** The auction is over without a trade. */
    record Ended(AuctionOutcome outcome) implements Progress {}
  }

  /** What a BidConfirm led to. */
  public sealed interface ConfirmResult {
    record Sold(AuctionOutcome outcome) implements ConfirmResult {}
    record NotAwaited(RejectReason reason) implements ConfirmResult {}
  }

  private static final Comparator<LotBid> RANKING =
      Comparator.comparingDouble(LotBid::priceCPerKwh).reversed()
          .thenComparing(LotBid::receivedAt)
          .thenComparing(Comparator.comparingDouble(LotBid::reputation).reversed())
          .thenComparingLong(LotBid::sequence);

  private final String auctionId;
  private final String batteryId;
  private final EnergyKwh lot;
  private final PriceCPerKwh reserve;
  private final double lotKwh;
  private final double reservePriceCPerKwh;
  private final AuctionRules rules;
  private Instant closesAt;
  private Phase phase = Phase.OPEN;

  /** Each bidder's best acceptable bid (at or above reserve, fits the lot). */
  private final Map<String, LotBid> best = new HashMap<>();
  /** Everyone who bid, in order of first bid. */
  private final Set<String> bidders = new LinkedHashSet<>();
  /** The reason each bidder's last refused bid was refused (for those with no acceptable bid). */
  private final Map<String, RejectReason> lastRejection = new HashMap<>();
  /** Ranked acceptable bids still in the running once bidding closed. */
  private List<LotBid> ranking = List.of();
  private LotBid awaited;
  private PriceCPerKwh awaitedPrice;
  private int award;
  private int misses;
  private long sequence;
  private AuctionOutcome outcome;

  public AuctionBook(
      String auctionId, String batteryId, EnergyKwh lotKwh, PriceCPerKwh reservePriceCPerKwh, AuctionRules rules,
      Instant openedAt) {
    if (lotKwh.isZero()) throw new IllegalArgumentException("lot must be positive: " + lotKwh);
    if (reservePriceCPerKwh.isNegative()) throw new IllegalArgumentException("reserve must be >= 0");
    this.auctionId = auctionId;
    this.batteryId = batteryId;
    this.lot = lotKwh;
    this.reserve = reservePriceCPerKwh;
    this.lotKwh = lotKwh.toDouble();
    this.reservePriceCPerKwh = reservePriceCPerKwh.toDouble();
    this.rules = rules;
    this.closesAt = openedAt.plus(rules.window());
  }

  public String auctionId() { return auctionId; }
  public EnergyKwh lotKwh() { return lot; }
  public PriceCPerKwh reservePriceCPerKwh() { return reserve; }
  public AuctionRules rules() { return rules; }
  public Instant closesAt() { return closesAt; }
  public Phase phase() { return phase; }
  public Set<String> bidders() { return Set.copyOf(bidders); }
  public Optional<AuctionOutcome> outcome() { return Optional.ofNullable(outcome); }
  public Optional<LotBid> awaitedWinner() { return Optional.ofNullable(awaited); }

  /** The standing (best) acceptable bid so far. */
  public Optional<LotBid> standing() {
    return best.values().stream().min(RANKING);
  }

  /** Places a bid received at {@code now}. */
  public PlaceResult place(String bidderId, double priceCPerKwh, double energyKwh, double reputation, Instant now) {
    if (phase != Phase.OPEN || !now.isBefore(closesAt)) {
      if (phase != Phase.ENDED) bidders.add(bidderId);
      return reject(bidderId, RejectReason.REJECT_REASON_AUCTION_CLOSED);
    }
    bidders.add(bidderId);
    if (!(energyKwh > 0) || !Double.isFinite(energyKwh) || EnergyKwh.ofDouble(energyKwh).compareTo(lot) > 0) {
      return reject(bidderId, RejectReason.REJECT_REASON_ENERGY_UNAVAILABLE);
    }
    if (!Double.isFinite(priceCPerKwh) || PriceCPerKwh.ofDouble(priceCPerKwh).compareTo(reserve) < 0) {
      return reject(bidderId, RejectReason.REJECT_REASON_BELOW_RESERVE);
    }
    LotBid bid = new LotBid(bidderId, priceCPerKwh, energyKwh, now, reputation, sequence++);
    if (rules.mechanism() == Mechanism.ASCENDING) {
      Optional<LotBid> standing = standing();
      if (standing.isPresent() && priceCPerKwh < standing.get().priceCPerKwh() + rules.minIncrementCPerKwh()) {
        return reject(bidderId, standing.get().bidderId().equals(bidderId)
            ? RejectReason.REJECT_REASON_BELOW_MIN_INCREMENT
            : standing.get().priceCPerKwh() >= priceCPerKwh
                ? RejectReason.REJECT_REASON_OUTBID
                : RejectReason.REJECT_REASON_BELOW_MIN_INCREMENT);
      }
      best.put(bidderId, bid);
      lastRejection.remove(bidderId);
      Instant softLimit = closesAt.minus(rules.softClose());
      if (!now.isBefore(softLimit)) {
        closesAt = now.plus(rules.softClose());
      }
      Optional<String> outbid = standing.map(LotBid::bidderId).filter(b -> !b.equals(bidderId));
      return new PlaceResult.Leading(bid, outbid, closesAt);
    }
    LotBid previous = best.get(bidderId);
    if (previous == null || priceCPerKwh > previous.priceCPerKwh()) {
      best.put(bidderId, bid);
    }
    lastRejection.remove(bidderId);
    return new PlaceResult.Sealed(best.get(bidderId), closesAt);
  }

  /**
   * Records that a bid for this auction was refused before it reached the book (reputation, health, limits):
   * the bidder still took part, so it is told the end of the auction.
   */
  public PlaceResult refuse(String bidderId, RejectReason reason) {
    if (phase != Phase.ENDED) bidders.add(bidderId);
    return reject(bidderId, reason);
  }

  private PlaceResult.Rejected reject(String bidderId, RejectReason reason) {
    if (!best.containsKey(bidderId)) lastRejection.put(bidderId, reason);
    return new PlaceResult.Rejected(reason, standing().map(LotBid::priceCPerKwh).orElse(0.0));
  }

  /** Closes bidding if its time has come: offers the lot to the best bid, or ends with no acceptable bid. */
  public Progress close(Instant now) {
    if (phase != Phase.OPEN) return new Progress.Unchanged();
    if (now.isBefore(closesAt)) return new Progress.Extended(closesAt);
    ranking = new ArrayList<>(best.values());
    ranking.sort(RANKING);
    phase = Phase.AWAITING_CONFIRM;
    return offerNext(now, TerminationCode.TERMINATION_CODE_NO_ACCEPTABLE_BID);
  }

  /** The awaited winner did not confirm in time (award {@code awardNumber}): offer the next-best bid or end. */
  public Progress confirmDeadlineMissed(int awardNumber, Instant now) {
    if (phase != Phase.AWAITING_CONFIRM || awardNumber != award || awaited == null) {
      return new Progress.Unchanged();
    }
    misses++;
    ranking.remove(awaited);
    awaited = null;
    if (misses >= rules.maxMisses()) {
      return end(TerminationCode.TERMINATION_CODE_CONFIRM_DEADLINE_MISSED, now);
    }
    return offerNext(now, TerminationCode.TERMINATION_CODE_CONFIRM_DEADLINE_MISSED);
  }

  /**
   * A bidder withdrew (Terminate from the aggregator). While open its bids are dropped; if it is the awaited
   * winner, this counts as a miss and the next-best bid is offered.
   */
  public Progress withdraw(String bidderId, Instant now) {
    if (phase == Phase.OPEN) {
      best.remove(bidderId);
      lastRejection.put(bidderId, RejectReason.REJECT_REASON_UNSPECIFIED);
      return new Progress.Unchanged();
    }
    if (phase == Phase.AWAITING_CONFIRM && awaited != null && awaited.bidderId().equals(bidderId)) {
      return confirmDeadlineMissed(award, now);
    }
    if (phase == Phase.AWAITING_CONFIRM) {
      ranking.removeIf(b -> b.bidderId().equals(bidderId));
    }
    return new Progress.Unchanged();
  }

  /** The bidder confirms the lot it was offered: the trade is made and the auction ends. */
  public ConfirmResult confirm(String bidderId, Instant now) {
    if (phase != Phase.AWAITING_CONFIRM || awaited == null || !awaited.bidderId().equals(bidderId)) {
      return new ConfirmResult.NotAwaited(RejectReason.REJECT_REASON_AUCTION_CLOSED);
    }
    phase = Phase.ENDED;
    outcome = new AuctionOutcome(auctionId, batteryId, rules.mechanism(), lot, reserve,
        Optional.of(bidderId), awaitedPrice, EnergyKwh.ofDouble(awaited.energyKwh()), List.copyOf(bidders), misses,
        TerminationCode.TERMINATION_CODE_COMPLETED, now);
    return new ConfirmResult.Sold(outcome);
  }

  /** Ends the auction at once without a trade (device failure, cancellation). */
  public AuctionOutcome abort(TerminationCode code, Instant now) {
    if (phase == Phase.ENDED) return outcome;
    return ((Progress.Ended) end(code, now)).outcome();
  }

  private Progress offerNext(Instant now, TerminationCode whenNone) {
    if (ranking.isEmpty()) return end(whenNone, now);
    awaited = ranking.get(0);
    // the bids' prices came as wire doubles: each becomes exact here, once, by io.etp.money's rule
    awaitedPrice = rules.mechanism() == Mechanism.SEALED_SECOND_PRICE
        ? (ranking.size() > 1 ? reserve.max(PriceCPerKwh.ofDouble(ranking.get(1).priceCPerKwh())) : reserve)
        : PriceCPerKwh.ofDouble(awaited.priceCPerKwh());
    award++;
    Map<String, RejectReason> others = new LinkedHashMap<>();
    for (String bidder : bidders) {
      if (bidder.equals(awaited.bidderId())) continue;
      others.put(bidder, best.containsKey(bidder)
          ? RejectReason.REJECT_REASON_OUTBID
          : lastRejection.getOrDefault(bidder, RejectReason.REJECT_REASON_OUTBID));
    }
    return new Progress.Awarded(awaited, awaitedPrice, award, others);
  }

  private Progress end(TerminationCode code, Instant now) {
    phase = Phase.ENDED;
    awaited = null;
    outcome = new AuctionOutcome(auctionId, batteryId, rules.mechanism(), lot, reserve,
        Optional.empty(), PriceCPerKwh.ZERO, EnergyKwh.ZERO, List.copyOf(bidders), misses, code, now);
    return new Progress.Ended(outcome);
  }
}
