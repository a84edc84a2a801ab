package io.etp.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etp.live.LiveEvent;
import io.etp.live.LiveEventType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The monitor turns raised and cleared alerts into ALERT live events, one per change. */
class AlertMonitorTest {

  @Test
  void publishesOneAlertEventWhenRaisedAndOneWhenCleared() {
    Instant now = Instant.parse("2026-11-21T04:00:00Z");
    AtomicReference<AlertRules.Figures> figures = new AtomicReference<>(
        new AlertRules.Figures(Map.of(), 5, Map.of(), OptionalDouble.empty()));
    List<LiveEvent> published = new ArrayList<>();
    AlertMonitor monitor = new AlertMonitor(
        new AlertRules(new AlertRules.Thresholds(20, 50, 3, Duration.ofMinutes(5), 1000, 95, 10)), figures::get,
        published::add, Clock.fixed(now, ZoneOffset.UTC));

    monitor.evaluate();
    monitor.evaluate();
    assertEquals(1, monitor.status().active().size());
    assertEquals(5, monitor.status().figures().deviceFailuresInWindow());
    figures.set(new AlertRules.Figures(Map.of(), 1, Map.of(), OptionalDouble.empty()));
    monitor.evaluate();
    monitor.evaluate();

    assertEquals(2, published.size(), published.toString());
    assertTrue(monitor.status().active().isEmpty(), "nothing active once cleared");
    LiveEvent raised = published.get(0);
    assertEquals(LiveEventType.ALERT, raised.type());
    assertEquals(now, raised.timestamp());
    assertEquals(AlertRules.NODE, raised.batteryId());
    assertEquals("CRITICAL", raised.payload().severity());
    assertEquals("RAISED", raised.payload().status());
    assertEquals("DEVICE_FAILURES_HIGH", raised.payload().reason());
    assertEquals("5 device failure(s) in the last 5m (alert above 3)", raised.payload().message());
    LiveEvent cleared = published.get(1);
    assertEquals("CLEARED", cleared.payload().status());
    assertEquals("INFO", cleared.payload().severity());
    assertEquals("1 device failure(s) in the last 5m (alert above 3)", cleared.payload().message());
  }

  @Test
  void theActiveSetHoldsEachAlertWithTheTimeItWasRaisedUntilItClears() {
    Instant t0 = Instant.parse("2026-11-21T04:00:00Z");
    AtomicReference<Instant> now = new AtomicReference<>(t0);
    Clock clock = new Clock() {
      @Override
      public java.time.ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(java.time.ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return now.get();
      }
    };
    AtomicReference<AlertRules.Figures> figures = new AtomicReference<>(
        new AlertRules.Figures(Map.of(), 0, Map.of(), OptionalDouble.of(97)));
    List<LiveEvent> published = new ArrayList<>();
    AlertMonitor monitor = new AlertMonitor(
        new AlertRules(new AlertRules.Thresholds(20, 50, 3, Duration.ofMinutes(5), 1000, 95, 10)), figures::get,
        published::add, clock);
    assertTrue(monitor.active().isEmpty(), "nothing before the first evaluation");

    monitor.evaluate();
    now.set(t0.plusSeconds(10));
    figures.set(new AlertRules.Figures(Map.of(), 0, Map.of("BID", 1500L), OptionalDouble.of(97)));
    monitor.evaluate();
    now.set(t0.plusSeconds(20));
    monitor.evaluate(); // both still hold: their raise times stay

    List<AlertMonitor.ActiveAlert> active = monitor.active();
    assertEquals(List.of("STORAGE_UTILISATION_HIGH node " + t0, "LATENCY_P99_HIGH BID " + t0.plusSeconds(10)),
        active.stream().map(a -> a.key().rule() + " " + a.key().subject() + " " + a.raisedAt()).toList(),
        "oldest raised first, each at the time of its RAISED event");
    assertEquals(published.get(0).timestamp(), active.get(0).raisedAt());
    assertEquals("WARNING", active.get(0).severity());
    assertEquals("storage utilisation is 97.0 % (alert above 95.0 %)", active.get(0).message());

    now.set(t0.plusSeconds(30));
    figures.set(new AlertRules.Figures(Map.of(), 0, Map.of("BID", 1500L), OptionalDouble.of(50)));
    monitor.evaluate();
    assertEquals(List.of("LATENCY_P99_HIGH"), monitor.active().stream().map(a -> a.key().rule().name()).toList(),
        "a cleared alert leaves the set");
    assertEquals(t0.plusSeconds(10), monitor.active().get(0).raisedAt());
  }
}
