package io.etp.optimize;

/**
 * One price-quantity step for one delivery period.
 *
 * @param period            zero-based period index of the schedule it came from
 * @param side              buy (charge) or sell (discharge)
 * @param quantityKwh       grid-side energy over the period, kWh, &gt; 0
 * @param limitPricePerMwh  for a buy, the highest acceptable price; for a sell, the lowest; currency/MWh
 */
public record PeriodBid(int period, BidSide side, double quantityKwh, double limitPricePerMwh) {

  public PeriodBid {
    if (side == null) {
      throw new IllegalArgumentException("side is required");
    }
    if (!(quantityKwh > 0) || !Double.isFinite(quantityKwh)) {
      throw new IllegalArgumentException("quantityKwh must be finite and > 0 but was " + quantityKwh);
    }
    if (!Double.isFinite(limitPricePerMwh)) {
      throw new IllegalArgumentException("limitPricePerMwh must be finite but was " + limitPricePerMwh);
    }
  }
}
