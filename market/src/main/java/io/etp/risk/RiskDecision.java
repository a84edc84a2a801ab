package io.etp.risk;

/** Result of a pre-trade check. */
public sealed interface RiskDecision {

  /** The shared approval. */
  Approved APPROVED = new Approved();

  /** The order may go to the market. */
  record Approved() implements RiskDecision {}

  /** The order must not go to the market. */
  record Rejected(RiskReason reason, String detail) implements RiskDecision {}
}
