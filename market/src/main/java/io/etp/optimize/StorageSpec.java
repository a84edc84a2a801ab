package io.etp.optimize;

/**
 * Physical and economic limits of one storage device, in battery units (kW, kWh).
 *
 * <p>Energy flows: a charge of {@code c} kW for {@code h} hours draws {@code c*h} kWh from the grid and stores
 * {@code chargeEfficiency*c*h} kWh; a discharge of {@code d} kW delivers {@code d*h} kWh to the grid and takes
 * {@code d*h/dischargeEfficiency} kWh out of storage. The throughput cost is charged on grid-side energy in both
 * directions ({@code throughputCostPerKwh * (c + d) * h}) and stands for cycle degradation.
 *
 * @param maxChargeKw          largest grid-side charging power, kW, &ge; 0
 * @param maxDischargeKw       largest grid-side discharging power, kW, &ge; 0
 * @param minSocKwh            lowest allowed stored energy at the end of any period, kWh
 * @param maxSocKwh            highest allowed stored energy (usable capacity), kWh
 * @param initialSocKwh        stored energy at the start of the horizon, kWh, within the SoC bounds
 * @param endSocTargetKwh      the stored energy at the end of the horizon must be at least this, kWh
 * @param chargeEfficiency     fraction of grid energy that is stored, in (0, 1]
 * @param dischargeEfficiency  fraction of stored energy that reaches the grid, in (0, 1]
 * @param throughputCostPerKwh degradation cost per kWh charged or discharged, currency/kWh, &ge; 0
 */
public record StorageSpec(double maxChargeKw, double maxDischargeKw, double minSocKwh, double maxSocKwh,
    double initialSocKwh, double endSocTargetKwh, double chargeEfficiency, double dischargeEfficiency,
    double throughputCostPerKwh) {

  public StorageSpec {
    requireNonNegative("maxChargeKw", maxChargeKw);
    requireNonNegative("maxDischargeKw", maxDischargeKw);
    requireNonNegative("minSocKwh", minSocKwh);
    requireNonNegative("maxSocKwh", maxSocKwh);
    requireNonNegative("throughputCostPerKwh", throughputCostPerKwh);
    requireFinite("initialSocKwh", initialSocKwh);
    requireFinite("endSocTargetKwh", endSocTargetKwh);
    if (minSocKwh > maxSocKwh) {
      throw new IllegalArgumentException("minSocKwh " + minSocKwh + " exceeds maxSocKwh " + maxSocKwh);
    }
    if (initialSocKwh < minSocKwh || initialSocKwh > maxSocKwh) {
      throw new IllegalArgumentException("initialSocKwh " + initialSocKwh + " is outside the SoC bounds ["
          + minSocKwh + ", " + maxSocKwh + "]");
    }
    if (endSocTargetKwh > maxSocKwh) {
      throw new IllegalArgumentException("endSocTargetKwh " + endSocTargetKwh + " exceeds maxSocKwh " + maxSocKwh);
    }
    requireEfficiency("chargeEfficiency", chargeEfficiency);
    requireEfficiency("dischargeEfficiency", dischargeEfficiency);
  }

  /**
   * A battery of the given power and capacity, empty at start, free end state, SoC bounds 0..capacity, no wear cost.
   */
  public static StorageSpec of(double powerKw, double capacityKwh, double chargeEfficiency, double dischargeEfficiency) {
    return new StorageSpec(powerKw, powerKw, 0, capacityKwh, 0, 0, chargeEfficiency, dischargeEfficiency, 0);
  }

  /** This spec with another initial state of charge. */
  public StorageSpec withInitialSoc(double kwh) {
    return new StorageSpec(maxChargeKw, maxDischargeKw, minSocKwh, maxSocKwh, kwh, endSocTargetKwh, chargeEfficiency,
        dischargeEfficiency, throughputCostPerKwh);
  }

  /** This spec with another end-of-horizon SoC target. */
  public StorageSpec withEndSocTarget(double kwh) {
    return new StorageSpec(maxChargeKw, maxDischargeKw, minSocKwh, maxSocKwh, initialSocKwh, kwh, chargeEfficiency,
        dischargeEfficiency, throughputCostPerKwh);
  }

  /** This spec with other SoC bounds. */
  public StorageSpec withSocBounds(double minKwh, double maxKwh) {
    return new StorageSpec(maxChargeKw, maxDischargeKw, minKwh, maxKwh, initialSocKwh, endSocTargetKwh, chargeEfficiency,
        dischargeEfficiency, throughputCostPerKwh);
  }

  /** This spec with another throughput (degradation) cost. */
  public StorageSpec withThroughputCost(double perKwh) {
    return new StorageSpec(maxChargeKw, maxDischargeKw, minSocKwh, maxSocKwh, initialSocKwh, endSocTargetKwh,
        chargeEfficiency, dischargeEfficiency, perKwh);
  }

  private static void requireFinite(String name, double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(name + " must be finite but was " + value);
    }
  }

  private static void requireNonNegative(String name, double value) {
    requireFinite(name, value);
    if (value < 0) {
      throw new IllegalArgumentException(name + " must be >= 0 but was " + value);
    }
  }

  private static void requireEfficiency(String name, double value) {
    if (!(value > 0 && value <= 1)) {
      throw new IllegalArgumentException(name + " must be in (0, 1] but was " + value);
    }
  }
}
