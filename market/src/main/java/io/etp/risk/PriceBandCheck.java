package io.etp.risk;

/** Rejects limit prices outside the market's price floor and cap (currency/MWh). */
public record PriceBandCheck(double floorPerMwh, double capPerMwh) implements RiskCheck {

  public PriceBandCheck {
    if (!(floorPerMwh <= capPerMwh)) {
      throw new IllegalArgumentException("price floor " + floorPerMwh + " above cap " + capPerMwh);
    }
  }

  @Override
  public RiskDecision check(OrderIntent order, RiskContext context) {
    if (order.limitPricePerMwh() > capPerMwh) {
      return new RiskDecision.Rejected(RiskReason.PRICE_ABOVE_CAP,
          "limit " + order.limitPricePerMwh() + " above cap " + capPerMwh + " per MWh");
    }
    if (order.limitPricePerMwh() < floorPerMwh) {
      return new RiskDecision.Rejected(RiskReason.PRICE_BELOW_FLOOR,
          "limit " + order.limitPricePerMwh() + " below floor " + floorPerMwh + " per MWh");
    }
    return RiskDecision.APPROVED;
  }
}
