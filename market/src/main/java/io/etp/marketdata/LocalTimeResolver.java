package io.etp.marketdata;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.util.Optional;

/**
 * Turns an ordered sequence of local wall-clock labels (as market files write them) into instants in a time zone.
 * In the autumn overlap the first occurrence of a repeated label takes the earlier (summer) offset and the second the
 * later one, so a 25-hour day becomes 25 distinct consecutive hours. A label inside the spring-forward gap does not
 * exist and resolves to empty. Stateful: one instance per series.
 */
public final class LocalTimeResolver {

  private final ZoneId timeZone;
  private Instant previous;

  public LocalTimeResolver(ZoneId timeZone) {
    this.timeZone = timeZone;
  }

  public ZoneId timeZone() {
    return timeZone;
  }

  /** The instant for the next label of the series, or empty when the label does not exist in the zone. */
  public Optional<Instant> resolve(LocalDateTime label) {
    var rules = timeZone.getRules();
    var offsets = rules.getValidOffsets(label);
    Instant resolved;
    if (offsets.isEmpty()) {
      return Optional.empty();
    } else if (offsets.size() == 1) {
      resolved = label.toInstant(offsets.get(0));
    } else {
      ZoneOffsetTransition overlap = rules.getTransition(label);
      Instant earlier = label.toInstant(overlap.getOffsetBefore());
      Instant later = label.toInstant(overlap.getOffsetAfter());
      resolved = previous != null && !previous.isBefore(earlier) ? later : earlier;
    }
    previous = resolved;
    return Optional.of(resolved);
  }

  /** A resolver for labels that are already UTC (or that carry no daylight saving time). */
  public static LocalTimeResolver utc() {
    return new LocalTimeResolver(ZoneOffset.UTC);
  }
}
