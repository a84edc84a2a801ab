package io.etp.battery;

/**
 * What a battery requires of a bid before it takes part in an auction. Changeable at runtime.
 *
 * @param reservePriceCPerKwh no trade below this price (c/kWh, >= 0)
 * @param minReputation an aggregator whose confirm record at this battery is below this (0..1) is refused
 * @param safetyMarginKwh energy kept back from what is for sale (kWh, >= 0)
 * @param maxEnergyPerTradeKwh no single trade above this (kWh, > 0)
 */
public record AcceptanceCriteria(
    double reservePriceCPerKwh, double minReputation, double safetyMarginKwh, double maxEnergyPerTradeKwh) {

  public AcceptanceCriteria {
    if (!(reservePriceCPerKwh >= 0)) throw new IllegalArgumentException("reserve price must be >= 0");
    if (!(minReputation >= 0 && minReputation <= 1)) throw new IllegalArgumentException("min reputation 0..1");
    if (!(safetyMarginKwh >= 0)) throw new IllegalArgumentException("safety margin must be >= 0");
    if (!(maxEnergyPerTradeKwh > 0)) throw new IllegalArgumentException("max energy per trade must be > 0");
  }

  public AcceptanceCriteria withReservePrice(double price) {
    return new AcceptanceCriteria(price, minReputation, safetyMarginKwh, maxEnergyPerTradeKwh);
  }
}
