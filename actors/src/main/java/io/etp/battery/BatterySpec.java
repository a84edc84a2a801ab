package io.etp.battery;

import io.etp.protocol.v1.BatteryHealth;

/**
 * What a battery announced about itself and its latest telemetry.
 *
 * @param capacityKwh nameplate capacity, kWh
 * @param remainingKwh energy stored now, kWh
 * @param percentageForSale share of the stored energy offered for sale, 0..100
 * @param health device health
 * @param voltageV terminal voltage, V
 * @param dischargeRateKw current discharge rate, kW (negative while charging)
 */
public record BatterySpec(
    double capacityKwh, double remainingKwh, double percentageForSale, BatteryHealth health, double voltageV,
    double dischargeRateKw) {

  public static final BatterySpec NONE = new BatterySpec(0, 0, 0, BatteryHealth.BATTERY_HEALTH_UNSPECIFIED, 0, 0);

  /** The energy this spec offers for sale, kWh. */
  public double offeredKwh() {
    return Math.max(0, Math.min(capacityKwh, remainingKwh) * percentageForSale / 100.0);
  }

  public BatterySpec withHealth(BatteryHealth h) {
    return new BatterySpec(capacityKwh, remainingKwh, percentageForSale, h, voltageV, dischargeRateKw);
  }

  public BatterySpec withRemaining(double kwh) {
    return new BatterySpec(capacityKwh, kwh, percentageForSale, health, voltageV, dischargeRateKw);
  }
}
