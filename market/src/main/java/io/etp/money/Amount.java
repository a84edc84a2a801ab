package io.etp.money;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * An amount of money in a market's currency, exact, at the currency's minor unit (2 decimals: EUR 12.34).
 *
 * <p>What a trade pays is {@link #of(EnergyKwh, PriceCPerKwh, MarketCurrency)}: energy x price, computed exactly
 * (kWh at 3 decimals x c/kWh at 4 decimals = cents at 7 decimals) and rounded once, {@link Decimals#ROUNDING}
 * (HALF_EVEN), to the minor unit. Sums of amounts are exact; nothing is rounded twice.
 */
public record Amount(BigDecimal value, MarketCurrency currency) implements Comparable<Amount> {

  public Amount {
    Objects.requireNonNull(currency, "currency");
    value = Decimals.exact(value, currency.minorDigits(), "amount (" + currency.code() + ")");
  }

  public static Amount zero(MarketCurrency currency) {
    return new Amount(BigDecimal.ZERO, currency);
  }

  /** Delivered energy x price, rounded once to the currency's minor unit. */
  public static Amount of(EnergyKwh energy, PriceCPerKwh price, MarketCurrency currency) {
    BigDecimal cents = energy.value().multiply(price.value());
    return new Amount(Decimals.round(cents.movePointLeft(2), currency.minorDigits()), currency);
  }

  /** @throws IllegalArgumentException when the currencies differ */
  public Amount plus(Amount other) {
    if (!currency.equals(other.currency)) {
      throw new IllegalArgumentException("cannot add " + other.currency + " to " + currency);
    }
    return new Amount(value.add(other.value), currency);
  }

  @Override
  public int compareTo(Amount o) {
    if (!currency.equals(o.currency)) throw new IllegalArgumentException("cannot compare " + o.currency + " to " + currency);
    return value.compareTo(o.value);
  }

  /** e.g. {@code 0.97 EUR}. */
  @Override
  public String toString() { return value.toPlainString() + " " + currency.code(); }
}
