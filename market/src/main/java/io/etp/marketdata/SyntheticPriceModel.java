package io.etp.marketdata;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Iterator;
import java.util.SplittableRandom;

/**
 * A deterministic, endless price series: a daily double-peak shape (morning and evening), cheaper weekends,
 * autocorrelated Gaussian noise, rare positive spikes and, around midday, occasional negative prices.
 * Pure Java; the same settings always yield the same sequence.
 */
public final class SyntheticPriceModel implements Iterator<PricePoint> {

  private final SyntheticPriceSettings settings;
  private final SplittableRandom random;
  private Instant next;
  private double noise;

  public SyntheticPriceModel(SyntheticPriceSettings settings) {
    this.settings = settings;
    this.random = new SplittableRandom(settings.seed());
    this.next = settings.firstIntervalStart();
  }

  /** Always true: the series is endless. */
  @Override
  public boolean hasNext() {
    return true;
  }

  @Override
  public PricePoint next() {
    Instant start = next;
    next = next.plus(settings.resolution());
    ZonedDateTime local = start.atZone(settings.shapeTimeZone());
    double hour = local.getHour() + local.getMinute() / 60.0;
    boolean weekend = local.getDayOfWeek() == DayOfWeek.SATURDAY || local.getDayOfWeek() == DayOfWeek.SUNDAY;

    double level = settings.basePricePerMwh() + settings.dailyAmplitudePerMwh() * dailyShape(hour);
    if (weekend) {
      level *= 1 - settings.weekendDiscountFraction();
    }
    noise = settings.noisePersistence() * noise
        + Math.sqrt(1 - settings.noisePersistence() * settings.noisePersistence()) * settings.noiseSigmaPerMwh()
            * gaussian();
    double price = level + noise;

    // draw both events every interval so the random stream does not depend on the time of day
    double spikeDraw = random.nextDouble();
    double negativeDraw = random.nextDouble();
    double magnitude = random.nextDouble();
    if (spikeDraw < settings.spikeProbability()) {
      price += settings.spikePerMwh() * (0.5 + magnitude);
    } else if (hour >= 10 && hour < 16 && negativeDraw < settings.negativeProbability()) {
      price = settings.negativeFloorPerMwh() * (0.05 + 0.95 * magnitude);
    }
    return new PricePoint(settings.zone(), start, settings.resolution(), Math.round(price * 100) / 100.0,
        settings.currency());
  }

  /** Zero at the night trough, about one at the peaks (08:00 and 19:00). */
  static double dailyShape(double hour) {
    double morning = Math.exp(-Math.pow((hour - 8) / 2.0, 2));
    double evening = Math.exp(-Math.pow((hour - 19) / 2.5, 2));
    double midday = 0.45 * Math.exp(-Math.pow((hour - 13) / 3.0, 2));
    return Math.min(1, morning + evening + midday) - 0.5;
  }

  private double gaussian() {
    // Box-Muller on the seeded generator (SplittableRandom has no nextGaussian in Java 17)
    double u1 = 1 - random.nextDouble();
    double u2 = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }
}
