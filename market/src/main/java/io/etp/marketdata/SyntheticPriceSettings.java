package io.etp.marketdata;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.Objects;

/**
 * Shape of the synthetic day-ahead price series used when no market data is configured.
 *
 * @param zone                     zone name put on the points
 * @param currency                 currency of the prices
 * @param firstIntervalStart       start of the first interval
 * @param resolution               interval length (e.g. one hour)
 * @param shapeTimeZone            local time zone of the daily and weekly shape
 * @param basePricePerMwh          mean weekday price
 * @param dailyAmplitudePerMwh     height of the morning and evening peaks over the night trough
 * @param weekendDiscountFraction  fraction taken off on Saturday and Sunday (0..1)
 * @param noiseSigmaPerMwh         standard deviation of the noise
 * @param noisePersistence         autocorrelation of the noise from one interval to the next (0..1)
 * @param spikeProbability         chance per interval of a scarcity spike
 * @param spikePerMwh              typical spike height added to the price
 * @param negativeProbability      chance per midday interval (10:00-15:59 local) of a negative price (solar surplus)
 * @param negativeFloorPerMwh      most negative price a surplus interval reaches (negative number)
 * @param seed                     random seed: equal settings give equal series
 */
public record SyntheticPriceSettings(
    String zone,
    Currency currency,
    Instant firstIntervalStart,
    Duration resolution,
    ZoneId shapeTimeZone,
    double basePricePerMwh,
    double dailyAmplitudePerMwh,
    double weekendDiscountFraction,
    double noiseSigmaPerMwh,
    double noisePersistence,
    double spikeProbability,
    double spikePerMwh,
    double negativeProbability,
    double negativeFloorPerMwh,
    long seed) {

  public SyntheticPriceSettings {
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(firstIntervalStart, "firstIntervalStart");
    Objects.requireNonNull(resolution, "resolution");
    Objects.requireNonNull(shapeTimeZone, "shapeTimeZone");
    if (resolution.isZero() || resolution.isNegative()) {
      throw new IllegalArgumentException("resolution must be positive");
    }
    requireFraction("weekendDiscountFraction", weekendDiscountFraction);
    requireFraction("noisePersistence", noisePersistence);
    requireFraction("spikeProbability", spikeProbability);
    requireFraction("negativeProbability", negativeProbability);
    if (noiseSigmaPerMwh < 0 || negativeFloorPerMwh > 0) {
      throw new IllegalArgumentException("noiseSigmaPerMwh must be >= 0 and negativeFloorPerMwh <= 0");
    }
  }

  private static void requireFraction(String name, double value) {
    if (!(value >= 0 && value <= 1)) {
      throw new IllegalArgumentException(name + " must be within 0..1: " + value);
    }
  }

  /** A plausible European hourly market starting 2024-01-01 UTC, seed 42. */
  public static SyntheticPriceSettings defaults() {
    return new SyntheticPriceSettings("SIM", Currency.getInstance("EUR"), Instant.parse("2024-01-01T00:00:00Z"),
        Duration.ofHours(1), ZoneOffset.UTC, 70, 35, 0.15, 6, 0.7, 0.005, 250, 0.02, -40, 42);
  }

  public SyntheticPriceSettings withSeed(long newSeed) {
    return new SyntheticPriceSettings(zone, currency, firstIntervalStart, resolution, shapeTimeZone, basePricePerMwh,
        dailyAmplitudePerMwh, weekendDiscountFraction, noiseSigmaPerMwh, noisePersistence, spikeProbability, spikePerMwh,
        negativeProbability, negativeFloorPerMwh, newSeed);
  }

  public SyntheticPriceSettings withFirstIntervalStart(Instant newStart) {
    return new SyntheticPriceSettings(zone, currency, newStart, resolution, shapeTimeZone, basePricePerMwh,
        dailyAmplitudePerMwh, weekendDiscountFraction, noiseSigmaPerMwh, noisePersistence, spikeProbability, spikePerMwh,
        negativeProbability, negativeFloorPerMwh, seed);
  }
}
