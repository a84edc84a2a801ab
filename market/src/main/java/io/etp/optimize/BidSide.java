package io.etp.optimize;

/** Direction of a bid from the device's point of view. */
public enum BidSide {
  /** Buy energy from the market (the device charges). */
  BUY,
  /** Sell energy to the market (the device discharges). */
  SELL
}
