package io.etp.optimize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class StorageDispatchPropertiesTest {

  private final StorageDispatchOptimizer optimizer = new StorageDispatchOptimizer();

  @Property(tries = 200)
  void schedulesAreExclusivePhysicalAndAtLeastAsGoodAsIdling(
      @ForAll @Size(min = 2, max = 12) List<@DoubleRange(min = -80, max = 120) Double> prices,
      @ForAll @DoubleRange(min = 0.7, max = 1.0) double etaC, @ForAll @DoubleRange(min = 0.7, max = 1.0) double etaD,
      @ForAll @IntRange(min = 0, max = 100) int initialPct, @ForAll @DoubleRange(min = 0, max = 0.01) double wear) {
    double capacity = 4;
    StorageSpec spec = new StorageSpec(2, 2, 0.5, capacity, 0.5 + (capacity - 0.5) * initialPct / 100.0, 0, etaC, etaD,
        wear);
    DispatchSchedule s = optimizer.optimise(DispatchProblem.of(spec, Duration.ofMinutes(30), prices));
    double soc = spec.initialSocKwh();
    for (DispatchInterval i : s.intervals()) {
      assertTrue(i.chargeKw() == 0 || i.dischargeKw() == 0, "simultaneous flows in " + i);
      assertTrue(i.chargeKw() >= 0 && i.chargeKw() <= 2 + 1e-9 && i.dischargeKw() >= 0 && i.dischargeKw() <= 2 + 1e-9);
      soc += 0.5 * (etaC * i.chargeKw() - i.dischargeKw() / etaD);
      assertEquals(soc, i.socEndKwh(), 1e-6);
      assertTrue(soc >= 0.5 - 1e-6 && soc <= capacity + 1e-6, "SoC " + soc + " out of bounds");
    }
    assertTrue(s.profit() >= -1e-9, "worse than staying idle: " + s.profit());
  }
}
