package io.etp.risk;

/**
 * Trading limits of one aggregator.
 *
 * @param maxAbsPositionKwh largest absolute net position (sells minus buys) in any one period, kWh
 * @param maxExposure       largest gross notional over all open orders, currency
 * @param budget            largest total worst-case cash outflow, currency
 */
public record AggregatorLimits(double maxAbsPositionKwh, double maxExposure, double budget) {
  public AggregatorLimits {
    if (!(maxAbsPositionKwh >= 0) || !(maxExposure >= 0) || !(budget >= 0)) {
      throw new IllegalArgumentException("limits must be >= 0: " + maxAbsPositionKwh + ", " + maxExposure + ", "
          + budget);
    }
  }
}
