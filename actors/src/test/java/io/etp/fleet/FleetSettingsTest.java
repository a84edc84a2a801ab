package io.etp.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FleetSettingsTest {

  private static FleetSettings settings(Duration interval, Duration simulated) {
    return new FleetSettings(3, 1, interval, true, 13.5, 50, 1_000_000, 1_000_000_000, 15.0, 19.0,
        Duration.ofSeconds(60), simulated);
  }

  @Test
  void theSimulatedDayStartsAtMidnightRunsFasterAndEachBatteryIsAnHourAhead() {
    FleetSettings s = settings(Duration.ofSeconds(15), Duration.ofHours(1)); // 240 x: a simulated day in 6 min
    Instant start = Instant.parse("2026-03-01T13:47:12Z");
    assertEquals(0, s.simulatedHourOfDay(1, start, start));
    assertEquals(0, s.simulatedHourOfDay(1, start, start.plusMillis(14_999)));
    assertEquals(1, s.simulatedHourOfDay(1, start, start.plusSeconds(15)));
    assertEquals(23, s.simulatedHourOfDay(1, start, start.plusSeconds(15 * 23 + 1)));
    assertEquals(0, s.simulatedHourOfDay(1, start, start.plus(Duration.ofMinutes(6))));
    assertEquals(2, s.simulatedHourOfDay(3, start, start));
    assertEquals(1, s.simulatedHourOfDay(3, start, start.plusSeconds(15 * 23)));
    assertEquals(0, s.simulatedHourOfDay(1, start, start.minusSeconds(30)), "before the start counts as the start");
  }

  @Test
  void readsTheSimulatedTimeFromConfigAndRefusesANonPositiveOne() {
    FleetSettings s = FleetSettings.fromConfig(ConfigFactory.load().getConfig("etp"));
    assertEquals(Duration.ofHours(1), s.simulatedTimePerReoffer());
    var e = assertThrows(IllegalArgumentException.class, () -> settings(Duration.ofSeconds(15), Duration.ZERO));
    assertTrue(e.getMessage().contains("etp.fleet.simulated-time-per-reoffer"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> settings(Duration.ZERO, Duration.ofHours(1)));
  }
}
