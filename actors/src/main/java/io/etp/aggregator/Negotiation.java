package io.etp.aggregator;

import io.etp.auction.AuctionProtoMapper;
import io.etp.auction.Mechanism;
import io.etp.protocol.v1.BatteryHealth;
import io.etp.protocol.v1.EtpMessage;
import io.etp.protocol.v1.RejectReason;
import io.etp.risk.RiskDecision;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The aggregator's working memory of one negotiation with one battery, and its decisions in it: whether a battery's
 * offer is worth a bid (eligibility), what to bid first and next ({@link BiddingStrategy}, capped at the maximum
 * price, within {@link Procurement}'s requirement and budget and the {@link PreTradeRisk} limits), and whether a
 * battery's BidAccept still fits. The twin keeps one per battery it negotiates with, sends what the decisions say
 * and persists what must survive a crash. Pure apart from the risk rules' audit sink, like {@code AuctionBook}.
 */
public final class Negotiation {

  /** Where the negotiation stands. */
  public enum Phase {
    /** Queried, waiting for the QueryResponse. */
    QUERIED,
    /** Holds a bid that may still be raised. */
    BIDDING,
    /** Holds a bid it will not raise; waits for the auction's end. */
    WAITING,
    /** Confirmed an accepted bid; waits for the auction's end. */
    CONFIRMED
  }

  /** Why a negotiation sent nothing, stopped, or cancelled an accepted bid. */
  public enum Why {
    /** The message does not belong to this phase of the negotiation. */
    UNEXPECTED,
    PAUSED,
    /** The battery offers less than the smallest lot worth buying. */
    LOT_TOO_SMALL,
    /** The battery reports critical or failed health. */
    UNHEALTHY,
    /** The strategy prices no (further) bid for this lot. */
    PRICED_OUT,
    /** What is still open of the requirement or budget buys less than the smallest lot. */
    NOTHING_LEFT_TO_BUY,
    /** The reject leaves no room to bid again in this auction. */
    NOT_RAISABLE,
    /** Raising the held bid would overspend the budget. */
    OVER_BUDGET,
    /** A pre-trade risk check refused the bid. */
    RISK_LIMIT,
    /** The accepted price is above the aggregator's maximum. */
    ABOVE_MAX_PRICE,
    /** The accepted energy is more than the requirement still open. */
    ABOVE_REQUIREMENT
  }

  /** What the negotiation does next. */
  public sealed interface Step {
    /** Send a Bid of {@code energyKwh} at {@code priceCPerKwh} in the negotiation's auction. */
    record Bid(double priceCPerKwh, double energyKwh) implements Step {}

    /** Confirm the accepted bid (BidConfirm, after the confirm is stored). */
    record Confirm(double priceCPerKwh, double energyKwh) implements Step {}

    /** Terminate the auction whose bid was accepted: it no longer fits. */
    record Cancel(Why why) implements Step {}

    /** Send nothing and keep the negotiation: it will hear the auction's end. */
    record Wait(Why why, String detail) implements Step {}

    /** Send nothing and forget the negotiation. */
    record Drop(Why why, String detail) implements Step {}
  }

  /**
   * What the aggregator brings to every decision.
   *
   * @param aggregatorId who buys (risk limits are per aggregator)
   * @param paused a paused aggregator neither bids nor confirms
   * @param maxPriceCPerKwh no bid or trade above it, c/kWh
   * @param openRequirementKwh requirement minus energy already bought, kWh
   * @param openBudgetC budget minus money already spent, cents
   * @param strategy prices the bids
   * @param successRate share of auctions won so far, 0..1
   * @param meanClearingPriceCPerKwh mean clearing price observed, c/kWh
   * @param expectedPriceCPerKwh the price signal's value now, c/kWh
   * @param minLotKwh lots (and bids) smaller than this are not worth a bid, kWh
   */
  public record Buyer(
      String aggregatorId,
      boolean paused,
      double maxPriceCPerKwh,
      double openRequirementKwh,
      double openBudgetC,
      BiddingStrategy strategy,
      double successRate,
      double meanClearingPriceCPerKwh,
      double expectedPriceCPerKwh,
      double minLotKwh) {}

  private static final PreTradeRisk.BatteryView UNKNOWN_BATTERY =
      new PreTradeRisk.BatteryView(0, 0, BatteryHealth.BATTERY_HEALTH_UNSPECIFIED);

  private final String batteryId;
  private String auctionId = "";
  private Phase phase = Phase.QUERIED;
  private Mechanism mechanism = Mechanism.ASCENDING;
  private double reserveCPerKwh;
  private double standingCPerKwh;
  private PreTradeRisk.BatteryView battery = UNKNOWN_BATTERY;
  private double lastBidCPerKwh;
  private double energyKwh;
  private Instant lastNews;

  /** A negotiation opened by a Query sent at {@code now}. */
  public Negotiation(String batteryId, Instant now) {
    this.batteryId = batteryId;
    this.lastNews = now;
  }

  public String batteryId() { return batteryId; }
  /** The battery's auction id, empty before the battery named one. */
  public String auctionId() { return auctionId; }
  public Phase phase() { return phase; }
  public Mechanism mechanism() { return mechanism; }
  public double lastBidCPerKwh() { return lastBidCPerKwh; }
  public double energyKwh() { return energyKwh; }
  public Instant lastNews() { return lastNews; }

  /** Whether it holds a bid in an open auction (counted as if it won by {@link #open}). */
  public boolean holdsBid() {
    return phase == Phase.BIDDING || phase == Phase.WAITING;
  }

  /** Whether it has heard nothing from the battery since before {@code cutoff}. */
  public boolean staleAt(Instant cutoff) {
    return lastNews.isBefore(cutoff);
  }

  /** Whether a Terminate for {@code endedAuctionId} ends this negotiation. */
  public boolean endedBy(String endedAuctionId) {
    return auctionId.isEmpty() || auctionId.equals(endedAuctionId);
  }

  // ---------------------------------------------------------------- over all negotiations

  /** Requirement and budget still free for new bids, counting every bid held as if it won. */
  public static Procurement.Open open(Buyer buyer, Collection<Negotiation> all) {
    double energy = 0;
    double cost = 0;
    for (Negotiation n : all) {
      if (n.holdsBid()) {
        energy += n.energyKwh;
        cost += n.energyKwh * n.lastBidCPerKwh;
      }
    }
    return Procurement.open(buyer.openRequirementKwh(), buyer.openBudgetC(), energy, cost);
  }

  /** What pre-trade risk books against a bid in {@code n}: every other bid held and every confirm not yet ended. */
  public static PreTradeRisk.OpenCommitments commitmentsBesides(Negotiation n, Collection<Negotiation> all) {
    double energy = 0;
    double value = 0;
    for (Negotiation other : all) {
      if (other != n && (other.holdsBid() || other.phase == Phase.CONFIRMED)) {
        energy += other.energyKwh;
        value += other.energyKwh * other.lastBidCPerKwh;
      }
    }
    return new PreTradeRisk.OpenCommitments(energy, value);
  }

  /**
   * The batteries to query in a round: those it knows and is not negotiating with, up to {@code maxConcurrent}
   * negotiations in all; none while paused or once what is still open buys less than the smallest lot.
   */
  public static List<String> toQuery(Buyer buyer, Map<String, Negotiation> negotiating, Collection<String> known,
      int maxConcurrent) {
    Procurement.Open open = open(buyer, negotiating.values());
    if (buyer.paused() || open.energyKwh() < buyer.minLotKwh() || open.budgetC() <= 0) return List.of();
    List<String> ids = new ArrayList<>();
    int room = maxConcurrent - negotiating.size();
    for (String id : known) {
      if (ids.size() >= room) break;
      if (!negotiating.containsKey(id)) ids.add(id);
    }
    return ids;
  }

  /**
   * How a QueryResponse says the battery sells: its {@code auction_mechanism}; from a battery older than that field,
   * the {@code mechanism=NAME} it wrote in the detail; ascending when neither says.
   */
  public static Mechanism mechanismOf(EtpMessage queryResponse) {
    if (queryResponse.hasAuctionMechanism()) {
      Optional<Mechanism> typed = AuctionProtoMapper.fromWire(queryResponse.getAuctionMechanism());
      if (typed.isPresent()) return typed.get();
    }
    return queryResponse.getDetail().contains("mechanism=" + Mechanism.SEALED_SECOND_PRICE)
        ? Mechanism.SEALED_SECOND_PRICE : Mechanism.ASCENDING;
  }

  // ---------------------------------------------------------------- decisions

  /**
   * The battery's QueryResponse: is its lot worth a bid (not paused, lot at least the smallest, health neither
   * critical nor failed), and at what opening price and energy (strategy, capped at the maximum; energy within
   * what is still open; pre-trade risk). A {@link Step.Bid} moves the negotiation to {@link Phase#BIDDING}.
   */
  public Step onQueryResponse(EtpMessage m, Buyer buyer, Collection<Negotiation> all, Optional<PreTradeRisk> risk,
      Instant now) {
    if (phase != Phase.QUERIED) return new Step.Wait(Why.UNEXPECTED, "QueryResponse while " + phase);
    lastNews = now;
    double lot = m.getEnergyTotalKwh() * m.getPercentageForSale() / 100.0;
    BatteryHealth health = m.getBatteryHealth();
    if (buyer.paused()) return new Step.Drop(Why.PAUSED, "paused");
    if (lot < buyer.minLotKwh()) return new Step.Drop(Why.LOT_TOO_SMALL, lot + " kWh offered");
    if (health == BatteryHealth.BATTERY_HEALTH_CRITICAL || health == BatteryHealth.BATTERY_HEALTH_FAILED) {
      return new Step.Drop(Why.UNHEALTHY, "health " + health);
    }
    auctionId = m.getNegotiationId();
    reserveCPerKwh = m.hasReservePriceCPerKwh() ? m.getReservePriceCPerKwh() : 0;
    standingCPerKwh = m.hasBidPriceCPerKwh() ? m.getBidPriceCPerKwh() : 0;
    mechanism = mechanismOf(m);
    OptionalDouble opening = buyer.strategy().openingBid(context(buyer));
    if (opening.isEmpty()) return new Step.Drop(Why.PRICED_OUT, "no opening bid");
    double price = Math.min(opening.getAsDouble(), buyer.maxPriceCPerKwh());
    double energy = Procurement.energyFor(lot, price, open(buyer, all));
    if (energy < buyer.minLotKwh()) return new Step.Drop(Why.NOTHING_LEFT_TO_BUY, energy + " kWh still open");
    energyKwh = energy;
    battery = new PreTradeRisk.BatteryView(
        m.hasRemainingEnergyKwh() ? m.getRemainingEnergyKwh() : m.getEnergyTotalKwh(), m.getEnergyTotalKwh(), health);
    Optional<RiskDecision.Rejected> refused = refusedByRisk(buyer, price, all, risk);
    if (refused.isPresent()) {
      return new Step.Drop(Why.RISK_LIMIT, refused.get().reason() + " (" + refused.get().detail() + ")");
    }
    return bid(price);
  }

  /**
   * The battery's BidReject of the bid it holds: raise it when the reason leaves room (below reserve, outbid, below
   * the increment), the strategy prices a next bid (capped at the maximum), the budget affords the raise and risk
   * approves; else wait for the auction's end, or drop the negotiation when the bid was refused before any auction.
   */
  public Step onReject(EtpMessage m, Buyer buyer, Collection<Negotiation> all, Optional<PreTradeRisk> risk,
      Instant now) {
    if (!holdsBid()) return new Step.Wait(Why.UNEXPECTED, "BidReject while " + phase);
    lastNews = now;
    if (!m.getNegotiationId().isEmpty()) auctionId = m.getNegotiationId();
    if (m.hasSalePriceCPerKwh()) standingCPerKwh = m.getSalePriceCPerKwh();
    RejectReason reason = m.getRejectReason();
    Why why;
    String detail;
    if (phase != Phase.BIDDING) {
      why = Why.UNEXPECTED;
      detail = "no longer raising";
    } else if (buyer.paused()) {
      why = Why.PAUSED;
      detail = "paused";
    } else if (!BiddingStrategy.raisable(reason)) {
      why = Why.NOT_RAISABLE;
      detail = reason.name();
    } else {
      OptionalDouble next = buyer.strategy().nextBid(context(buyer), lastBidCPerKwh, reason);
      if (next.isEmpty()) {
        why = Why.PRICED_OUT;
        detail = "no bid above " + lastBidCPerKwh + " c/kWh";
      } else {
        double price = Math.min(next.getAsDouble(), buyer.maxPriceCPerKwh());
        Optional<RiskDecision.Rejected> refused = Optional.empty();
        if (!Procurement.affordsRaise(open(buyer, all), energyKwh, lastBidCPerKwh, price)) {
          why = Why.OVER_BUDGET;
          detail = "raise to " + price + " c/kWh";
        } else if ((refused = refusedByRisk(buyer, price, all, risk)).isPresent()) {
          why = Why.RISK_LIMIT;
          detail = refused.get().reason() + " (" + refused.get().detail() + ")";
        } else {
          return bid(price);
        }
      }
    }
    if (auctionId.isEmpty()) return new Step.Drop(why, detail); // refused before any auction: nothing to wait for
    phase = Phase.WAITING; // a bidder in the auction: it will hear the end
    return new Step.Wait(why, detail);
  }

  /**
   * The battery's BidAccept, at the clearing price (its sale price, else the bid echoed) for {@code energy}: confirm
   * it when it still fits (not paused, price within the maximum, energy within the open requirement, cost within the
   * open budget); the confirmed trade is an open commitment until the auction ends. Otherwise cancel the auction.
   */
  public Step onAccept(EtpMessage m, Buyer buyer, Instant now) {
    lastNews = now;
    auctionId = m.getNegotiationId();
    double price = m.hasSalePriceCPerKwh() ? m.getSalePriceCPerKwh() : m.getBidPriceCPerKwh();
    double energy = m.getRequiredEnergyKwh();
    Why misfit = buyer.paused() ? Why.PAUSED
        : price > buyer.maxPriceCPerKwh() + 1e-9 ? Why.ABOVE_MAX_PRICE
        : energy > buyer.openRequirementKwh() + 1e-9 ? Why.ABOVE_REQUIREMENT
        : energy * price > buyer.openBudgetC() + 1e-6 ? Why.OVER_BUDGET
        : null;
    if (misfit != null) {
      phase = Phase.WAITING;
      return new Step.Cancel(misfit);
    }
    phase = Phase.CONFIRMED;
    energyKwh = energy;
    lastBidCPerKwh = price;
    return new Step.Confirm(price, energy);
  }

  private Step bid(double price) {
    lastBidCPerKwh = price;
    phase = Phase.BIDDING;
    return new Step.Bid(price, energyKwh);
  }

  private BidContext context(Buyer buyer) {
    return new BidContext(buyer.maxPriceCPerKwh(), reserveCPerKwh, standingCPerKwh, mechanism,
        buyer.expectedPriceCPerKwh(), buyer.successRate(), buyer.meanClearingPriceCPerKwh());
  }

  private Optional<RiskDecision.Rejected> refusedByRisk(Buyer buyer, double price, Collection<Negotiation> all,
      Optional<PreTradeRisk> risk) {
    if (risk.isEmpty()) return Optional.empty();
    RiskDecision decision = risk.get().check(buyer.aggregatorId(), batteryId, energyKwh, price, battery,
        commitmentsBesides(this, all));
    return decision instanceof RiskDecision.Rejected r ? Optional.of(r) : Optional.empty();
  }
}
