package io.etp.risk;

import java.util.HashMap;
import java.util.Map;

/**
 * What an aggregator has already committed: its limits, net position per period, gross exposure and budget used.
 *
 * @param aggregatorId    whose book this is
 * @param limits          the aggregator's limits
 * @param netPositionKwh  per period, sells minus buys, kWh (absent period: 0)
 * @param exposure        gross notional of open orders, currency
 * @param spent           worst-case cash outflow already committed, currency
 */
public record AggregatorBook(String aggregatorId, AggregatorLimits limits, Map<Integer, Double> netPositionKwh,
    double exposure, double spent) {

  public AggregatorBook {
    netPositionKwh = Map.copyOf(netPositionKwh);
  }

  /** An empty book. */
  public static AggregatorBook empty(String aggregatorId, AggregatorLimits limits) {
    return new AggregatorBook(aggregatorId, limits, Map.of(), 0, 0);
  }

  /** Net position in a period, kWh. */
  public double positionKwh(int period) {
    return netPositionKwh.getOrDefault(period, 0.0);
  }

  /** The book after an approved order. */
  public AggregatorBook with(OrderIntent order) {
    Map<Integer, Double> positions = new HashMap<>(netPositionKwh);
    positions.merge(order.period(), order.signedExportKwh(), Double::sum);
    return new AggregatorBook(aggregatorId, limits, positions, exposure + order.notional(),
        spent + order.worstCaseOutflow());
  }
}
