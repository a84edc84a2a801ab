package io.etp.fleet;

import io.etp.marketdata.DemandResponseEvent;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How demand-response events change a battery's offer. Pure: no clock, no actors.
 *
 * <p>An area is an OpenADR program: an event of program {@code P} applies to the batteries configured for {@code P}
 * ({@code etp.marketdata.openadr.areas}). While one of its intervals covers the time of an offer and carries a
 * {@code SIMPLE} payload of level {@code L} (OpenADR's 0 = normal .. 3 = maximum response), the battery holds back
 * {@code L/3} of the share it would otherwise offer, to keep that energy for the DR dispatch: level 3 offers nothing,
 * level 0 and intervals without a {@code SIMPLE} payload leave the offer unchanged. Where several events cover the same
 * offer, the highest level wins. Outside the event's intervals, and for batteries of other areas, nothing changes.
 */
public final class DemandResponseOffers {

  /** The highest OpenADR SIMPLE level. */
  public static final int MAX_LEVEL = 3;

  /**
   * A battery's offer after demand response.
   *
   * @param percentageForSale the share of its energy it offers, %
   * @param level the SIMPLE level that applied (0 when none)
   * @param eventId the event that set it, if any
   */
  public record Offer(double percentageForSale, int level, Optional<String> eventId) {}

  private final Map<String, Set<String>> batteriesOfArea;
  private final Map<String, DemandResponseEvent> events;

  /** @param batteriesOfArea program id (area) to the ids of the batteries in it */
  public DemandResponseOffers(Map<String, Set<String>> batteriesOfArea) {
    this(Map.copyOf(batteriesOfArea), Map.of());
  }

  private DemandResponseOffers(Map<String, Set<String>> batteriesOfArea, Map<String, DemandResponseEvent> events) {
    this.batteriesOfArea = batteriesOfArea;
    this.events = events;
  }

  /** With {@code event} added, or replacing the earlier version of the same id (the VTN modified it). */
  public DemandResponseOffers with(DemandResponseEvent event) {
    Objects.requireNonNull(event, "event");
    Map<String, DemandResponseEvent> next = new LinkedHashMap<>(events);
    next.put(event.id(), event);
    return new DemandResponseOffers(batteriesOfArea, Map.copyOf(next));
  }

  /** Without the events that ended before {@code now}. */
  public DemandResponseOffers withoutEndedBefore(Instant now) {
    Map<String, DemandResponseEvent> next = new LinkedHashMap<>(events);
    next.values().removeIf(e -> e.end().isBefore(now));
    return next.size() == events.size() ? this : new DemandResponseOffers(batteriesOfArea, Map.copyOf(next));
  }

  /** The events known. */
  public List<DemandResponseEvent> events() {
    return List.copyOf(events.values());
  }

  /**
   * The offer of {@code batteryId} made at {@code at}, which would be {@code percentageForSale} without demand response.
   */
  public Offer offer(String batteryId, double percentageForSale, Instant at) {
    if (percentageForSale < 0 || percentageForSale > 100 || Double.isNaN(percentageForSale)) {
      throw new IllegalArgumentException("percentage for sale must be within 0..100: " + percentageForSale);
    }
    int level = 0;
    Optional<String> by = Optional.empty();
    for (DemandResponseEvent event : events.values()) {
      if (!batteriesOfArea.getOrDefault(event.programId(), Set.of()).contains(batteryId)) continue;
      for (DemandResponseEvent.Interval interval : event.intervals()) {
        Instant end = interval.start().plus(interval.duration());
        if (at.isBefore(interval.start()) || !at.isBefore(end)) continue;
        int l = simpleLevel(interval);
        if (l > level) {
          level = l;
          by = Optional.of(event.id());
        }
      }
    }
    return new Offer(percentageForSale * (MAX_LEVEL - level) / MAX_LEVEL, level, by);
  }

  /** The interval's SIMPLE level, clamped to 0..3; 0 without one. */
  private static int simpleLevel(DemandResponseEvent.Interval interval) {
    int level = 0;
    for (DemandResponseEvent.Payload p : interval.payloads()) {
      if (!"SIMPLE".equals(p.type())) continue;
      for (DemandResponseEvent.PayloadValue v : p.values()) {
        if (v instanceof DemandResponseEvent.PayloadValue.Numeric n && !Double.isNaN(n.value())) {
          level = Math.max(level, (int) Math.max(0, Math.min(MAX_LEVEL, Math.round(n.value()))));
        }
      }
    }
    return level;
  }
}
