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
}
