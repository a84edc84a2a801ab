package io.etp.risk;

/** Why a pre-trade check rejected an order. One code per rule. */
public enum RiskReason {
  /** Limit price above the market price cap. */
  PRICE_ABOVE_CAP,
  /** Limit price below the market price floor. */
  PRICE_BELOW_FLOOR,
  /** The aggregator's net position in the period would exceed its limit. */
  POSITION_LIMIT_EXCEEDED,
  /** The aggregator's gross notional exposure would exceed its limit. */
  EXPOSURE_LIMIT_EXCEEDED,
  /** The worst-case cash outflow would exceed the aggregator's remaining budget. */
  BUDGET_EXCEEDED,
  /** Executing the order would take the device outside its SoC safety bounds. */
  SOC_OUTSIDE_SAFETY_BOUNDS,
  /** The device is offline, faulted or below the minimum state of health. */
  DEVICE_UNHEALTHY,
  /** The order would break a demand-response delivery commitment. */
  DR_COMMITMENT_BREACHED
}
