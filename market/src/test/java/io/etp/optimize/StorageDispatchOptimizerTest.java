package io.etp.optimize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etp.optimize.DemandResponseObligation.MaximumNetImport;
import io.etp.optimize.DemandResponseObligation.MinimumNetDischarge;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class StorageDispatchOptimizerTest {

  private static final double EPS = 1e-6;
  private static final Duration HOUR = Duration.ofHours(1);
  private final StorageDispatchOptimizer optimizer = new StorageDispatchOptimizer();

  private DispatchSchedule solve(StorageSpec spec, List<Double> prices, DemandResponseObligation... obligations) {
    return optimizer.optimise(new DispatchProblem(spec, HOUR, prices, List.of(obligations)));
  }

  private static void assertFlows(DispatchSchedule s, double[] charge, double[] discharge) {
    for (int t = 0; t < charge.length; t++) {
      assertEquals(charge[t], s.intervals().get(t).chargeKw(), EPS, "charge in period " + t);
      assertEquals(discharge[t], s.intervals().get(t).dischargeKw(), EPS, "discharge in period " + t);
    }
  }

  private static void assertNeverChargesAndDischargesAtOnce(DispatchSchedule s) {
    for (DispatchInterval i : s.intervals()) {
      assertTrue(i.chargeKw() == 0 || i.dischargeKw() == 0, "simultaneous charge and discharge in " + i);
    }
  }

  @Test
  void buysLowAndSellsHighWithLosslessBattery() {
    DispatchSchedule s = solve(StorageSpec.of(1, 1, 1, 1), List.of(20.0, 60.0));
    assertFlows(s, new double[] {1, 0}, new double[] {0, 1});
    assertEquals((60 - 20) / 1000.0, s.marketRevenue(), EPS);
    assertEquals(0, s.intervals().get(1).socEndKwh(), EPS);
  }

  @Test
  void accountsForChargeAndDischargeLosses() {
    // charge 1 kWh from the grid, store 0.9, deliver 0.81: 0.81 * 60 - 1 * 20 per MWh
    DispatchSchedule s = solve(StorageSpec.of(1, 2, 0.9, 0.9), List.of(20.0, 60.0));
    assertFlows(s, new double[] {1, 0}, new double[] {0, 0.81});
    assertEquals((0.81 * 60 - 20) / 1000.0, s.marketRevenue(), EPS);
  }

  @Test
  void staysIdleWhenSpreadDoesNotCoverLosses() {
    // 0.81 * 60 = 48.6 < 50: the round trip loses money
    DispatchSchedule s = solve(StorageSpec.of(1, 2, 0.9, 0.9), List.of(50.0, 60.0));
    assertFlows(s, new double[] {0, 0}, new double[] {0, 0});
    assertEquals(0, s.marketRevenue(), EPS);
  }

  @Test
  void throughputCostSuppressesThinArbitrage() {
    StorageSpec spec = StorageSpec.of(1, 1, 1, 1);
    assertEquals(0.04 - 0.02, solve(spec.withThroughputCost(0.01), List.of(20.0, 60.0)).profit(), EPS);
    DispatchSchedule worn = solve(spec.withThroughputCost(0.03), List.of(20.0, 60.0));
    assertFlows(worn, new double[] {0, 0}, new double[] {0, 0});
    assertEquals(0, worn.profit(), EPS);
  }

  @Test
  void fullBatteryAtNegativePriceDoesNotBurnEnergy() {
    // The LP relaxation would charge 1 kW and discharge 0.81 kW at once to be paid for 0.19 kWh of losses.
    StorageSpec full = StorageSpec.of(1, 1, 0.9, 0.9).withInitialSoc(1);
    DispatchSchedule s = solve(full, List.of(-50.0));
    assertNeverChargesAndDischargesAtOnce(s);
    assertFlows(s, new double[] {0}, new double[] {0});
    assertEquals(0, s.marketRevenue(), EPS);
    assertTrue(s.modeBinariesUsed());
  }

  @Test
  void negativePricesUseExclusiveModesAndStayOptimal() {
    // Hand-solved: discharge x kW at -50 (pay 0.05x), then charge 1 kW at -50 (paid 0.05) storing 0.9 kWh;
    // room needed: 1 - x/0.9 + 0.9 <= 1, so x >= 0.81; profit 0.05 * (1 - x) is best at x = 0.81.
    StorageSpec full = StorageSpec.of(1, 1, 0.9, 0.9).withInitialSoc(1);
    DispatchSchedule s = solve(full, List.of(-50.0, -50.0));
    assertNeverChargesAndDischargesAtOnce(s);
    assertFlows(s, new double[] {0, 1}, new double[] {0.81, 0});
    assertEquals(0.05 * (1 - 0.81), s.marketRevenue(), EPS);
  }

  @Test
  void emptyBatteryIsPaidToChargeAtNegativePriceAndSellsLater() {
    DispatchSchedule s = solve(StorageSpec.of(1, 1, 1, 1), List.of(-30.0, 40.0));
    assertNeverChargesAndDischargesAtOnce(s);
    assertFlows(s, new double[] {1, 0}, new double[] {0, 1});
    assertEquals((30 + 40) / 1000.0, s.marketRevenue(), EPS);
    assertFalse(s.modeBinariesUsed());
  }

  @Test
  void respectsSocBoundsAndEndTarget() {
    StorageSpec spec = StorageSpec.of(1, 1, 1, 1).withInitialSoc(0.5).withSocBounds(0.2, 0.8).withEndSocTarget(0.5);
    DispatchSchedule s = solve(spec, List.of(100.0, 10.0, 20.0, 100.0));
    // sell down to the floor, refill to the ceiling in the cheapest hour, sell back to the end target
    assertFlows(s, new double[] {0, 0.6, 0, 0}, new double[] {0.3, 0, 0, 0.3});
    assertEquals(0.03 - 0.006 + 0.03, s.marketRevenue(), EPS);
    for (DispatchInterval i : s.intervals()) {
      assertTrue(i.socEndKwh() >= 0.2 - EPS && i.socEndKwh() <= 0.8 + EPS, "SoC out of bounds in " + i);
    }
    assertEquals(0.5, s.intervals().get(3).socEndKwh(), EPS);
  }

  @Test
  void endTargetForcesChargingEvenAtLoss() {
    DispatchSchedule s = solve(StorageSpec.of(1, 1, 1, 1).withEndSocTarget(1), List.of(80.0, 90.0));
    assertFlows(s, new double[] {1, 0}, new double[] {0, 0});
    assertEquals(-0.08, s.marketRevenue(), EPS);
  }

  @Test
  void minimumNetDischargeObligationIsMet() {
    // without DR: charge at 10, sell all at 100 (0.09); with 0.5 kW owed in period 2, half is kept back
    DispatchSchedule s = solve(StorageSpec.of(1, 1, 1, 1), List.of(10.0, 100.0, 50.0), new MinimumNetDischarge(2, 0.5));
    assertFlows(s, new double[] {1, 0, 0}, new double[] {0, 0.5, 0.5});
    assertEquals(-0.01 + 0.05 + 0.025, s.marketRevenue(), EPS);
  }

  @Test
  void maximumNetImportObligationCapsCharging() {
    DispatchSchedule s = solve(StorageSpec.of(2, 2, 1, 1), List.of(10.0, 12.0, 100.0), new MaximumNetImport(0, 0.5));
    assertFlows(s, new double[] {0.5, 1.5, 0}, new double[] {0, 0, 2});
    assertEquals(-0.005 - 0.018 + 0.2, s.marketRevenue(), EPS);
  }

  @Test
  void quarterHourPeriodsScaleEnergyByPeriodLength() {
    DispatchSchedule s = optimizer.optimise(
        DispatchProblem.of(StorageSpec.of(4, 1, 1, 1), Duration.ofMinutes(15), List.of(20.0, 60.0)));
    assertFlows(s, new double[] {4, 0}, new double[] {0, 4});
    assertEquals(1.0, s.intervals().get(0).socEndKwh(), EPS);
    assertEquals((60 - 20) / 1000.0, s.marketRevenue(), EPS);
  }

  @Test
  void unreachableEndTargetIsReportedClearly() {
    var e = assertThrows(InfeasibleDispatchException.class,
        () -> solve(StorageSpec.of(1, 10, 1, 1).withEndSocTarget(5), List.of(10.0, 20.0)));
    assertTrue(e.getMessage().contains("end SoC target 5.0 kWh is unreachable"), e.getMessage());
  }

  @Test
  void impossibleDemandResponseObligationIsReportedClearly() {
    var e = assertThrows(InfeasibleDispatchException.class,
        () -> solve(StorageSpec.of(1, 1, 1, 1), List.of(10.0, 20.0), new MinimumNetDischarge(0, 1)));
    assertTrue(e.getMessage().startsWith("demand-response obligations"), e.getMessage());
  }

  @Test
  void scheduleDoesNotDependOnWhatTheThreadSolvedBefore() throws Exception {
    // tied prices: several optimal schedules exist, so a warm-started solver could return another one
    DispatchProblem tied = DispatchProblem.of(StorageSpec.of(1, 1, 0.9, 0.9), HOUR, List.of(10.0, 10.0, 50.0, 50.0));
    DispatchSchedule[] onFreshThread = new DispatchSchedule[1];
    Thread fresh = new Thread(() -> onFreshThread[0] = optimizer.optimise(tied));
    fresh.start();
    fresh.join();
    optimizer.optimise(DispatchProblem.of(StorageSpec.of(2, 3, 0.8, 0.95), HOUR, List.of(60.0, 5.0, 70.0, -20.0)));
    optimizer.optimise(DispatchProblem.of(StorageSpec.of(1, 1, 1, 1), HOUR, List.of(50.0, 50.0, 10.0, 10.0)));
    assertEquals(onFreshThread[0], optimizer.optimise(tied));
  }

  @Test
  void rejectsBadInput() {
    assertThrows(IllegalArgumentException.class, () -> StorageSpec.of(1, 1, 1.2, 1));
    assertThrows(IllegalArgumentException.class, () -> StorageSpec.of(-1, 1, 1, 1));
    assertThrows(IllegalArgumentException.class, () -> StorageSpec.of(1, 1, 1, 1).withInitialSoc(2));
    assertThrows(IllegalArgumentException.class,
        () -> DispatchProblem.of(StorageSpec.of(1, 1, 1, 1), HOUR, List.of(1.0, Double.NaN)));
    assertThrows(IllegalArgumentException.class,
        () -> DispatchProblem.of(StorageSpec.of(1, 1, 1, 1), Duration.ZERO, List.of(1.0)));
    assertThrows(IllegalArgumentException.class,
        () -> new DispatchProblem(StorageSpec.of(1, 1, 1, 1), HOUR, List.of(1.0), List.of(new MaximumNetImport(1, 0))));
  }
}
