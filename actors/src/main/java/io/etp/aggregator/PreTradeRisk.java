package io.etp.aggregator;

import com.typesafe.config.Config;
import io.etp.optimize.BidSide;
import io.etp.protocol.v1.BatteryHealth;
import io.etp.risk.AggregatorBook;
import io.etp.risk.AggregatorLimits;
import io.etp.risk.DeviceHealth;
import io.etp.risk.DeviceState;
import io.etp.risk.OrderIntent;
import io.etp.risk.RiskAuditSink;
import io.etp.risk.RiskContext;
import io.etp.risk.RiskDecision;
import io.etp.risk.RiskRules;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The aggregator's pre-trade risk check, run before every Bid it sends (the buyer's side, where an exchange member's
 * own pre-trade controls sit). Maps an ETP bid onto the market's {@link RiskRules}; every rejection is audited by the
 * rules' {@link RiskAuditSink}. Pure apart from that sink.
 *
 * <p>Mapping. The order is the battery's energy leaving the battery for the aggregator: {@link BidSide#SELL} of
 * {@code energyKwh} on behalf of the device, in delivery period 0 (ETP trades deliver now), at the bid price converted
 * from c/kWh to currency/MWh (x 10). The book holds the aggregator's open commitments: the bids it holds and the trades
 * it confirmed whose auctions have not ended; its net position is their energy and its exposure their value in
 * currency (cents / 100). The device is what the battery's QueryResponse says: stored energy, capacity (SoC bounds
 * 0..capacity, efficiency 1 for grid-side energy already offered), health (critical or failed = fault). ETP carries no
 * state of health and no demand-response commitments, so those checks pass on this path. The budget is enforced in
 * cents by {@link Procurement}; the market-side budget check here sees no cash outflow for a sell.
 *
 * @param rules  the standard rules (price band in currency/MWh)
 * @param limits position (kWh), exposure (currency) and budget (currency) limits of every aggregator on the node
 */
public record PreTradeRisk(RiskRules rules, AggregatorLimits limits) {

  /** c/kWh -> currency/MWh. */
  public static final double PER_MWH_PER_C_PER_KWH = 10.0;

  /** What the aggregator already has open, as the risk rules book it. */
  public record OpenCommitments(double energyKwh, double valueC) {}

  /** What the battery reported about itself. */
  public record BatteryView(double storedKwh, double capacityKwh, BatteryHealth health) {}

  /** The rules from {@code etp.aggregator.risk}, auditing to {@code audit}. */
  public static PreTradeRisk fromConfig(Config etp, RiskAuditSink audit, Clock clock) {
    Config r = etp.getConfig("aggregator.risk");
    return new PreTradeRisk(
        RiskRules.standard(r.getDouble("price-floor-per-mwh"), r.getDouble("price-cap-per-mwh"), 0, audit, clock),
        new AggregatorLimits(r.getDouble("max-position-kwh"), r.getDouble("max-exposure"), r.getDouble("budget")));
  }

  /** Checks a bid of {@code energyKwh} at {@code priceCPerKwh} for a battery's lot. */
  public RiskDecision check(String aggregatorId, String batteryId, double energyKwh, double priceCPerKwh,
      BatteryView battery, OpenCommitments open) {
    OrderIntent order = new OrderIntent(aggregatorId, batteryId, 0, BidSide.SELL, energyKwh,
        priceCPerKwh * PER_MWH_PER_C_PER_KWH);
    AggregatorBook book = new AggregatorBook(aggregatorId, limits, Map.of(0, open.energyKwh()),
        open.valueC() / 100.0, 0);
    boolean fault = battery.health() == BatteryHealth.BATTERY_HEALTH_CRITICAL
        || battery.health() == BatteryHealth.BATTERY_HEALTH_FAILED;
    double capacity = Math.max(battery.capacityKwh(), battery.storedKwh());
    DeviceState device = new DeviceState(batteryId, battery.storedKwh(), 0, capacity, 1, 1,
        new DeviceHealth(true, fault, 100), Map.of());
    return rules.evaluate(order, new RiskContext(book, device, List.of()));
  }
}
