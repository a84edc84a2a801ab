package io.etp.clearing;

/**
 * One step of a participant's bid or offer curve for one delivery period.
 *
 * @param orderId          unique within an auction
 * @param participantId    who placed it (aggregator, device, or a simulated counterparty)
 * @param side             bid (buy) or offer (sell)
 * @param quantityKwh      energy, kWh, &gt; 0
 * @param limitPricePerMwh highest price a bid pays / lowest price an offer accepts, currency/MWh, may be negative
 */
public record Order(String orderId, String participantId, OrderSide side, double quantityKwh, double limitPricePerMwh) {

  public Order {
    if (orderId == null || orderId.isBlank() || participantId == null || participantId.isBlank() || side == null) {
      throw new IllegalArgumentException("orderId, participantId and side are required");
    }
    if (!Double.isFinite(quantityKwh) || quantityKwh <= 0) {
      throw new IllegalArgumentException("order " + orderId + ": quantityKwh must be finite and > 0 but was "
          + quantityKwh);
    }
    if (!Double.isFinite(limitPricePerMwh)) {
      throw new IllegalArgumentException("order " + orderId + ": limit price must be finite but was "
          + limitPricePerMwh);
    }
  }

  /** A bid (demand step). */
  public static Order buy(String orderId, String participantId, double quantityKwh, double limitPricePerMwh) {
    return new Order(orderId, participantId, OrderSide.BUY, quantityKwh, limitPricePerMwh);
  }

  /** An offer (supply step). */
  public static Order sell(String orderId, String participantId, double quantityKwh, double limitPricePerMwh) {
    return new Order(orderId, participantId, OrderSide.SELL, quantityKwh, limitPricePerMwh);
  }
}
