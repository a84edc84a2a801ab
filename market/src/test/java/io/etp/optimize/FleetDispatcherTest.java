package io.etp.optimize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FleetDispatcherTest {

  @Test
  void schedulesEveryMemberInOrderAndIsolatesInfeasibleOnes() throws Exception {
    List<FleetMember> members = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      double spread = i;
      members.add(new FleetMember("b" + i,
          DispatchProblem.of(StorageSpec.of(1, 1, 1, 1), Duration.ofHours(1), List.of(20.0, 20.0 + spread))));
    }
    members.set(7, new FleetMember("b7",
        DispatchProblem.of(StorageSpec.of(1, 5, 1, 1).withEndSocTarget(5), Duration.ofHours(1), List.of(1.0, 2.0))));
    List<FleetOutcome> outcomes;
    try (FleetDispatcher fleet = new FleetDispatcher(3)) {
      outcomes = fleet.dispatch(members);
    }
    assertEquals(40, outcomes.size());
    for (int i = 0; i < 40; i++) {
      assertEquals("b" + i, outcomes.get(i).batteryId());
      if (i == 7) {
        assertTrue(assertInstanceOf(FleetOutcome.Failed.class, outcomes.get(i)).reason().contains("unreachable"));
      } else {
        FleetOutcome.Scheduled ok = assertInstanceOf(FleetOutcome.Scheduled.class, outcomes.get(i));
        assertEquals(i / 1000.0, ok.schedule().marketRevenue(), 1e-9);
      }
    }
  }
}
