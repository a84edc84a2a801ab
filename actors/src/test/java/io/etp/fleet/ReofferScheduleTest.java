package io.etp.fleet;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ReofferScheduleTest {

  @Test
  void spreadFleetTakesOneBatteryPerTickAndEachReoffersOncePerInterval() {
    ReofferSchedule schedule = ReofferSchedule.of(50, Duration.ofSeconds(15), true);
    assertEquals(50, schedule.slots());
    assertEquals(Duration.ofMillis(300), schedule.tick());
    Map<Integer, List<Long>> ticksOf = new HashMap<>();
    for (long t = 0; t < 150; t++) {
      List<Integer> due = schedule.batteriesAt(t);
      assertEquals(1, due.size(), "tick " + t);
      ticksOf.computeIfAbsent(due.get(0), b -> new ArrayList<>()).add(t);
    }
    assertEquals(IntStream.rangeClosed(1, 50).boxed().toList(), ticksOf.keySet().stream().sorted().toList());
    ticksOf.forEach((battery, ticks) -> {
      assertEquals(3, ticks.size(), "battery " + battery);
      assertEquals(50, ticks.get(1) - ticks.get(0), "a whole interval between re-offers of battery " + battery);
      assertEquals(50, ticks.get(2) - ticks.get(1));
    });
  }

  @Test
  void notSpreadEveryBatteryReoffersAtOnceEveryInterval() {
    ReofferSchedule schedule = ReofferSchedule.of(50, Duration.ofSeconds(15), false);
    assertEquals(1, schedule.slots());
    assertEquals(Duration.ofSeconds(15), schedule.tick());
    assertEquals(IntStream.rangeClosed(1, 50).boxed().toList(), schedule.batteriesAt(0));
    assertEquals(IntStream.rangeClosed(1, 50).boxed().toList(), schedule.batteriesAt(7));
  }

  @Test
  void aLargeFleetTicksNoFasterThanTheMinimumAndSharesTicks() {
    ReofferSchedule schedule = ReofferSchedule.of(10_000, Duration.ofSeconds(15), true);
    assertEquals(1_500, schedule.slots());
    assertEquals(Duration.ofMillis(10), schedule.tick());
    int total = 0;
    boolean[] seen = new boolean[10_001];
    for (long t = 0; t < schedule.slots(); t++) {
      List<Integer> due = schedule.batteriesAt(t);
      assertTrue(due.size() == 6 || due.size() == 7, "tick " + t + ": " + due.size());
      for (int b : due) {
        assertFalse(seen[b], "battery " + b + " twice in one interval");
        seen[b] = true;
      }
      total += due.size();
    }
    assertEquals(10_000, total);
  }

  @Test
  void smallFleetsAndBadArguments() {
    assertEquals(List.of(1), ReofferSchedule.of(1, Duration.ofSeconds(1), true).batteriesAt(3));
    assertEquals(List.of(), ReofferSchedule.of(0, Duration.ofSeconds(1), true).batteriesAt(0));
    assertThrows(IllegalArgumentException.class, () -> ReofferSchedule.of(5, Duration.ZERO, true));
    assertThrows(IllegalArgumentException.class, () -> ReofferSchedule.of(-1, Duration.ofSeconds(1), true));
    assertThrows(IllegalArgumentException.class, () -> new ReofferSchedule(5, Duration.ofSeconds(1), 6));
    assertThrows(IllegalArgumentException.class,
        () -> ReofferSchedule.of(5, Duration.ofSeconds(1), true).batteriesAt(-1));
  }
}
