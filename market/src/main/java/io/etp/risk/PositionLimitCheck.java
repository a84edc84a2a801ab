package io.etp.risk;

/** Rejects an order that would push the aggregator's absolute net position in its period above the limit. */
public record PositionLimitCheck() implements RiskCheck {

  @Override
  public RiskDecision check(OrderIntent order, RiskContext context) {
    AggregatorBook book = context.book();
    double after = book.positionKwh(order.period()) + order.signedExportKwh();
    if (Math.abs(after) > book.limits().maxAbsPositionKwh() + 1e-9) {
      return new RiskDecision.Rejected(RiskReason.POSITION_LIMIT_EXCEEDED, "net position in period " + order.period()
          + " would be " + after + " kWh, limit +/-" + book.limits().maxAbsPositionKwh() + " kWh");
    }
    return RiskDecision.APPROVED;
  }
}
