package io.etp.legacy;

import java.io.IOException;
import java.util.OptionalDouble;

/**
 * The lowest price a legacy battery accepts, found by bisection in whole cents: the prototype answers a Bid below its
 * reserve with BidReject and any other with BidAccept, and never discloses the reserve itself. Assumes acceptance is
 * monotonic in the price (it is for the prototype's {@code bidPrice < reserve} rule). At most
 * {@code ceil(log2(max * 100 + 1)) + 1} bids.
 */
public final class ReserveSearch {

  /** One bid answered by the battery. */
  @FunctionalInterface
  public interface Bidder {
    /**
     * @param priceCPerKwh the bid, c/kWh, a whole number of cents
     * @return whether the battery accepted it
     * @throws IOException when the battery cannot be asked
     */
    boolean accepts(double priceCPerKwh) throws IOException;
  }

  private ReserveSearch() {
  }

  /**
   * @param bidder asks the battery
   * @param maxPriceCPerKwh the highest price tried, c/kWh, >= 0
   * @return the lowest accepted price in whole cents within [0, max], or empty when the maximum is rejected
   * @throws IOException when a bid fails
   */
  public static OptionalDouble lowestAccepted(Bidder bidder, double maxPriceCPerKwh) throws IOException {
    if (!(maxPriceCPerKwh >= 0) || Double.isInfinite(maxPriceCPerKwh)) {
      throw new IllegalArgumentException("maximum price must be finite and >= 0: " + maxPriceCPerKwh);
    }
    long hi = (long) Math.floor(maxPriceCPerKwh * 100 + 1e-6);
    if (!bidder.accepts(hi / 100.0)) {
      return OptionalDouble.empty();
    }
    long lo = -1; // highest price known to be rejected (none yet)
    while (hi - lo > 1) {
      long mid = lo + (hi - lo) / 2;
      if (bidder.accepts(mid / 100.0)) {
        hi = mid;
      } else {
        lo = mid;
      }
    }
    return OptionalDouble.of(hi / 100.0);
  }
}
