package io.etp.aggregator;

import io.etp.auction.Mechanism;
import io.etp.protocol.v1.RejectReason;
import java.util.OptionalDouble;

/**
 * Prices an aggregator's bids. Pure: no state of its own; what it learns comes in through the {@link BidContext}.
 * Every strategy respects the context's maximum price.
 */
public sealed interface BiddingStrategy {

  /** The first bid for a lot, or empty to leave it. */
  OptionalDouble openingBid(BidContext ctx);

  /** The next bid after {@code lastBid} was rejected for {@code reason}, or empty to stop raising. */
  OptionalDouble nextBid(BidContext ctx, double lastBidCPerKwh, RejectReason reason);

  static BiddingStrategy of(StrategyKind kind, StrategyParams p) {
    return switch (kind) {
      case FIXED_INCREMENT -> new FixedIncrement(p.startPriceCPerKwh(), p.incrementCPerKwh());
      case VALUE_BASED -> new ValueBased(p.marginCPerKwh(), p.incrementCPerKwh());
      case ADAPTIVE -> new Adaptive(p.incrementCPerKwh(), p.targetSuccessRate());
    };
  }

  /** Whether a reject leaves room to bid again in the same auction. */
  static boolean raisable(RejectReason reason) {
    return reason == RejectReason.REJECT_REASON_BELOW_RESERVE
        || reason == RejectReason.REJECT_REASON_OUTBID
        || reason == RejectReason.REJECT_REASON_BELOW_MIN_INCREMENT;
  }

  /** Raises {@code last} by {@code increment} (and past the standing bid), capped at {@code limit}. */
  private static OptionalDouble raise(double last, double standing, double increment, double limit) {
    double next = Math.max(last, standing) + increment;
    if (next <= limit) return OptionalDouble.of(next);
    return last < limit && standing < limit ? OptionalDouble.of(limit) : OptionalDouble.empty();
  }

  /** (a) The prototype's: open at a start price, raise by a fixed increment on each reject, up to the maximum. */
  record FixedIncrement(double startPriceCPerKwh, double incrementCPerKwh) implements BiddingStrategy {
    @Override
    public OptionalDouble openingBid(BidContext ctx) {
      return ctx.maxPriceCPerKwh() >= ctx.reservePriceCPerKwh()
          ? OptionalDouble.of(Math.min(startPriceCPerKwh, ctx.maxPriceCPerKwh()))
          : OptionalDouble.empty();
    }

    @Override
    public OptionalDouble nextBid(BidContext ctx, double last, RejectReason reason) {
      if (!BiddingStrategy.raisable(reason)) return OptionalDouble.empty();
      return raise(last, ctx.standingPriceCPerKwh(), incrementCPerKwh, ctx.maxPriceCPerKwh());
    }
  }

  /**
   * (b) Bids up to the value the price signal gives, minus a margin (and never above the maximum). In a sealed-bid
   * second-price auction it bids that limit at once (the dominant strategy); in an ascending one it opens at the
   * reserve and raises by the increment up to the limit.
   */
  record ValueBased(double marginCPerKwh, double incrementCPerKwh) implements BiddingStrategy {
    public double limit(BidContext ctx) {
      return Math.min(ctx.maxPriceCPerKwh(), ctx.expectedPriceCPerKwh() - marginCPerKwh);
    }

    @Override
    public OptionalDouble openingBid(BidContext ctx) {
      double limit = limit(ctx);
      if (limit < ctx.reservePriceCPerKwh() || limit <= 0) return OptionalDouble.empty();
      if (ctx.mechanism() == Mechanism.SEALED_SECOND_PRICE) return OptionalDouble.of(limit);
      double open = Math.max(ctx.reservePriceCPerKwh(), ctx.standingPriceCPerKwh() + incrementCPerKwh);
      return open <= limit ? OptionalDouble.of(open) : OptionalDouble.empty();
    }

    @Override
    public OptionalDouble nextBid(BidContext ctx, double last, RejectReason reason) {
      if (!BiddingStrategy.raisable(reason)) return OptionalDouble.empty();
      return raise(last, ctx.standingPriceCPerKwh(), incrementCPerKwh, limit(ctx));
    }
  }

  /**
   * (c) Learns from its record: aggression grows when it wins less than its target and shrinks when it wins more;
   * the increment scales with aggression, and it opens near the clearing prices it has seen.
   */
  record Adaptive(double baseIncrementCPerKwh, double targetSuccessRate) implements BiddingStrategy {
    /** 0.5 (win a lot: ease off) .. 2 (win little: push). */
    public double aggression(BidContext ctx) {
      return Math.max(0.5, Math.min(2.0, 1.0 + 2.0 * (targetSuccessRate - ctx.successRate())));
    }

    public double increment(BidContext ctx) {
      return baseIncrementCPerKwh * aggression(ctx);
    }

    @Override
    public OptionalDouble openingBid(BidContext ctx) {
      double max = ctx.maxPriceCPerKwh();
      if (max < ctx.reservePriceCPerKwh()) return OptionalDouble.empty();
      double anchor = ctx.meanClearingPriceCPerKwh() > 0 ? ctx.meanClearingPriceCPerKwh() : ctx.reservePriceCPerKwh();
      double open = ctx.mechanism() == Mechanism.SEALED_SECOND_PRICE
          ? anchor + increment(ctx) * aggression(ctx)
          : anchor - increment(ctx) / aggression(ctx);
      open = Math.max(open, Math.max(ctx.reservePriceCPerKwh(), ctx.standingPriceCPerKwh() + increment(ctx)));
      return OptionalDouble.of(Math.min(open, max));
    }

    @Override
    public OptionalDouble nextBid(BidContext ctx, double last, RejectReason reason) {
      if (!BiddingStrategy.raisable(reason)) return OptionalDouble.empty();
      return raise(last, ctx.standingPriceCPerKwh(), increment(ctx), ctx.maxPriceCPerKwh());
    }
  }
}
