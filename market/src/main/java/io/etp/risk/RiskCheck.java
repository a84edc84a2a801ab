package io.etp.risk;

/** One pre-trade rule. Implementations are pure: no I/O, no clock, no state. */
@FunctionalInterface
public interface RiskCheck {

  /** Approves the order or rejects it with this rule's reason code. */
  RiskDecision check(OrderIntent order, RiskContext context);
}
