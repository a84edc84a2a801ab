package io.etp.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etp.battery.DeliveryPeriod;
import io.etp.battery.DeliverySchedule;
import io.etp.battery.StorageLimits;
import io.etp.money.EnergyKwh;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatedBatteryPlanTest {

  private static final StorageLimits LIMITS = new StorageLimits(EnergyKwh.parse("13.5"), EnergyKwh.parse("1.35"),
      new BigDecimal("5"), new BigDecimal("0.9"));

  private static SimulatedBatteryPlan plan() {
    return new SimulatedBatteryPlan(LIMITS, SimulatedBatteryPlan.defaultPricesCPerKwh(), Duration.ofHours(1),
        SimulatedBatteryPlan.Rule.DEFAULT);
  }

  @Test
  void overASimulatedDayTheStateOfChargeRisesAndFallsWithinItsBounds() {
    SimulatedBatteryPlan plan = plan();
    EnergyKwh soc = LIMITS.capacityKwh();
    List<EnergyKwh> day = new ArrayList<>();
    int rises = 0;
    int falls = 0;
    for (int h = 0; h < 48; h++) {
      SimulatedBatteryPlan.Decision d = plan.decide(h % 24, soc, EnergyKwh.ZERO);
      // a buyer takes the whole offer and it is delivered before the next re-offer
      EnergyKwh next = d.energyKwh().minus(d.offerKwh());
      if (next.compareTo(soc) > 0) rises++;
      if (next.compareTo(soc) < 0) falls++;
      assertTrue(next.compareTo(LIMITS.minimumKwh()) >= 0, "below minimum at hour " + h + ": " + next);
      assertTrue(d.energyKwh().compareTo(LIMITS.capacityKwh()) <= 0, "above capacity at hour " + h + ": " + d);
      soc = next;
      day.add(soc);
    }
    assertTrue(rises >= 2, "rises " + rises + " in " + day);
    assertTrue(falls >= 2, "falls " + falls + " in " + day);
    assertTrue(day.stream().anyMatch(e -> e.compareTo(LIMITS.minimumKwh()) == 0), "reaches the minimum: " + day);
  }

  @Test
  void chargesTheCheapestHoursBoundedByPowerTimesStepAndStoresAfterEfficiency() {
    SimulatedBatteryPlan plan = plan();
    double[] prices = SimulatedBatteryPlan.defaultPricesCPerKwh();
    int cheapest = 0;
    int dearest = 0;
    for (int h = 1; h < 24; h++) {
      if (prices[h] < prices[cheapest]) cheapest = h;
      if (prices[h] > prices[dearest]) dearest = h;
    }
    assertEquals(SimulatedBatteryPlan.Hour.CHARGE, plan.hour(cheapest));
    assertEquals(SimulatedBatteryPlan.Hour.PEAK, plan.hour(dearest));

    SimulatedBatteryPlan.Decision empty = plan.decide(cheapest, LIMITS.minimumKwh(), EnergyKwh.ZERO);
    assertEquals(EnergyKwh.parse("5.000"), empty.chargedKwh()); // 5 kW x 1 h
    assertEquals(EnergyKwh.parse("4.500"), empty.storedKwh()); // x 0.9
    assertEquals(EnergyKwh.parse("5.850"), empty.energyKwh());

    SimulatedBatteryPlan.Decision nearlyFull = plan.decide(cheapest, EnergyKwh.parse("13.000"), EnergyKwh.ZERO);
    assertEquals(EnergyKwh.parse("0.556"), nearlyFull.chargedKwh()); // 0.556 x 0.9 = 0.5004 -> 0.500 fits, 0.557 not
    assertEquals(EnergyKwh.parse("13.500"), nearlyFull.energyKwh());

    assertEquals(EnergyKwh.ZERO, plan.decide(dearest, LIMITS.minimumKwh(), EnergyKwh.ZERO).chargedKwh());
  }

  @Test
  void offersAboveTheReserveLessWhatIsSoldAndNotDelivered() {
    SimulatedBatteryPlan plan = plan();
    int peak = hourOf(plan, SimulatedBatteryPlan.Hour.PEAK);
    int hold = hourOf(plan, SimulatedBatteryPlan.Hour.HOLD);
    SimulatedBatteryPlan.Decision atPeak = plan.decide(peak, EnergyKwh.parse("10.000"), EnergyKwh.parse("2.000"));
    assertEquals(LIMITS.minimumKwh(), atPeak.reserveKwh());
    assertEquals(EnergyKwh.parse("6.650"), atPeak.offerKwh());
    assertEquals(69.270833, atPeak.percentageForSale(EnergyKwh.parse("9.600")), 1e-6);

    // hold: the minimum plus half the usable 12.15 kWh = 7.425 kWh kept
    SimulatedBatteryPlan.Decision held = plan.decide(hold, EnergyKwh.parse("10.000"), EnergyKwh.parse("2.000"));
    assertEquals(EnergyKwh.parse("7.425"), held.reserveKwh());
    assertEquals(EnergyKwh.parse("0.575"), held.offerKwh());
    assertEquals(EnergyKwh.ZERO, plan.decide(hold, EnergyKwh.parse("7.000"), EnergyKwh.ZERO).offerKwh());
    assertEquals(0.0, plan.decide(hold, EnergyKwh.parse("7.000"), EnergyKwh.ZERO)
        .percentageForSale(EnergyKwh.parse("7.000")));
  }

  @Test
  void readsTheEnergyLeftOnceSoldPeriodsHaveEndedAndWhatIsSoldButNotDelivered() {
    Instant t0 = Instant.parse("2026-03-01T10:00:00Z");
    DeliveryPeriod first = new DeliveryPeriod(Instant.parse("2026-03-01T10:15:00Z"), Duration.ofMinutes(15));
    DeliveryPeriod second = new DeliveryPeriod(Instant.parse("2026-03-01T10:30:00Z"), Duration.ofMinutes(15));
    DeliverySchedule schedule = DeliverySchedule.start(LIMITS, EnergyKwh.parse("13.500"), t0)
        .accept(new DeliverySchedule.Commitment("t1", first, DeliverySchedule.Direction.DISCHARGE,
            EnergyKwh.parse("6.075")))
        .accept(new DeliverySchedule.Commitment("t2", second, DeliverySchedule.Direction.DISCHARGE,
            EnergyKwh.parse("2.000")));

    // before either period ends: full, 8.075 kWh sold
    assertEquals(new SimulatedBatteryPlan.Reading(EnergyKwh.parse("13.500"), EnergyKwh.parse("8.075")),
        SimulatedBatteryPlan.Reading.of(schedule, LIMITS, Instant.parse("2026-03-01T10:20:00Z")));
    // the first delivered: what the battery registers next is 7.425 kWh, not full again
    SimulatedBatteryPlan.Reading after = SimulatedBatteryPlan.Reading.of(schedule, LIMITS,
        Instant.parse("2026-03-01T10:30:00Z"));
    assertEquals(new SimulatedBatteryPlan.Reading(EnergyKwh.parse("7.425"), EnergyKwh.parse("2.000")), after);
    // and at a charging hour it charges from there: 5 kW x 1 h stores 4.5 kWh
    SimulatedBatteryPlan.Decision d = plan().decide(0, after.measuredKwh(), after.committedKwh());
    assertEquals(SimulatedBatteryPlan.Hour.CHARGE, d.hour());
    assertEquals(EnergyKwh.parse("11.925"), d.energyKwh());
    assertEquals(EnergyKwh.parse("2.500"), d.offerKwh()); // 11.925 - 2 sold - 7.425 held
  }

  @Test
  void refusesBadInputsWithAClearError() {
    double[] prices = SimulatedBatteryPlan.defaultPricesCPerKwh();
    var rule = SimulatedBatteryPlan.Rule.DEFAULT;
    assertThrows(IllegalArgumentException.class, () -> new SimulatedBatteryPlan(LIMITS, new double[23],
        Duration.ofHours(1), rule));
    assertThrows(IllegalArgumentException.class, () -> new SimulatedBatteryPlan(LIMITS, prices, Duration.ZERO, rule));
    assertThrows(IllegalArgumentException.class, () -> new SimulatedBatteryPlan.Rule(20, 5, BigDecimal.ONE));
    assertThrows(IllegalArgumentException.class, () -> new SimulatedBatteryPlan.Rule(6, 6, new BigDecimal("1.5")));
    assertThrows(IllegalArgumentException.class, () -> plan().decide(24, EnergyKwh.ZERO, EnergyKwh.ZERO));
    assertThrows(IllegalArgumentException.class, () -> plan().decide(0, EnergyKwh.parse("13.501"), EnergyKwh.ZERO));
  }

  private static int hourOf(SimulatedBatteryPlan plan, SimulatedBatteryPlan.Hour kind) {
    for (int h = 0; h < 24; h++) if (plan.hour(h) == kind) return h;
    throw new AssertionError("no " + kind + " hour");
  }
}
