package io.etp.marketdata;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.NotUsed;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.javadsl.Flow;

/**
 * Hourly prices for consumers that work by the hour (the forecaster): an hourly point passes unchanged; the points of
 * a shorter resolution that divides the hour (ENTSO-E's PT15M day-ahead products since 2025) are averaged into one
 * point per UTC hour once the hour is complete. An hour that is left incomplete (a gap, a point out of order) yields
 * nothing: no price is invented. Points of a resolution longer than an hour, or that does not divide it, are dropped.
 */
public final class HourlyPrices {

  private static final Duration HOUR = Duration.ofHours(1);

  /** The points of one hour seen so far. */
  private final List<PricePoint> pending = new ArrayList<>();

  /** The hourly point(s) to emit after {@code point}. */
  public List<PricePoint> accept(PricePoint point) {
    if (point.resolution().equals(HOUR)) {
      return List.of(point);
    }
    if (point.resolution().compareTo(HOUR) > 0 || HOUR.toSeconds() % point.resolution().toSeconds() != 0) {
      return List.of();
    }
    Instant hour = point.start().truncatedTo(ChronoUnit.HOURS);
    if (!pending.isEmpty()) {
      PricePoint first = pending.get(0);
      boolean sameHour = first.start().truncatedTo(ChronoUnit.HOURS).equals(hour)
          && first.resolution().equals(point.resolution()) && first.zone().equals(point.zone())
          && pending.get(pending.size() - 1).end().equals(point.start());
      if (!sameHour) pending.clear();
    }
    if (pending.isEmpty() && !point.start().equals(hour)) {
      return List.of(); // joins an hour after its start: that hour stays incomplete
    }
    pending.add(point);
    long perHour = HOUR.toSeconds() / point.resolution().toSeconds();
    if (pending.size() < perHour) {
      return List.of();
    }
    double mean = pending.stream().mapToDouble(PricePoint::pricePerMwh).average().orElseThrow();
    pending.clear();
    return List.of(new PricePoint(point.zone(), hour, HOUR, mean, point.currency()));
  }

  /** A fresh aggregation per materialization. */
  public static Flow<PricePoint, PricePoint, NotUsed> flow() {
    return Flow.<PricePoint>create()
        .statefulMap(HourlyPrices::new, (h, p) -> Pair.create(h, h.accept(p)), h -> Optional.empty())
        .mapConcat(points -> points);
  }
}
