package io.etp.aggregator;

/**
 * Decides whether an aggregator holds back from opening new negotiations because the price signal says prices
 * will fall. Pure.
 *
 * @param fallThresholdCPerKwhPerHour hold back when the trend is below minus this (c/kWh per hour, >= 0)
 */
public record MarketTiming(double fallThresholdCPerKwhPerHour) {

  public MarketTiming {
    if (!(fallThresholdCPerKwhPerHour >= 0)) throw new IllegalArgumentException("threshold must be >= 0");
  }

  public boolean holdBack(double trendCPerKwhPerHour, double openRequirementKwh) {
    return openRequirementKwh > 0 && trendCPerKwhPerHour < -fallThresholdCPerKwhPerHour;
  }
}
