package io.etp.risk;

/** Rejects orders for a device that is offline, faulted, or below a minimum state of health. */
public record DeviceHealthCheck(double minStateOfHealthPct) implements RiskCheck {

  @Override
  public RiskDecision check(OrderIntent order, RiskContext context) {
    DeviceHealth h = context.device().health();
    String id = context.device().deviceId();
    if (!h.online()) {
      return new RiskDecision.Rejected(RiskReason.DEVICE_UNHEALTHY, "device " + id + " is offline");
    }
    if (h.faultActive()) {
      return new RiskDecision.Rejected(RiskReason.DEVICE_UNHEALTHY, "device " + id + " reports an active fault");
    }
    if (h.stateOfHealthPct() < minStateOfHealthPct) {
      return new RiskDecision.Rejected(RiskReason.DEVICE_UNHEALTHY, "device " + id + " state of health "
          + h.stateOfHealthPct() + " % below " + minStateOfHealthPct + " %");
    }
    return RiskDecision.APPROVED;
  }
}
