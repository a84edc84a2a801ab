package io.etp.aggregator;

import java.time.Instant;

/**
 * What an aggregator expects energy to be worth, in c/kWh. {@link Configured} is a constant from configuration; the node
 * uses {@code io.etp.forecasting.ForecastPriceSignal}, fed by the zone's day-ahead forecasts (converted from
 * currency/MWh) and answering with the configured constant until the first forecast covers the market's hour.
 */
public interface PriceSignal {

  /** Expected value of energy now, c/kWh. */
  double expectedPriceCPerKwh(Instant at);

  /** Expected price movement, c/kWh per hour: negative when prices are expected to fall. */
  double trendCPerKwhPerHour(Instant at);

  /** A fixed signal: the value and trend given in configuration. */
  record Configured(double expectedCPerKwh, double trendCPerKwhPerHourValue) implements PriceSignal {
    @Override
    public double expectedPriceCPerKwh(Instant at) { return expectedCPerKwh; }

    @Override
    public double trendCPerKwhPerHour(Instant at) { return trendCPerKwhPerHourValue; }
  }
}
