package io.etp.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.etp.optimize.BidSide;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RiskRulesTest {

  private static final Instant NOW = Instant.parse("2026-11-21T02:00:00Z");
  private final InMemoryRiskAuditSink audit = new InMemoryRiskAuditSink();
  private final RiskRules rules = RiskRules.standard(-500, 3000, 70, audit, Clock.fixed(NOW, ZoneOffset.UTC));

  private static final AggregatorLimits LIMITS = new AggregatorLimits(100, 50, 20);
  private static final DeviceHealth HEALTHY = new DeviceHealth(true, false, 95);

  private static DeviceState device(double socKwh, DeviceHealth health) {
    return new DeviceState("bat-1", socKwh, 10, 190, 0.95, 0.95, health, Map.of());
  }

  private static RiskContext context() {
    return new RiskContext(AggregatorBook.empty("agg-1", LIMITS), device(100, HEALTHY), List.of());
  }

  private static OrderIntent order(BidSide side, double kwh, double pricePerMwh) {
    return new OrderIntent("agg-1", "bat-1", 5, side, kwh, pricePerMwh);
  }

  private RiskReason rejectionOf(OrderIntent order, RiskContext context) {
    return assertInstanceOf(RiskDecision.Rejected.class, rules.evaluate(order, context)).reason();
  }

  @Test
  void approvesAnOrderInsideEveryLimit() {
    assertEquals(RiskDecision.APPROVED, rules.evaluate(order(BidSide.BUY, 50, 80), context()));
    assertEquals(RiskDecision.APPROVED, rules.evaluate(order(BidSide.SELL, 50, 120), context()));
    assertEquals(List.of(), audit.rejections());
  }

  @Test
  void rejectsPriceAboveCap() {
    assertEquals(RiskReason.PRICE_ABOVE_CAP, rejectionOf(order(BidSide.BUY, 1, 3000.01), context()));
  }

  @Test
  void rejectsPriceBelowFloor() {
    assertEquals(RiskReason.PRICE_BELOW_FLOOR, rejectionOf(order(BidSide.SELL, 1, -501), context()));
  }

  @Test
  void rejectsPositionBeyondTheAggregatorLimit() {
    RiskContext ctx = new RiskContext(new AggregatorBook("agg-1", LIMITS, Map.of(5, 60.0), 0, 0),
        device(150, HEALTHY), List.of());
    // already long 60 kWh of sales in period 5; another 50 would make 110 > 100
    assertEquals(RiskReason.POSITION_LIMIT_EXCEEDED, rejectionOf(order(BidSide.SELL, 50, 1), ctx));
    assertEquals(RiskDecision.APPROVED, rules.evaluate(order(BidSide.SELL, 40, 1), ctx));
  }

  @Test
  void rejectsExposureBeyondTheAggregatorLimit() {
    // 80 kWh at 700 per MWh is 56 of notional, limit 50
    assertEquals(RiskReason.EXPOSURE_LIMIT_EXCEEDED, rejectionOf(order(BidSide.SELL, 80, 700), context()));
  }

  @Test
  void rejectsBuyThatDoesNotFitTheBudget() {
    RiskContext ctx = new RiskContext(new AggregatorBook("agg-1", LIMITS, Map.of(), 0, 15), device(100, HEALTHY),
        List.of());
    // 15 already committed; 60 kWh at 100 per MWh costs 6 > 5 left
    assertEquals(RiskReason.BUDGET_EXCEEDED, rejectionOf(order(BidSide.BUY, 60, 100), ctx));
  }

  @Test
  void rejectsSellAtNegativePriceThatDoesNotFitTheBudget() {
    RiskContext ctx = new RiskContext(new AggregatorBook("agg-1", LIMITS, Map.of(), 0, 19), device(100, HEALTHY),
        List.of());
    assertEquals(RiskReason.BUDGET_EXCEEDED, rejectionOf(order(BidSide.SELL, 30, -50), ctx));
  }

  @Test
  void rejectsOrdersThatLeaveTheSocSafetyBounds() {
    // SoC 100, safe [10, 190]: selling 90 kWh takes 94.7 from storage; buying 100 kWh stores 95
    assertEquals(RiskReason.SOC_OUTSIDE_SAFETY_BOUNDS, rejectionOf(order(BidSide.SELL, 90, 50), context()));
    assertEquals(RiskReason.SOC_OUTSIDE_SAFETY_BOUNDS, rejectionOf(order(BidSide.BUY, 100, 10), context()));
  }

  @Test
  void rejectsOrdersForUnhealthyDevices() {
    for (DeviceHealth sick : List.of(new DeviceHealth(false, false, 95), new DeviceHealth(true, true, 95),
        new DeviceHealth(true, false, 60))) {
      RiskContext ctx = new RiskContext(AggregatorBook.empty("agg-1", LIMITS), device(100, sick), List.of());
      assertEquals(RiskReason.DEVICE_UNHEALTHY, rejectionOf(order(BidSide.SELL, 1, 50), ctx));
    }
  }

  @Test
  void rejectsBuyThatBreaksADemandResponseCommitment() {
    DeviceState committed = new DeviceState("bat-1", 100, 10, 190, 0.95, 0.95, HEALTHY, Map.of(5, 20.0));
    RiskContext ctx = new RiskContext(AggregatorBook.empty("agg-1", LIMITS), committed,
        List.of(new DrCommitment("bat-1", 5, 15)));
    // 20 kWh already sold in period 5, 15 owed: buying 10 leaves 10 < 15; buying 5 leaves exactly 15
    assertEquals(RiskReason.DR_COMMITMENT_BREACHED, rejectionOf(order(BidSide.BUY, 10, 30), ctx));
    assertEquals(RiskDecision.APPROVED, rules.evaluate(order(BidSide.BUY, 5, 30), ctx));
  }

  @Test
  void everyRejectionIsAuditedWithReasonAndTime() {
    OrderIntent tooExpensive = order(BidSide.BUY, 1, 5000);
    rules.evaluate(tooExpensive, context());
    rules.evaluate(order(BidSide.SELL, 1, -600), context());
    List<RiskRejection> log = audit.rejections();
    assertEquals(2, log.size());
    assertEquals(new RiskRejection(NOW, tooExpensive, RiskReason.PRICE_ABOVE_CAP,
        "limit 5000.0 above cap 3000.0 per MWh"), log.get(0));
    assertEquals(RiskReason.PRICE_BELOW_FLOOR, log.get(1).reason());
  }
}
