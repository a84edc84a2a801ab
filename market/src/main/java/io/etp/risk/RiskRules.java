package io.etp.risk;

import java.time.Clock;
import java.util.List;

/**
 * An ordered set of checks. The first rejection wins and is sent to the audit sink; an order passing all checks is
 * approved.
 */
public final class RiskRules {

  private final List<RiskCheck> checks;
  private final RiskAuditSink audit;
  private final Clock clock;

  /** Rules running {@code checks} in order, auditing rejections with timestamps from {@code clock}. */
  public RiskRules(List<RiskCheck> checks, RiskAuditSink audit, Clock clock) {
    if (checks.isEmpty() || audit == null || clock == null) {
      throw new IllegalArgumentException("at least one check, an audit sink and a clock are required");
    }
    this.checks = List.copyOf(checks);
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * The standard pre-trade set: device health, price band, SoC safety, DR commitments, position, exposure, budget.
   */
  public static RiskRules standard(double priceFloorPerMwh, double priceCapPerMwh, double minStateOfHealthPct,
      RiskAuditSink audit, Clock clock) {
    return new RiskRules(List.of(new DeviceHealthCheck(minStateOfHealthPct),
        new PriceBandCheck(priceFloorPerMwh, priceCapPerMwh), new SocSafetyCheck(), new DrCommitmentCheck(),
        new PositionLimitCheck(), new ExposureLimitCheck(), new BudgetCheck()), audit, clock);
  }

  /** Runs the checks on one order. */
  public RiskDecision evaluate(OrderIntent order, RiskContext context) {
    for (RiskCheck check : checks) {
      RiskDecision decision = check.check(order, context);
      if (decision instanceof RiskDecision.Rejected rejected) {
        audit.record(new RiskRejection(clock.instant(), order, rejected.reason(), rejected.detail()));
        return rejected;
      }
    }
    return RiskDecision.APPROVED;
  }
}
