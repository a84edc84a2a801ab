package io.etp.money;

import java.util.Currency;
import java.util.Locale;

/**
 * The currency a market trades in (config {@code etp.market.currency}, default EUR). Prices are in c/kWh, a "c" being
 * the currency's hundredth, so only a currency whose minor unit is a hundredth is accepted (EUR, USD, GBP, DKK,
 * NOK, SEK, ...).
 */
public record MarketCurrency(Currency currency) {

  public static final MarketCurrency EUR = of("EUR");

  public MarketCurrency {
    if (currency == null) throw new IllegalArgumentException("market currency is missing");
    if (currency.getDefaultFractionDigits() != 2) {
      throw new IllegalArgumentException("market currency " + currency.getCurrencyCode()
          + " has " + currency.getDefaultFractionDigits() + " minor-unit digits; prices in c/kWh need a currency"
          + " whose minor unit is a hundredth (e.g. EUR)");
    }
  }

  /** @throws IllegalArgumentException for an unknown ISO 4217 code or a currency without a hundredth */
  public static MarketCurrency of(String isoCode) {
    if (isoCode == null || isoCode.isBlank()) throw new IllegalArgumentException("market currency is missing");
    try {
      return new MarketCurrency(Currency.getInstance(isoCode.trim().toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      if (e.getMessage() != null && e.getMessage().startsWith("market currency")) throw e;
      throw new IllegalArgumentException("market currency '" + isoCode + "' is not an ISO 4217 code", e);
    }
  }

  public String code() { return currency.getCurrencyCode(); }

  /** Decimals of an amount in this currency: its minor unit (2). */
  public int minorDigits() { return currency.getDefaultFractionDigits(); }

  @Override
  public String toString() { return code(); }
}
