package io.etp.live;

/** What happened, as the live stream names it. The wire form is the constant's name, e.g. {@code "BID_PLACED"}. */
public enum LiveEventType {
  AUCTION_OPENED,
  BID_PLACED,
  BID_ACCEPTED,
  BID_REJECTED,
  TRADE_CONFIRMED,
  AUCTION_ENDED,
  AUCTION_TERMINATED,
  BATTERY_STATUS,
  DEVICE_FAILURE,
  ALERT
}
