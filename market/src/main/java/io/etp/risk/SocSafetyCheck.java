package io.etp.risk;

import io.etp.optimize.BidSide;

/**
 * Rejects an order whose full execution would take the device's stored energy outside its safety bounds: a sell of q
 * kWh removes {@code q/etaD} from storage, a buy adds {@code q*etaC}.
 */
public record SocSafetyCheck() implements RiskCheck {

  @Override
  public RiskDecision check(OrderIntent order, RiskContext context) {
    DeviceState d = context.device();
    double after = order.side() == BidSide.SELL
        ? d.socKwh() - order.quantityKwh() / d.dischargeEfficiency()
        : d.socKwh() + order.quantityKwh() * d.chargeEfficiency();
    if (after < d.socSafetyMinKwh() - 1e-9 || after > d.socSafetyMaxKwh() + 1e-9) {
      return new RiskDecision.Rejected(RiskReason.SOC_OUTSIDE_SAFETY_BOUNDS, "device " + d.deviceId() + " would reach "
          + after + " kWh, safe range [" + d.socSafetyMinKwh() + ", " + d.socSafetyMaxKwh() + "] kWh");
    }
    return RiskDecision.APPROVED;
  }
}
