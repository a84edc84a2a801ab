package io.etp.risk;

import io.etp.optimize.BidSide;

/**
 * An order about to be sent to the market, as the risk rules see it.
 *
 * @param aggregatorId     the aggregator trading on the device's behalf
 * @param deviceId         the device that will deliver or absorb the energy
 * @param period           delivery period index
 * @param side             buy (device charges) or sell (device discharges)
 * @param quantityKwh      grid-side energy, kWh, &gt; 0
 * @param limitPricePerMwh currency/MWh, may be negative
 */
public record OrderIntent(String aggregatorId, String deviceId, int period, BidSide side, double quantityKwh,
    double limitPricePerMwh) {

  public OrderIntent {
    if (aggregatorId == null || deviceId == null || side == null) {
      throw new IllegalArgumentException("aggregatorId, deviceId and side are required");
    }
    if (!Double.isFinite(quantityKwh) || quantityKwh <= 0 || !Double.isFinite(limitPricePerMwh)) {
      throw new IllegalArgumentException("quantity must be finite and > 0 and the limit price finite: " + quantityKwh
          + " kWh @ " + limitPricePerMwh);
    }
  }

  /** Net export this order adds to the period, kWh: +quantity for a sell, -quantity for a buy. */
  public double signedExportKwh() {
    return side == BidSide.SELL ? quantityKwh : -quantityKwh;
  }

  /** Gross notional value, currency: quantity x |limit price|. */
  public double notional() {
    return quantityKwh * Math.abs(limitPricePerMwh) / 1000.0;
  }

  /**
   * Most cash the order can cost if filled at its limit, currency: a buy at a positive price pays, a sell at a negative
   * price pays; otherwise the order earns and costs nothing.
   */
  public double worstCaseOutflow() {
    double pricePerKwh = limitPricePerMwh / 1000.0;
    return side == BidSide.BUY ? quantityKwh * Math.max(pricePerKwh, 0) : quantityKwh * Math.max(-pricePerKwh, 0);
  }
}
