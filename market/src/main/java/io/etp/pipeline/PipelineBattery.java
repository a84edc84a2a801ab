package io.etp.pipeline;

import io.etp.optimize.StorageSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * One battery of the pipeline's fleet: its limits and its reported state of health.
 *
 * @param id               battery id
 * @param storage          limits and the daily start state (each simulated day starts from {@code initialSocKwh} and must
 *                         end at least there, so days are independent)
 * @param stateOfHealthPct reported state of health, percent (the risk rules refuse degraded devices)
 */
public record PipelineBattery(String id, StorageSpec storage, double stateOfHealthPct) {

  public PipelineBattery {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(storage, "storage");
  }

  /**
   * A deterministic varied fleet: 50-500 kW, 1-4 hours, 90-96 % efficiency each way, half full at the start and end of
   * every day, 2 per MWh wear, state of health 70-100 %.
   */
  public static List<PipelineBattery> fleet(int size, long seed) {
    if (size < 1) throw new IllegalArgumentException("fleet size must be >= 1: " + size);
    SplittableRandom random = new SplittableRandom(seed);
    List<PipelineBattery> fleet = new ArrayList<>(size);
    for (int i = 1; i <= size; i++) {
      double power = Math.round(50 + 450 * random.nextDouble());
      double capacity = Math.round(power * (1 + 3 * random.nextDouble()));
      double efficiency = 0.90 + 0.06 * random.nextDouble();
      StorageSpec spec = StorageSpec.of(power, capacity, efficiency, efficiency)
          .withInitialSoc(capacity / 2).withEndSocTarget(capacity / 2).withThroughputCost(0.002);
      fleet.add(new PipelineBattery("bess-" + i, spec, Math.round(70 + 30 * random.nextDouble())));
    }
    return List.copyOf(fleet);
  }
}
