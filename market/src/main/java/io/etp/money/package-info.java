/**
 * Money and units of what is traded and paid: {@link io.etp.money.PriceCPerKwh} (c/kWh, 4 decimals),
 * {@link io.etp.money.EnergyKwh} (kWh, 3 decimals), {@link io.etp.money.Amount} (a currency, its minor unit) and
 * {@link io.etp.money.MarketCurrency}. Exact decimals; a binary double enters them once, by {@link
 * io.etp.money.Decimals#fromDouble}: its shortest decimal form ({@code Double.toString}) rounded HALF_EVEN to the
 * type's scale. Forecasts and optimisation stay in doubles (docs/market.md, "Money and units").
 */
package io.etp.money;
