package io.etp.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etp.alerts.AlertRules.Alert;
import io.etp.alerts.AlertRules.Bids;
import io.etp.alerts.AlertRules.Evaluation;
import io.etp.alerts.AlertRules.Figures;
import io.etp.alerts.AlertRules.Key;
import io.etp.alerts.AlertRules.Rule;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** Threshold alerts over successive snapshots: raised once, held without repeats, cleared once. */
class AlertRulesTest {

  private static final AlertRules RULES = new AlertRules(
      new AlertRules.Thresholds(50.0, 10, 2, Duration.ofMinutes(5), 500, 90.0, 10.0));

  private static final Figures QUIET = figures(Map.of("agg-1", new Bids(8, 2)), 0, Map.of("BID", 20L), 40.0);

  @Test
  void quietFiguresRaiseNothing() {
    Evaluation e = RULES.evaluate(QUIET, Map.of());
    assertTrue(e.raised().isEmpty());
    assertTrue(e.cleared().isEmpty());
    assertTrue(e.active().isEmpty());
  }

  @Test
  void raisesEachBreachedRuleOnceWithItsSeverity() {
    Figures bad = figures(Map.of("agg-1", new Bids(2, 18), "agg-2", new Bids(9, 1)), 3, Map.of("BID", 750L,
        "BESS_STATUS", 30L), 96.5);
    Evaluation e = RULES.evaluate(bad, Map.of());
    assertEquals(List.of(new Key(Rule.BID_SUCCESS_LOW, "agg-1"), new Key(Rule.DEVICE_FAILURES_HIGH, AlertRules.NODE),
        new Key(Rule.LATENCY_P99_HIGH, "BID"), new Key(Rule.STORAGE_UTILISATION_HIGH, AlertRules.NODE)),
        e.raised().stream().map(Alert::key).sorted((a, b) -> a.rule().compareTo(b.rule())).toList());
    Alert failures = find(e.raised(), Rule.DEVICE_FAILURES_HIGH);
    assertEquals("CRITICAL", failures.severity());
    assertTrue(failures.raised());
    assertEquals("WARNING", find(e.raised(), Rule.BID_SUCCESS_LOW).severity());
    assertEquals("bid success of agg-1 is 10.0 % (2 of 20 bids in the last 5m; alert below 50.0 %)",
        find(e.raised(), Rule.BID_SUCCESS_LOW).message());
    assertEquals(4, e.active().size());
  }

  @Test
  void anAlertThatStillHoldsIsNotRaisedAgain() {
    Figures slow = figures(Map.of(), 0, Map.of("BID", 750L), 40.0);
    Evaluation first = RULES.evaluate(slow, Map.of());
    assertEquals(1, first.raised().size());
    Evaluation second = RULES.evaluate(figures(Map.of(), 0, Map.of("BID", 900L), 40.0), first.active());
    assertTrue(second.raised().isEmpty(), "still above 500 ms: no second RAISED");
    assertTrue(second.cleared().isEmpty());
    assertEquals(first.active().keySet(), second.active().keySet());
  }

  @Test
  void clearsOnceWhenTheConditionStopsHolding() {
    Figures full = figures(Map.of(), 0, Map.of(), 95.0);
    Evaluation raised = RULES.evaluate(full, Map.of());
    Evaluation cleared = RULES.evaluate(figures(Map.of(), 0, Map.of(), 80.0), raised.active());
    assertEquals(1, cleared.cleared().size());
    Alert alert = cleared.cleared().get(0);
    assertEquals(new Key(Rule.STORAGE_UTILISATION_HIGH, AlertRules.NODE), alert.key());
    assertFalse(alert.raised());
    assertEquals("INFO", alert.severity());
    assertEquals("storage utilisation is 80.0 % (alert above 90.0 %)", alert.message());
    assertTrue(cleared.active().isEmpty());
    Evaluation after = RULES.evaluate(figures(Map.of(), 0, Map.of(), 80.0), cleared.active());
    assertTrue(after.cleared().isEmpty(), "cleared once, not on every evaluation");
    assertTrue(after.raised().isEmpty());
  }

  @Test
  void bidSuccessIsJudgedOnlyOnceEnoughBidsAreDecided() {
    Evaluation few = RULES.evaluate(figures(Map.of("agg-1", new Bids(0, 9)), 0, Map.of(), 40.0), Map.of());
    assertTrue(few.raised().isEmpty(), "9 bids are below the minimum of 10");
    Evaluation enough = RULES.evaluate(figures(Map.of("agg-1", new Bids(0, 10)), 0, Map.of(), 40.0), Map.of());
    assertEquals(new Key(Rule.BID_SUCCESS_LOW, "agg-1"), enough.raised().get(0).key());
  }

  @Test
  void thresholdsAreExclusive() {
    Evaluation atThresholds = RULES.evaluate(figures(Map.of("agg-1", new Bids(5, 5)), 2, Map.of("BID", 500L), 90.0),
        Map.of());
    assertTrue(atThresholds.raised().isEmpty(), "50 % success, 2 failures, 500 ms, 90 %: all at, none beyond");
  }

  @Test
  void anAlertWhoseFigureIsNoLongerMeasuredClears() {
    Evaluation raised = RULES.evaluate(figures(Map.of(), 0, Map.of(), 99.0), Map.of());
    Evaluation cleared = RULES.evaluate(new Figures(Map.of(), 0, Map.of(), OptionalDouble.empty()), raised.active());
    assertEquals(1, cleared.cleared().size());
    assertEquals("storage_utilisation_high for node: no longer measured", cleared.cleared().get(0).message());
  }

  @Test
  void aFigureHoveringAtTheThresholdRaisesOnceAndClearsOnlyPastTheMargin() {
    Evaluation raised = RULES.evaluate(figures(Map.of(), 0, Map.of("BID", 510L), 40.0), Map.of());
    assertEquals(1, raised.raised().size());
    Map<Key, Alert> active = raised.active();
    for (long p99 : new long[] {495, 505, 460, 451, 520, 450 + 1}) {
      Evaluation e = RULES.evaluate(figures(Map.of(), 0, Map.of("BID", p99), 40.0), active);
      assertTrue(e.raised().isEmpty() && e.cleared().isEmpty(), p99 + " ms: inside 450-500 ms or above, no change");
      active = e.active();
    }
    Evaluation cleared = RULES.evaluate(figures(Map.of(), 0, Map.of("BID", 450L), 40.0), active);
    assertEquals(1, cleared.cleared().size(), "450 ms is 10 % inside the 500 ms threshold: cleared");
    assertEquals("p99 latency of BID messages is 450 ms in the last 5m (alert above 500 ms)",
        cleared.cleared().get(0).message());
    Evaluation again = RULES.evaluate(figures(Map.of(), 0, Map.of("BID", 480L), 40.0), cleared.active());
    assertTrue(again.raised().isEmpty(), "480 ms is not beyond 500 ms: not raised again");
  }

  @Test
  void aLowBidSuccessClearsOnlyOnceItIsBackAboveTheThresholdByTheMargin() {
    Evaluation raised = RULES.evaluate(figures(Map.of("agg-1", new Bids(4, 6)), 0, Map.of(), 40.0), Map.of());
    assertEquals(1, raised.raised().size());
    Evaluation atThreshold = RULES.evaluate(figures(Map.of("agg-1", new Bids(52, 48)), 0, Map.of(), 40.0),
        raised.active());
    assertTrue(atThreshold.cleared().isEmpty(), "52 % is below 50 % + 10 % of it (55 %): still active");
    Evaluation cleared = RULES.evaluate(figures(Map.of("agg-1", new Bids(56, 44)), 0, Map.of(), 40.0),
        atThreshold.active());
    assertEquals(new Key(Rule.BID_SUCCESS_LOW, "agg-1"), cleared.cleared().get(0).key());
  }

  @Test
  void deviceFailuresClearWhenTheWindowHoldsFewEnough() {
    Evaluation raised = RULES.evaluate(figures(Map.of(), 3, Map.of(), 40.0), Map.of());
    assertEquals(Rule.DEVICE_FAILURES_HIGH, raised.raised().get(0).key().rule());
    Evaluation stillTwo = RULES.evaluate(figures(Map.of(), 2, Map.of(), 40.0), raised.active());
    assertTrue(stillTwo.cleared().isEmpty(), "2 is above 2 - 10 % (1.8): the alert holds");
    Evaluation one = RULES.evaluate(figures(Map.of(), 1, Map.of(), 40.0), stillTwo.active());
    assertEquals("1 device failure(s) in the last 5m (alert above 2)", one.cleared().get(0).message());
  }

  @Test
  void refusesThresholdsOutOfRange() {
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> new AlertRules.Thresholds(50, 10, 2, Duration.ZERO, 500, 90, 10));
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> new AlertRules.Thresholds(50, 10, 2, Duration.ofMinutes(5), 500, 90, 100));
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> new AlertRules.Thresholds(150, 10, 2, Duration.ofMinutes(5), 500, 90, 10));
  }

  private static Figures figures(Map<String, Bids> bids, int failures, Map<String, Long> p99, double storagePct) {
    return new Figures(bids, failures, p99, OptionalDouble.of(storagePct));
  }

  private static Alert find(List<Alert> alerts, Rule rule) {
    return alerts.stream().filter(a -> a.key().rule() == rule).findFirst().orElseThrow();
  }
}
