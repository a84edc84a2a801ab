package io.etp.risk;

/** Rejects an order that would push the aggregator's gross notional exposure above the limit. */
public record ExposureLimitCheck() implements RiskCheck {

  @Override
  public RiskDecision check(OrderIntent order, RiskContext context) {
    AggregatorBook book = context.book();
    double after = book.exposure() + order.notional();
    if (after > book.limits().maxExposure() + 1e-9) {
      return new RiskDecision.Rejected(RiskReason.EXPOSURE_LIMIT_EXCEEDED,
          "exposure would be " + after + ", limit " + book.limits().maxExposure());
    }
    return RiskDecision.APPROVED;
  }
}
