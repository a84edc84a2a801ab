package io.etp.battery;

import static org.junit.jupiter.api.Assertions.*;

import io.etp.battery.DeliverySchedule.CommitResult;
import io.etp.battery.DeliverySchedule.Commitment;
import io.etp.battery.DeliverySchedule.Delivered;
import io.etp.battery.DeliverySchedule.Delivery;
import io.etp.battery.DeliverySchedule.Direction;
import io.etp.money.EnergyKwh;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Issue #12, must-show 2: for any sequence of trades and deliveries, energy is conserved. Committed = delivered +
 * shortfall (+ still pending), the state of charge follows exactly from the energy charged and delivered and the
 * efficiency, and it never leaves [minimum, capacity]. A simulated battery (delivering what it committed) never
 * falls short: the schedule only commits what it can deliver.
 */
class DeliverySchedulePropertyTest {

  static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

  /** One step: commit (kind 0..5 discharge, 6..9 charge) in a period some quarters ahead, then the clock leaps. */
  record Step(int kind, int quartersAhead, boolean hourProduct, int energyWh, int leapMinutes, long meterSeed) {}

  @Provide
  Arbitrary<List<Step>> steps() {
    Arbitrary<Step> step = Combinators.combine(
            Arbitraries.integers().between(0, 9),
            Arbitraries.integers().between(0, 12),
            Arbitraries.of(true, false, false, false),
            Arbitraries.integers().between(1, 3_000),
            Arbitraries.integers().between(0, 40),
            Arbitraries.longs())
        .as(Step::new);
    return step.list().ofMinSize(1).ofMaxSize(80);
  }

  @Provide
  Arbitrary<StorageLimits> limits() {
    return Combinators.combine(
            Arbitraries.integers().between(1_000, 30_000),  // capacity, Wh
            Arbitraries.integers().between(0, 30),          // minimum, % of capacity
            Arbitraries.integers().between(500, 12_000),    // power, W
            Arbitraries.integers().between(700, 1_000))     // efficiency, per mille
        .as((capWh, minPct, powerW, effPm) -> new StorageLimits(
            new EnergyKwh(BigDecimal.valueOf(capWh, 3)),
            new EnergyKwh(BigDecimal.valueOf((long) capWh * minPct / 100, 3)),
            BigDecimal.valueOf(powerW, 3), BigDecimal.valueOf(effPm, 3)));
  }

  @Property(tries = 400)
  void energyIsConservedAndTheStateOfChargeStaysInItsBounds(
      @ForAll("steps") List<Step> steps, @ForAll("limits") StorageLimits limits,
      @ForAll @IntRange(min = 0, max = 100) int startPct, @ForAll boolean simulated) {
    EnergyKwh start = new EnergyKwh(limits.minimumKwh().value().add(limits.capacityKwh().value()
        .subtract(limits.minimumKwh().value()).multiply(BigDecimal.valueOf(startPct))
        .divide(BigDecimal.valueOf(100), EnergyKwh.SCALE, java.math.RoundingMode.DOWN)));
    DeliverySchedule s = DeliverySchedule.start(limits, start, T0);
    Instant now = T0;
    EnergyKwh storedByDeliveries = EnergyKwh.ZERO;
    int trade = 0;
    for (Step step : steps) {
      Duration length = step.hourProduct() ? Duration.ofHours(1) : Duration.ofMinutes(15);
      DeliveryPeriod next = DeliveryPeriod.nextAfter(now, length);
      DeliveryPeriod period = new DeliveryPeriod(next.start().plus(length.multipliedBy(
          step.hourProduct() ? step.quartersAhead() / 4 : step.quartersAhead())), length);
      Direction direction = step.kind() < 6 ? Direction.DISCHARGE : Direction.CHARGE;
      EnergyKwh energy = new EnergyKwh(BigDecimal.valueOf(step.energyWh(), 3));
      EnergyKwh room = direction == Direction.DISCHARGE ? s.dischargeable(period) : s.chargeable(period);
      CommitResult r = s.commit(new Commitment("t" + ++trade, period, direction, energy), now);
      // the room a battery offers is exactly what it can commit
      assertEquals(energy.compareTo(room) <= 0, r instanceof CommitResult.Committed,
          () -> energy + " kWh " + direction + " against room " + room + ": " + r);
      if (r instanceof CommitResult.Committed ok) s = ok.schedule();
      if (simulated) {
        for (Instant t = now; !t.isAfter(period.end()); t = t.plus(Duration.ofMinutes(15))) {
          assertTrue(s.plannedLowestKwh(t).compareTo(limits.minimumKwh()) >= 0, "planned under the minimum");
        }
        assertTrue(s.plannedFinalKwh().compareTo(limits.capacityKwh()) <= 0, "planned above capacity");
      }

      now = now.plusSeconds(60L * step.leapMinutes());
      Random meter = new Random(step.meterSeed());
      Delivered d = s.deliverDue(now, simulated ? DeliverySchedule.Meter.SIMULATED
          // a device: anything from nothing to 20 % more than committed, to the Wh
          : c -> new EnergyKwh(c.energyKwh().value().multiply(BigDecimal.valueOf(meter.nextInt(1_201), 3))
              .setScale(EnergyKwh.SCALE, java.math.RoundingMode.DOWN)));
      for (Delivery x : d.deliveries()) {
        assertEquals(x.commitment().energyKwh(), x.deliveredKwh().plus(x.shortfallKwh()));
        assertTrue(x.deliveredKwh().compareTo(x.meteredKwh()) <= 0);
        assertFalse(x.commitment().period().end().isAfter(now), "delivered before its period ended");
        if (simulated) assertTrue(x.shortfallKwh().isZero(), "a simulated battery fell short: " + x);
        if (x.commitment().direction() == Direction.CHARGE) {
          storedByDeliveries = storedByDeliveries.plus(limits.stored(x.deliveredKwh()));
        }
      }
      s = d.schedule();
      assertInvariants(s, start, storedByDeliveries);
    }
    s = s.deliverDue(now.plus(Duration.ofDays(1)), DeliverySchedule.Meter.SIMULATED).schedule();
    assertTrue(s.pending().isEmpty());
  }

  private static void assertInvariants(DeliverySchedule s, EnergyKwh start, EnergyKwh storedByDeliveries) {
    StorageLimits limits = s.limits();
    for (Direction dir : Direction.values()) {
      DeliverySchedule.Totals t = dir == Direction.DISCHARGE ? s.discharged() : s.charged();
      EnergyKwh pending = s.pending().stream().filter(c -> c.direction() == dir).map(Commitment::energyKwh)
          .reduce(EnergyKwh.ZERO, EnergyKwh::plus);
      assertEquals(t.committedKwh(), t.deliveredKwh().plus(t.shortfallKwh()).plus(pending), "conservation " + dir);
    }
    // the state of charge follows exactly from what was charged (times the efficiency) and delivered
    assertEquals(storedByDeliveries, s.storedKwh());
    assertEquals(start.plus(s.storedKwh()).minus(s.discharged().deliveredKwh()), s.measuredKwh());
    assertTrue(s.measuredKwh().compareTo(limits.minimumKwh()) >= 0, "measured under the minimum");
    assertTrue(s.measuredKwh().compareTo(limits.capacityKwh()) <= 0, "measured above capacity");
  }
}
