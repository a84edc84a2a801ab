package io.etp.money;

import java.math.BigDecimal;

/**
 * An amount of energy traded or delivered, in kWh, exact, at {@value #SCALE} decimals (1 Wh), never negative:
 * which way it flows is said by the field that holds it (sold, bought, delivered).
 */
public record EnergyKwh(BigDecimal value) implements Comparable<EnergyKwh> {

  /** Decimals of an energy in kWh: 0.001 kWh = 1 Wh, the resolution of a metered kWh reading. */
  public static final int SCALE = 3;

  public static final EnergyKwh ZERO = new EnergyKwh(BigDecimal.ZERO);

  /** @throws IllegalArgumentException when negative or with more than {@value #SCALE} decimals */
  public EnergyKwh {
    value = Decimals.exact(value, SCALE, "energy (kWh)");
    if (value.signum() < 0) throw new IllegalArgumentException("energy (kWh) must be >= 0, got " + value);
  }

  /** Energy that arrives as a binary double (wire field, optimiser), rounded once by {@link Decimals}. */
  public static EnergyKwh ofDouble(double kwh) {
    return new EnergyKwh(Decimals.fromDouble(kwh, SCALE, "energy (kWh)"));
  }

  /** Energy written as a decimal string, e.g. {@code "5.75"}; refuses more than {@value #SCALE} decimals. */
  public static EnergyKwh parse(String kwh) {
    return new EnergyKwh(Decimals.parse(kwh, "energy (kWh)"));
  }

  public EnergyKwh plus(EnergyKwh other) { return new EnergyKwh(value.add(other.value)); }

  /** @throws IllegalArgumentException when {@code other} is larger (energy never goes negative) */
  public EnergyKwh minus(EnergyKwh other) { return new EnergyKwh(value.subtract(other.value)); }

  public boolean isZero() { return value.signum() == 0; }

  /** This energy in MWh, exact. */
  public BigDecimal mwh() { return value.movePointLeft(3); }

  /** For forecasting, optimisation and state-of-charge code in doubles; never for what is traded or paid. */
  public double toDouble() { return value.doubleValue(); }

  @Override
  public int compareTo(EnergyKwh o) { return value.compareTo(o.value); }

  /** The plain decimal at {@value #SCALE} decimals, e.g. {@code 5.750}. */
  @Override
  public String toString() { return value.toPlainString(); }
}
