package io.etp.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.etp.marketdata.DemandResponseEvent;
import io.etp.marketdata.DemandResponseEvent.Interval;
import io.etp.marketdata.DemandResponseEvent.Payload;
import io.etp.marketdata.DemandResponseEvent.PayloadValue;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DemandResponseOffersTest {

  private static final Instant T0 = Instant.parse("2026-12-06T17:00:00Z");
  private static final Duration HOUR = Duration.ofHours(1);

  private final DemandResponseOffers areas = new DemandResponseOffers(Map.of(
      "north", Set.of("bess-1", "bess-3"), "south", Set.of("bess-2")));

  private static DemandResponseEvent event(String id, String area, Instant start, int... levels) {
    List<Interval> intervals = new java.util.ArrayList<>();
    for (int i = 0; i < levels.length; i++) {
      intervals.add(new Interval(i, start.plus(HOUR.multipliedBy(i)), HOUR,
          List.of(new Payload("SIMPLE", List.of(new PayloadValue.Numeric(levels[i]))))));
    }
    return new DemandResponseEvent(id, area, "", start, HOUR.multipliedBy(levels.length), intervals);
  }

  @Test
  void aFullResponseEventWithdrawsTheOffersOfItsAreaDuringItsPeriodOnly() {
    DemandResponseOffers dr = areas.with(event("e1", "north", T0, 3));
    assertEquals(0.0, dr.offer("bess-1", 50, T0).percentageForSale());
    assertEquals(0.0, dr.offer("bess-3", 50, T0.plusSeconds(3599)).percentageForSale());
    assertEquals(Optional.of("e1"), dr.offer("bess-1", 50, T0).eventId());
    // other area, before, at the end (exclusive): unchanged
    assertEquals(50.0, dr.offer("bess-2", 50, T0).percentageForSale());
    assertEquals(50.0, dr.offer("bess-1", 50, T0.minusSeconds(1)).percentageForSale());
    assertEquals(50.0, dr.offer("bess-1", 50, T0.plus(HOUR)).percentageForSale());
    assertEquals(0, dr.offer("bess-2", 50, T0).level());
  }

  @Test
  void eachIntervalsLevelHoldsBackItsShare() {
    DemandResponseOffers dr = areas.with(event("e1", "south", T0, 1, 2, 0));
    assertEquals(40.0, dr.offer("bess-2", 60, T0).percentageForSale(), 1e-9);
    assertEquals(20.0, dr.offer("bess-2", 60, T0.plus(HOUR)).percentageForSale(), 1e-9);
    assertEquals(60.0, dr.offer("bess-2", 60, T0.plus(HOUR.multipliedBy(2))).percentageForSale(), 1e-9);
  }

  @Test
  void theHighestLevelOfOverlappingEventsWinsAndAModifiedEventReplacesItsEarlierVersion() {
    DemandResponseOffers dr = areas.with(event("a", "north", T0, 1)).with(event("b", "north", T0, 2));
    assertEquals(2, dr.offer("bess-1", 30, T0).level());
    assertEquals(Optional.of("b"), dr.offer("bess-1", 30, T0).eventId());
    dr = dr.with(event("b", "north", T0, 0));
    assertEquals(1, dr.offer("bess-1", 30, T0).level());
    assertEquals(2, dr.events().size());
  }

  @Test
  void intervalsWithoutSimplePayloadAndUnknownAreasChangeNothing() {
    DemandResponseEvent price = new DemandResponseEvent("p", "north", "", T0, HOUR, List.of(new Interval(0, T0, HOUR,
        List.of(new Payload("PRICE", List.of(new PayloadValue.Numeric(0.42)))))));
    DemandResponseOffers dr = areas.with(price).with(event("x", "elsewhere", T0, 3));
    assertEquals(50.0, dr.offer("bess-1", 50, T0).percentageForSale());
    assertEquals(0, dr.offer("bess-1", 50, T0).level());
  }

  @Test
  void endedEventsAreDroppedAndBadPercentagesRejected() {
    DemandResponseOffers dr = areas.with(event("e1", "north", T0, 3));
    assertEquals(1, dr.withoutEndedBefore(T0.plus(HOUR)).events().size());
    assertEquals(0, dr.withoutEndedBefore(T0.plus(HOUR).plusSeconds(1)).events().size());
    assertThrows(IllegalArgumentException.class, () -> dr.offer("bess-1", 101, T0));
    assertThrows(IllegalArgumentException.class, () -> dr.offer("bess-1", Double.NaN, T0));
  }
}
