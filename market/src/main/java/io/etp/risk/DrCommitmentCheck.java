package io.etp.risk;

/**
 * Rejects an order that lowers the device's net export in a period below a demand-response commitment for that
 * period. Orders that raise net export (sells) are never rejected by this rule.
 */
public record DrCommitmentCheck() implements RiskCheck {

  @Override
  public RiskDecision check(OrderIntent order, RiskContext context) {
    if (order.signedExportKwh() >= 0) {
      return RiskDecision.APPROVED;
    }
    DeviceState device = context.device();
    double after = device.committedExportKwh(order.period()) + order.signedExportKwh();
    for (DrCommitment c : context.commitments()) {
      if (c.deviceId().equals(device.deviceId()) && c.period() == order.period() && after < c.minNetExportKwh() - 1e-9) {
        return new RiskDecision.Rejected(RiskReason.DR_COMMITMENT_BREACHED, "device " + device.deviceId()
            + " committed to net export >= " + c.minNetExportKwh() + " kWh in period " + c.period()
            + "; this buy would leave " + after + " kWh");
      }
    }
    return RiskDecision.APPROVED;
  }
}
