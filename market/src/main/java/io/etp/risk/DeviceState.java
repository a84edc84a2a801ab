package io.etp.risk;

import java.util.HashMap;
import java.util.Map;

/**
 * The device as the risk rules see it when checking an order.
 *
 * @param deviceId              device id
 * @param socKwh                expected stored energy at the start of the order's period, kWh
 * @param socSafetyMinKwh       lowest stored energy the operator allows, kWh
 * @param socSafetyMaxKwh       highest stored energy the operator allows, kWh
 * @param chargeEfficiency      grid-to-storage efficiency, (0, 1]
 * @param dischargeEfficiency   storage-to-grid efficiency, (0, 1]
 * @param health                last reported health
 * @param netExportKwhByPeriod  net export already committed per period (sells minus buys), kWh
 */
public record DeviceState(String deviceId, double socKwh, double socSafetyMinKwh, double socSafetyMaxKwh,
    double chargeEfficiency, double dischargeEfficiency, DeviceHealth health, Map<Integer, Double> netExportKwhByPeriod) {

  public DeviceState {
    netExportKwhByPeriod = Map.copyOf(netExportKwhByPeriod);
  }

  /** Net export already committed in a period, kWh. */
  public double committedExportKwh(int period) {
    return netExportKwhByPeriod.getOrDefault(period, 0.0);
  }

  /** The same device at another expected SoC. */
  public DeviceState atSoc(double kwh) {
    return new DeviceState(deviceId, kwh, socSafetyMinKwh, socSafetyMaxKwh, chargeEfficiency, dischargeEfficiency,
        health, netExportKwhByPeriod);
  }

  /** The device after an approved order adds its energy to the period's commitments. */
  public DeviceState with(OrderIntent order) {
    Map<Integer, Double> exports = new HashMap<>(netExportKwhByPeriod);
    exports.merge(order.period(), order.signedExportKwh(), Double::sum);
    return new DeviceState(deviceId, socKwh, socSafetyMinKwh, socSafetyMaxKwh, chargeEfficiency, dischargeEfficiency,
        health, exports);
  }
}
