package io.etp.marketdata;

import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.Objects;

/**
 * One market price for one delivery interval of one bidding zone.
 *
 * @param zone         bidding zone identifier, e.g. the ENTSO-E EIC code {@code 10YBE----------2} or a dataset name such as {@code NP}
 * @param start        start of the delivery interval (UTC instant)
 * @param resolution   length of the delivery interval, e.g. {@code PT60M} or {@code PT15M}
 * @param pricePerMwh  clearing price in {@code currency} per MWh; may be negative
 * @param currency     currency of the price
 */
public record PricePoint(String zone, Instant start, Duration resolution, double pricePerMwh, Currency currency) {

  public PricePoint {
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(resolution, "resolution");
    Objects.requireNonNull(currency, "currency");
    if (resolution.isZero() || resolution.isNegative()) {
      throw new IllegalArgumentException("resolution must be positive: " + resolution);
    }
    if (!Double.isFinite(pricePerMwh)) {
      throw new IllegalArgumentException("price must be finite: " + pricePerMwh);
    }
  }

  /** End of the delivery interval (exclusive). */
  public Instant end() {
    return start.plus(resolution);
  }
}
