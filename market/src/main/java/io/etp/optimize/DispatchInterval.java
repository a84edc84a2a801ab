package io.etp.optimize;

/**
 * The schedule of one period.
 *
 * @param period                  zero-based period index
 * @param chargeKw                grid-side charging power, kW
 * @param dischargeKw             grid-side discharging power, kW
 * @param socEndKwh               stored energy at the end of the period, kWh
 * @param pricePerMwh             the price the schedule was optimised on, currency/MWh
 * @param storedEnergyValuePerKwh marginal value of one more kWh held in storage at the end of the period
 *                                (dual of the period's energy balance), currency/kWh
 */
public record DispatchInterval(int period, double chargeKw, double dischargeKw, double socEndKwh, double pricePerMwh,
    double storedEnergyValuePerKwh) {

  /** Net export in kW (positive: selling to the grid; negative: buying). */
  public double netExportKw() {
    return dischargeKw - chargeKw;
  }
}
