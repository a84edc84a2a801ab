package io.etp.pipeline;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The battery replayed by {@link StorageBacktest}: the same device for every policy.
 *
 * @param capacityKwh         usable capacity (highest stored energy), kWh
 * @param minSocKwh           lowest stored energy, kWh
 * @param powerKw             largest grid-side charge or discharge power, kW (energy per hour: this times 1 h)
 * @param chargeEfficiency    stored kWh per grid kWh bought, in (0, 1], at most 6 decimals
 * @param dischargeEfficiency grid kWh sold per stored kWh taken, in (0, 1], at most 6 decimals
 * @param initialSocKwh       stored energy when the run starts, kWh
 */
public record BacktestBattery(BigDecimal capacityKwh, BigDecimal minSocKwh, BigDecimal powerKw,
    BigDecimal chargeEfficiency, BigDecimal dischargeEfficiency, BigDecimal initialSocKwh) {

  private static final int MAX_EFFICIENCY_DECIMALS = PriceTakerMarket.STORED_SCALE - PriceTakerMarket.ENERGY_SCALE;

  public BacktestBattery {
    Objects.requireNonNull(capacityKwh, "capacityKwh");
    Objects.requireNonNull(minSocKwh, "minSocKwh");
    Objects.requireNonNull(powerKw, "powerKw");
    Objects.requireNonNull(chargeEfficiency, "chargeEfficiency");
    Objects.requireNonNull(dischargeEfficiency, "dischargeEfficiency");
    Objects.requireNonNull(initialSocKwh, "initialSocKwh");
    if (capacityKwh.signum() <= 0) throw new IllegalArgumentException("capacityKwh must be > 0, got " + capacityKwh);
    if (powerKw.signum() <= 0) throw new IllegalArgumentException("powerKw must be > 0, got " + powerKw);
    if (minSocKwh.signum() < 0 || minSocKwh.compareTo(capacityKwh) >= 0) {
      throw new IllegalArgumentException("minSocKwh must be in [0, capacity " + capacityKwh + "), got " + minSocKwh);
    }
    if (initialSocKwh.compareTo(minSocKwh) < 0 || initialSocKwh.compareTo(capacityKwh) > 0) {
      throw new IllegalArgumentException("initialSocKwh " + initialSocKwh + " is outside [" + minSocKwh + ", "
          + capacityKwh + "]");
    }
    requireEfficiency("chargeEfficiency", chargeEfficiency);
    requireEfficiency("dischargeEfficiency", dischargeEfficiency);
    for (BigDecimal kwh : new BigDecimal[] {capacityKwh, minSocKwh, initialSocKwh}) {
      if (kwh.stripTrailingZeros().scale() > PriceTakerMarket.STORED_SCALE) {
        throw new IllegalArgumentException("stored energy has at most " + PriceTakerMarket.STORED_SCALE
            + " decimals, got " + kwh);
      }
    }
  }

  /** The usable range, capacity minus minimum, kWh. */
  public BigDecimal usableKwh() {
    return capacityKwh.subtract(minSocKwh);
  }

  /** The same battery starting at another state of charge. */
  public BacktestBattery withInitialSoc(BigDecimal kwh) {
    return new BacktestBattery(capacityKwh, minSocKwh, powerKw, chargeEfficiency, dischargeEfficiency, kwh);
  }

  private static void requireEfficiency(String name, BigDecimal value) {
    if (value.signum() <= 0 || value.compareTo(BigDecimal.ONE) > 0) {
      throw new IllegalArgumentException(name + " must be in (0, 1], got " + value);
    }
    if (value.stripTrailingZeros().scale() > MAX_EFFICIENCY_DECIMALS) {
      throw new IllegalArgumentException(name + " has at most " + MAX_EFFICIENCY_DECIMALS + " decimals, got " + value);
    }
  }
}
