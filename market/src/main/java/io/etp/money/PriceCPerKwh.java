package io.etp.money;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A price in cents (the market currency's hundredth) per kWh, exact, at {@value #SCALE} decimals. May be negative
 * (day-ahead prices can be); whether a negative price is acceptable is the caller's rule.
 *
 * <p>The one conversion between the day-ahead market's currency/MWh and c/kWh lives here: 1 currency/MWh = 100 c /
 * 1000 kWh = 0.1 c/kWh ({@link #fromPerMwh}, {@link #perMwh}, and {@link #cPerKwhFromPerMwh} for forecasts, which
 * stay binary doubles).
 */
public record PriceCPerKwh(BigDecimal value) implements Comparable<PriceCPerKwh> {

  /** Decimals of a price in c/kWh: 0.0001 c/kWh = 0.001 currency/MWh. */
  public static final int SCALE = 4;

  public static final PriceCPerKwh ZERO = new PriceCPerKwh(BigDecimal.ZERO);

  /** c/kWh per currency/MWh, for forecasts in doubles; the exact conversion is {@link #fromPerMwh(BigDecimal)}. */
  public static final double C_PER_KWH_PER_CURRENCY_PER_MWH = 0.1;

  /** @throws IllegalArgumentException when {@code value} has more than {@value #SCALE} decimals */
  public PriceCPerKwh {
    value = Decimals.exact(value, SCALE, "price (c/kWh)");
  }

  /** A price that arrives as a binary double (wire field, forecast, optimiser), rounded once by {@link Decimals}. */
  public static PriceCPerKwh ofDouble(double cPerKwh) {
    return new PriceCPerKwh(Decimals.fromDouble(cPerKwh, SCALE, "price (c/kWh)"));
  }

  /** A price written as a decimal string, e.g. {@code "16.82"}; refuses more than {@value #SCALE} decimals. */
  public static PriceCPerKwh parse(String cPerKwh) {
    return new PriceCPerKwh(Decimals.parse(cPerKwh, "price (c/kWh)"));
  }

  /** Exact conversion from currency/MWh, rounded {@link Decimals#ROUNDING} to {@value #SCALE} decimals. */
  public static PriceCPerKwh fromPerMwh(BigDecimal perMwh) {
    Objects.requireNonNull(perMwh, "price (currency/MWh)");
    return new PriceCPerKwh(Decimals.round(perMwh.movePointLeft(1), SCALE));
  }

  /**
   * A currency/MWh price that arrives as a double (day-ahead data), rounded once to {@value #SCALE} - 1 decimals of
   * currency/MWh, which is exactly {@value #SCALE} decimals of c/kWh.
   */
  public static PriceCPerKwh fromPerMwh(double perMwh) {
    return fromPerMwh(Decimals.fromDouble(perMwh, SCALE - 1, "price (currency/MWh)"));
  }

  /** The forecasting side of the same conversion: currency/MWh to c/kWh in doubles. */
  public static double cPerKwhFromPerMwh(double perMwh) {
    return perMwh * C_PER_KWH_PER_CURRENCY_PER_MWH;
  }

  /** This price in currency/MWh, exact ({@value #SCALE} - 1 decimals suffice). */
  public BigDecimal perMwh() {
    return value.movePointRight(1).setScale(SCALE - 1);
  }

  public PriceCPerKwh plus(PriceCPerKwh other) { return new PriceCPerKwh(value.add(other.value)); }

  public PriceCPerKwh minus(PriceCPerKwh other) { return new PriceCPerKwh(value.subtract(other.value)); }

  public PriceCPerKwh max(PriceCPerKwh other) { return compareTo(other) >= 0 ? this : other; }

  public boolean isNegative() { return value.signum() < 0; }

  /** For forecasting and optimisation code only, which works in doubles; never for what is traded or paid. */
  public double toDouble() { return value.doubleValue(); }

  @Override
  public int compareTo(PriceCPerKwh o) { return value.compareTo(o.value); }

  /** The plain decimal at {@value #SCALE} decimals, e.g. {@code 16.8200}. */
  @Override
  public String toString() { return value.toPlainString(); }
}
