package io.etp.bench.optimize;

import io.etp.marketdata.EpfObservation;
import io.etp.optimize.DemandResponseObligation;
import io.etp.optimize.DispatchProblem;
import io.etp.optimize.FleetMember;
import io.etp.optimize.StorageSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The seeded benchmark fleet: 5-500 kW, 1-4 h of storage, 88-97 % efficiencies, random initial SoC and end target,
 * wear cost up to 10 per MWh, one in ten with a DR obligation (30 % of power at 18:00); each battery gets one of 365
 * real NP days.
 */
final class BenchFleet {

  private BenchFleet() {}

  static List<FleetMember> generate(List<EpfObservation> np, int batteries, int periods, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<FleetMember> fleet = new ArrayList<>(batteries);
    for (int i = 0; i < batteries; i++) {
      double powerKw = 5 + random.nextDouble() * 495;
      double capacityKwh = powerKw * (1 + random.nextDouble() * 3);
      double eta = 0.88 + random.nextDouble() * 0.09;
      StorageSpec spec = new StorageSpec(powerKw, powerKw, 0.1 * capacityKwh, capacityKwh,
          capacityKwh * (0.1 + 0.8 * random.nextDouble()), capacityKwh * 0.5 * random.nextDouble(), eta, eta,
          random.nextDouble() * 0.01);
      List<DemandResponseObligation> dr = i % 10 == 0
          ? List.of(new DemandResponseObligation.MinimumNetDischarge(18 * periods / 24, 0.3 * powerKw)) : List.of();
      List<Double> prices = BenchPrices.day(np, 24 * (1000 + random.nextInt(365)), periods);
      fleet.add(new FleetMember("bat-" + i,
          new DispatchProblem(spec, Duration.ofMinutes(24 * 60 / periods), prices, dr)));
    }
    return fleet;
  }
}
