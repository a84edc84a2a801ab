package io.etp.risk;

/** Rejects an order whose worst-case cash outflow does not fit in the aggregator's remaining budget. */
public record BudgetCheck() implements RiskCheck {

  @Override
  public RiskDecision check(OrderIntent order, RiskContext context) {
    AggregatorBook book = context.book();
    double after = book.spent() + order.worstCaseOutflow();
    if (after > book.limits().budget() + 1e-9) {
      return new RiskDecision.Rejected(RiskReason.BUDGET_EXCEEDED, "worst-case spend would be " + after + ", budget "
          + book.limits().budget() + " (order may cost " + order.worstCaseOutflow() + ")");
    }
    return RiskDecision.APPROVED;
  }
}
