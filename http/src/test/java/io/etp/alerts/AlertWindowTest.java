package io.etp.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etp.alerts.AlertRules.Bids;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Since-start bid counts turned into counts within the last window, as the monitor samples them over time. */
class AlertWindowTest {

  private static final Instant START = Instant.parse("2026-11-21T04:00:00Z");

  @Test
  void whileTheNodeIsYoungerThanTheWindowEveryBidIsInIt() {
    AlertWindow window = new AlertWindow(Duration.ofMinutes(5), START);
    assertEquals(Map.of("agg-1", new Bids(3, 7)),
        window.bidsWithin(START.plusSeconds(60), Map.of("agg-1", new Bids(3, 7))));
  }

  @Test
  void bidsOlderThanTheWindowLeaveItAndABadSpellIsForgotten() {
    AlertWindow window = new AlertWindow(Duration.ofMinutes(5), START);
    // a bad spell in the first minute: 2 of 40 accepted
    window.bidsWithin(START.plusSeconds(60), Map.of("agg-1", new Bids(2, 38)));
    // then all accepted
    Map<String, Bids> at4 = window.bidsWithin(START.plusSeconds(240), Map.of("agg-1", new Bids(42, 38)));
    assertEquals(new Bids(42, 38), at4.get("agg-1"), "4 minutes in, the spell is still within 5 minutes");
    Map<String, Bids> at7 = window.bidsWithin(START.plusSeconds(420), Map.of("agg-1", new Bids(82, 38)));
    assertEquals(new Bids(80, 0), at7.get("agg-1"), "7 minutes in, only what came after the 1-minute sample counts");
  }

  @Test
  void anAggregatorWithNoBidsInTheWindowIsLeftOut() {
    AlertWindow window = new AlertWindow(Duration.ofMinutes(1), START);
    window.bidsWithin(START.plusSeconds(30), Map.of("agg-1", new Bids(5, 5)));
    window.bidsWithin(START.plusSeconds(60), Map.of("agg-1", new Bids(5, 5)));
    assertTrue(window.bidsWithin(START.plusSeconds(120), Map.of("agg-1", new Bids(5, 5))).isEmpty());
  }

  @Test
  void holdsOnlyTheSamplesOfOneWindow() {
    AlertWindow window = new AlertWindow(Duration.ofMinutes(5), START);
    for (int s = 5; s <= 3600; s += 5) {
      window.bidsWithin(START.plusSeconds(s), Map.of("agg-1", new Bids(s, 0)));
    }
    assertTrue(window.samplesHeld() <= 5 * 60 / 5 + 2, "held " + window.samplesHeld());
  }

  @Test
  void refusesTimeGoingBackwardsAndAnEmptyWindow() {
    AlertWindow window = new AlertWindow(Duration.ofMinutes(5), START);
    window.bidsWithin(START.plusSeconds(10), Map.of());
    assertThrows(IllegalArgumentException.class, () -> window.bidsWithin(START.plusSeconds(5), Map.of()));
    assertThrows(IllegalArgumentException.class, () -> new AlertWindow(Duration.ZERO, START));
  }

  @Test
  void windowedFiguresClearAnAlertTheSinceStartFiguresWouldHoldForHours() {
    AlertRules rules = new AlertRules(new AlertRules.Thresholds(50, 10, 3, Duration.ofMinutes(5), 1000, 95, 10));
    AlertWindow window = new AlertWindow(Duration.ofMinutes(5), START);
    // 1,000 bids rejected in the first minute raise BID_SUCCESS_LOW ...
    AlertRules.Evaluation raised = rules.evaluate(new AlertRules.Figures(
        window.bidsWithin(START.plusSeconds(60), Map.of("agg-1", new Bids(0, 1000))), 0, Map.of(),
        java.util.OptionalDouble.empty()), Map.of());
    assertEquals(1, raised.raised().size());
    // ... then 100 accepted over the next 6 minutes: since start that is 9 %, within the window 100 %
    AlertRules.Evaluation later = rules.evaluate(new AlertRules.Figures(
        window.bidsWithin(START.plusSeconds(420), Map.of("agg-1", new Bids(100, 1000))), 0, Map.of(),
        java.util.OptionalDouble.empty()), raised.active());
    assertEquals(1, later.cleared().size());
    assertEquals("bid success of agg-1 is 100.0 % (100 of 100 bids in the last 5m; alert below 50.0 %)",
        later.cleared().get(0).message());
  }
}
