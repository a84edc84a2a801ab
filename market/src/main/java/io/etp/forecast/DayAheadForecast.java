package io.etp.forecast;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A published day-ahead forecast: the 24 hourly prices of one delivery day in one zone.
 *
 * <p>Units: forecasts are in the market's currency per MWh, as the data they are learnt from; the trading core prices
 * in c/kWh. {@link #priceCPerKwh(int)} converts explicitly: 1 currency/MWh = 100 c / 1000 kWh = 0.1 c/kWh.
 *
 * @param zone         bidding zone, e.g. {@code SIM} or {@code NP}
 * @param deliveryDay  the day the prices are for (hour 0 starts at 00:00 of the zone's day)
 * @param pricesPerMwh 24 forecast prices, currency/MWh
 * @param currency     ISO code of the prices' currency
 * @param model        name of the forecaster that produced them, e.g. {@code LEAR-21}
 * @param issuedAt     market time at which the forecast was made (the end of the day before delivery)
 */
public record DayAheadForecast(String zone, LocalDate deliveryDay, List<Double> pricesPerMwh, String currency,
    String model, Instant issuedAt) {

  /** c/kWh per currency/MWh. */
  public static final double C_PER_KWH_PER_CURRENCY_PER_MWH = io.etp.money.PriceCPerKwh.C_PER_KWH_PER_CURRENCY_PER_MWH;

  public DayAheadForecast {
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(deliveryDay, "deliveryDay");
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(issuedAt, "issuedAt");
    pricesPerMwh = List.copyOf(pricesPerMwh);
    if (pricesPerMwh.size() != MarketHistory.HOURS) {
      throw new IllegalArgumentException("a day-ahead forecast has 24 hourly prices, got " + pricesPerMwh.size());
    }
    for (double p : pricesPerMwh) {
      if (!Double.isFinite(p)) throw new IllegalArgumentException("forecast prices must be finite: " + pricesPerMwh);
    }
  }

  /** Builds a forecast from a forecaster's output array. */
  public static DayAheadForecast of(String zone, LocalDate day, double[] prices, String currency, String model,
      Instant issuedAt) {
    return new DayAheadForecast(zone, day, java.util.Arrays.stream(prices).boxed().toList(), currency, model, issuedAt);
  }

  /** Forecast price of an hour (0..23), currency/MWh. */
  public double pricePerMwh(int hour) {
    return pricesPerMwh.get(hour);
  }

  /** Forecast price of an hour (0..23) converted to c/kWh. */
  public double priceCPerKwh(int hour) {
    return toCPerKwh(pricePerMwh(hour));
  }

  /** The highest forecast price from {@code fromHour} (inclusive) to the end of the day, currency/MWh. */
  public double maxPerMwhFrom(int fromHour) {
    if (fromHour < 0 || fromHour >= MarketHistory.HOURS) {
      throw new IllegalArgumentException("hour must be 0..23: " + fromHour);
    }
    double max = Double.NEGATIVE_INFINITY;
    for (int h = fromHour; h < MarketHistory.HOURS; h++) max = Math.max(max, pricePerMwh(h));
    return max;
  }

  /** Converts currency/MWh to c/kWh. */
  public static double toCPerKwh(double perMwh) {
    return io.etp.money.PriceCPerKwh.cPerKwhFromPerMwh(perMwh);
  }
}
