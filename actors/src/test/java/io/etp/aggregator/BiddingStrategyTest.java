package io.etp.aggregator;

import static org.junit.jupiter.api.Assertions.*;

import io.etp.auction.Mechanism;
import io.etp.protocol.v1.RejectReason;
import org.junit.jupiter.api.Test;

class BiddingStrategyTest {

  static BidContext ctx(double max, double reserve, double standing, Mechanism m, double expected, double success,
      double meanClearing) {
    return new BidContext(max, reserve, standing, m, expected, success, meanClearing);
  }

  static final RejectReason BELOW_RESERVE = RejectReason.REJECT_REASON_BELOW_RESERVE;
  static final RejectReason OUTBID = RejectReason.REJECT_REASON_OUTBID;

  @Test
  void fixedIncrementStartsLowAndRaisesByTheIncrementUpToTheMaximum() {
    var s = new BiddingStrategy.FixedIncrement(12.0, 1.0);
    var c = ctx(18.5, 14.0, 0, Mechanism.ASCENDING, 17, 0.5, 0);
    assertEquals(12.0, s.openingBid(c).getAsDouble());
    assertEquals(13.0, s.nextBid(c, 12.0, BELOW_RESERVE).getAsDouble());
    assertEquals(18.0, s.nextBid(c, 17.0, BELOW_RESERVE).getAsDouble());
    assertEquals(18.5, s.nextBid(c, 18.0, BELOW_RESERVE).getAsDouble());
    assertTrue(s.nextBid(c, 18.5, BELOW_RESERVE).isEmpty());
  }

  @Test
  void fixedIncrementRaisesPastTheStandingBid() {
    var s = new BiddingStrategy.FixedIncrement(12.0, 1.0);
    assertEquals(17.0, s.nextBid(ctx(18.5, 14, 16.0, Mechanism.ASCENDING, 17, 0.5, 0), 15.0, OUTBID).getAsDouble());
  }

  @Test
  void noStrategyRaisesAfterAFinalReject() {
    var c = ctx(18.5, 14.0, 0, Mechanism.ASCENDING, 17, 0.5, 15);
    for (StrategyKind k : StrategyKind.values()) {
      var s = BiddingStrategy.of(k, new StrategyParams(12, 1, 0.5, 0.5));
      assertTrue(s.nextBid(c, 15, RejectReason.REJECT_REASON_AUCTION_CLOSED).isEmpty(), k.name());
      assertTrue(s.nextBid(c, 15, RejectReason.REJECT_REASON_LOW_REPUTATION).isEmpty(), k.name());
    }
  }

  @Test
  void noStrategyEverBidsAboveTheMaximumPrice() {
    for (StrategyKind k : StrategyKind.values()) {
      var s = BiddingStrategy.of(k, new StrategyParams(30, 3, 0.0, 1.0));
      for (Mechanism m : Mechanism.values()) {
        var c = ctx(16.0, 14.0, 15.9, m, 40, 0.0, 30);
        s.openingBid(c).ifPresent(p -> assertTrue(p <= 16.0, k + " opening " + p));
        double last = 14;
        for (int i = 0; i < 10; i++) {
          var next = s.nextBid(c, last, OUTBID);
          if (next.isEmpty()) break;
          assertTrue(next.getAsDouble() <= 16.0, k + " next " + next.getAsDouble());
          last = next.getAsDouble();
        }
      }
    }
  }

  @Test
  void valueBasedBidsItsLimitAtOnceInSealedAuctions() {
    var s = new BiddingStrategy.ValueBased(0.5, 1.0);
    assertEquals(16.5, s.openingBid(ctx(18.5, 14, 0, Mechanism.SEALED_SECOND_PRICE, 17.0, 0.5, 0)).getAsDouble());
  }

  @Test
  void valueBasedOpensAtReserveAndStopsAtExpectedValueMinusMargin() {
    var s = new BiddingStrategy.ValueBased(0.5, 1.0);
    var c = ctx(18.5, 14, 0, Mechanism.ASCENDING, 17.0, 0.5, 0);
    assertEquals(14.0, s.openingBid(c).getAsDouble());
    assertEquals(16.5, s.nextBid(c, 16.0, OUTBID).getAsDouble());
    assertTrue(s.nextBid(c, 16.5, OUTBID).isEmpty());
  }

  @Test
  void valueBasedLeavesLotsWhoseReserveIsAboveItsValue() {
    var s = new BiddingStrategy.ValueBased(0.5, 1.0);
    assertTrue(s.openingBid(ctx(18.5, 17.0, 0, Mechanism.ASCENDING, 17.0, 0.5, 0)).isEmpty());
  }

  @Test
  void adaptiveRaisesHarderWhenItWinsLessThanItsTarget() {
    var s = new BiddingStrategy.Adaptive(1.0, 0.5);
    var losing = ctx(30, 14, 0, Mechanism.ASCENDING, 17, 0.0, 16);
    var winning = ctx(30, 14, 0, Mechanism.ASCENDING, 17, 1.0, 16);
    assertTrue(s.increment(losing) > s.increment(winning));
    assertTrue(s.nextBid(losing, 15, OUTBID).getAsDouble() > s.nextBid(winning, 15, OUTBID).getAsDouble());
  }

  @Test
  void adaptiveOpensNearTheClearingPricesItObserved() {
    var s = new BiddingStrategy.Adaptive(1.0, 0.5);
    double low = s.openingBid(ctx(30, 14, 0, Mechanism.ASCENDING, 17, 0.5, 15)).getAsDouble();
    double high = s.openingBid(ctx(30, 14, 0, Mechanism.ASCENDING, 17, 0.5, 20)).getAsDouble();
    assertTrue(high > low);
    assertTrue(low >= 14.0);
  }

  @Test
  void marketTimingHoldsBackWhenPricesAreExpectedToFall() {
    var timing = new MarketTiming(1.0);
    assertTrue(timing.holdBack(-2.0, 10));
    assertFalse(timing.holdBack(-0.5, 10));
    assertFalse(timing.holdBack(-2.0, 0));
  }

  @Test
  void procurementNeverAsksBeyondRequirementOrBudget() {
    var open = Procurement.open(10, 100, 4, 60); // 6 kWh and 40 c still free
    assertEquals(6, open.energyKwh(), 1e-9);
    assertEquals(2.5, Procurement.energyFor(6.5, 16, open), 1e-9); // 40 c / 16 c/kWh
    assertTrue(Procurement.affordsRaise(open, 2.5, 16, 32));
    assertFalse(Procurement.affordsRaise(open, 2.5, 16, 33));
  }
}
