package io.etp.battery;

import static org.junit.jupiter.api.Assertions.*;

import io.etp.protocol.v1.BatteryHealth;
import io.etp.protocol.v1.RejectReason;
import org.junit.jupiter.api.Test;

class BidEvaluationTest {

  static final AcceptanceCriteria CRITERIA = new AcceptanceCriteria(14.0, 0.5, 0.25, 5.0);

  static BidEvaluation.Seller seller(Availability a, BatteryHealth h, double forSale) {
    return new BidEvaluation.Seller(a, h, forSale, CRITERIA);
  }

  static final BidEvaluation.Seller HEALTHY = seller(Availability.ONLINE, BatteryHealth.BATTERY_HEALTH_GOOD, 6.75);

  static RejectReason reason(BidEvaluation.Decision d) {
    return ((BidEvaluation.Decision.Refused) d).reason();
  }

  @Test
  void acceptsBidAtReserveWithinTheLot() {
    var d = BidEvaluation.decide(HEALTHY, new BidEvaluation.Offer("agg", 14.0, 5.0, 1.0));
    assertEquals(5.0, ((BidEvaluation.Decision.Eligible) d).lotKwh(), 1e-9);
  }

  @Test
  void rejectsBidBelowReservePrice() {
    assertEquals(RejectReason.REJECT_REASON_BELOW_RESERVE,
        reason(BidEvaluation.decide(HEALTHY, new BidEvaluation.Offer("agg", 13.99, 1.0, 1.0))));
  }

  @Test
  void comparesTheBidsPriceAndEnergyAsTheExactValuesTheyBecome() {
    // 13.999999999999998 is 14.0000 c/kWh exactly (HALF_EVEN at 4 decimals): at the reserve, as the book sees it
    assertInstanceOf(BidEvaluation.Decision.Eligible.class,
        BidEvaluation.decide(HEALTHY, new BidEvaluation.Offer("agg", 13.999999999999998, 1.0, 1.0)));
    assertEquals(RejectReason.REJECT_REASON_BELOW_RESERVE,
        reason(BidEvaluation.decide(HEALTHY, new BidEvaluation.Offer("agg", 13.9999, 1.0, 1.0))));
    // less than 1 Wh is nothing to trade
    var tiny = BidEvaluation.decide(HEALTHY, new BidEvaluation.Offer("agg", 15.0, 0.0004, 1.0));
    assertEquals(RejectReason.REJECT_REASON_ENERGY_UNAVAILABLE, reason(tiny));
    assertTrue(((BidEvaluation.Decision.Refused) tiny).detail().contains("0.001 kWh"));
    // 5.0000000000000004 kWh is the 5.000 kWh lot
    assertInstanceOf(BidEvaluation.Decision.Eligible.class,
        BidEvaluation.decide(HEALTHY, new BidEvaluation.Offer("agg", 14.0, 5.0000000000000004, 1.0)));
  }

  @Test
  void rejectsMoreEnergyThanOfferedMinusSafetyMargin() {
    var roomy = new BidEvaluation.Seller(Availability.ONLINE, BatteryHealth.BATTERY_HEALTH_GOOD, 3.0,
        new AcceptanceCriteria(14.0, 0.5, 0.25, 50.0));
    assertEquals(RejectReason.REJECT_REASON_ENERGY_UNAVAILABLE,
        reason(BidEvaluation.decide(roomy, new BidEvaluation.Offer("agg", 15, 2.8, 1.0))));
    assertInstanceOf(BidEvaluation.Decision.Eligible.class,
        BidEvaluation.decide(roomy, new BidEvaluation.Offer("agg", 15, 2.75, 1.0)));
  }

  @Test
  void rejectsMoreThanTheMaximumEnergyPerTrade() {
    assertEquals(RejectReason.REJECT_REASON_EXCEEDS_TRADE_LIMIT,
        reason(BidEvaluation.decide(HEALTHY, new BidEvaluation.Offer("agg", 15, 5.5, 1.0))));
  }

  @Test
  void rejectsAggregatorWithReputationBelowThreshold() {
    assertEquals(RejectReason.REJECT_REASON_LOW_REPUTATION,
        reason(BidEvaluation.decide(HEALTHY, new BidEvaluation.Offer("agg", 15, 1, 0.49))));
  }

  @Test
  void rejectsWhenUnhealthyOrFailed() {
    for (BatteryHealth h : new BatteryHealth[] {BatteryHealth.BATTERY_HEALTH_CRITICAL, BatteryHealth.BATTERY_HEALTH_FAILED}) {
      assertEquals(RejectReason.REJECT_REASON_UNHEALTHY,
          reason(BidEvaluation.decide(seller(Availability.ONLINE, h, 6.75), new BidEvaluation.Offer("agg", 15, 1, 1))));
    }
    assertEquals(RejectReason.REJECT_REASON_UNHEALTHY, reason(BidEvaluation.decide(
        seller(Availability.FAILED, BatteryHealth.BATTERY_HEALTH_GOOD, 6.75), new BidEvaluation.Offer("agg", 15, 1, 1))));
  }

  @Test
  void degradedBatteryMayStillTrade() {
    assertInstanceOf(BidEvaluation.Decision.Eligible.class, BidEvaluation.decide(
        seller(Availability.ONLINE, BatteryHealth.BATTERY_HEALTH_DEGRADED, 6.75), new BidEvaluation.Offer("agg", 15, 1, 1)));
  }

  @Test
  void rejectsWhenNotRegisteredOrTerminated() {
    for (Availability a : new Availability[] {Availability.UNREGISTERED, Availability.TERMINATED}) {
      assertEquals(RejectReason.REJECT_REASON_AUCTION_CLOSED, reason(BidEvaluation.decide(
          seller(a, BatteryHealth.BATTERY_HEALTH_GOOD, 6.75), new BidEvaluation.Offer("agg", 15, 1, 1))));
    }
  }

  @Test
  void reputationIsConfirmedShareOfAcceptsWithOneConfirmInFavour() {
    assertEquals(1.0, TradingRecord.EMPTY.reputation());
    assertEquals(0.5, TradingRecord.EMPTY.withMissed().reputation());
    assertEquals(1.0 / 3, TradingRecord.EMPTY.withMissed().withMissed().withRejected().reputation(), 1e-9);
    assertEquals(2.0 / 3, TradingRecord.EMPTY.withConfirmed().withMissed().reputation(), 1e-9);
  }
}
