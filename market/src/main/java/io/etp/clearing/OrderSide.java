package io.etp.clearing;

/** Which curve an order belongs to. */
public enum OrderSide {
  /** A bid: part of the demand curve, buys at or below its limit. */
  BUY,
  /** An offer: part of the supply curve, sells at or above its limit. */
  SELL
}
