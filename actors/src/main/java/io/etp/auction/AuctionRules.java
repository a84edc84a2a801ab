package io.etp.auction;

import java.time.Duration;

/**
 * How a battery runs its auctions.
 *
 * @param mechanism ascending (English) or sealed-bid second-price
 * @param window how long an auction accepts bids after it opens
 * @param minIncrementCPerKwh ascending: a new bid must beat the standing bid by at least this (c/kWh, >= 0)
 * @param softClose ascending: a bid arriving within this of the close extends the close to now + softClose
 * @param confirmDeadline how long a winner has to send BidConfirm (ETP critical deadline: 500 ms)
 * @param maxMisses after this many winners missed the confirm deadline the auction ends
 */
public record AuctionRules(
    Mechanism mechanism,
    Duration window,
    double minIncrementCPerKwh,
    Duration softClose,
    Duration confirmDeadline,
    int maxMisses) {

  public AuctionRules {
    if (window.isNegative() || window.isZero()) throw new IllegalArgumentException("window must be positive");
    if (!(minIncrementCPerKwh >= 0)) throw new IllegalArgumentException("minIncrement must be >= 0");
    if (softClose.isNegative()) throw new IllegalArgumentException("softClose must be >= 0");
    if (confirmDeadline.isNegative() || confirmDeadline.isZero())
      throw new IllegalArgumentException("confirmDeadline must be positive");
    if (maxMisses < 1) throw new IllegalArgumentException("maxMisses must be >= 1");
  }

  public AuctionRules withMechanism(Mechanism m) {
    return new AuctionRules(m, window, minIncrementCPerKwh, softClose, confirmDeadline, maxMisses);
  }

  public AuctionRules withWindow(Duration w) {
    return new AuctionRules(mechanism, w, minIncrementCPerKwh, softClose, confirmDeadline, maxMisses);
  }
}
