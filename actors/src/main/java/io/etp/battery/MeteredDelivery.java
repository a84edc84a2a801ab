package io.etp.battery;

import io.etp.money.EnergyKwh;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How a device battery (a device attached at an edge, not the simulated meter) delivers its trades: by the energy its
 * meter reported for each period ({@code metered_delivered_kwh} in a BESSStatus). Pure: no clock, no actor.
 *
 * <p><b>Splitting a reading over a period's trades.</b> A reading is for a whole period. It is given to the period's
 * discharges in the schedule's order ({@link DeliverySchedule#pending}: by trade id), each taking up to its committed
 * energy, until the reading is used up: 5 kWh over trades {@code a} (3 kWh) and {@code b} (4 kWh) meters {@code a}
 * 3 kWh and {@code b} 2 kWh. Energy above the period's commitments is not counted. A charge (the battery buying) is
 * not covered by the reading and is metered as committed.
 *
 * <p><b>No reading.</b> A period without a reading waits for one until its end plus the grace; then its discharges
 * are metered 0 (the whole commitment is a shortfall). Periods are delivered in the order they end
 * ({@link DeliverySchedule#deliverDue}), so a period waiting for its reading also holds back those ending at or after
 * it.
 */
public final class MeteredDelivery {

  private MeteredDelivery() {
  }

  /**
   * The instant up to which the schedule can be delivered at {@code now} ({@link DeliverySchedule#deliverDue}'s
   * {@code now}): {@code now}, or just before the end of the earliest ended period that has no reading and whose
   * grace has not run out.
   */
  public static Instant deliverableUpTo(DeliverySchedule schedule, Map<DeliveryPeriod, EnergyKwh> readings,
      Instant now, Duration grace) {
    Objects.requireNonNull(grace, "grace");
    Instant upTo = now;
    for (DeliverySchedule.Commitment c : schedule.pending()) {
      Instant end = c.period().end();
      boolean ended = !end.isAfter(now);
      boolean waiting = ended && c.direction() == DeliverySchedule.Direction.DISCHARGE
          && !readings.containsKey(c.period()) && end.plus(grace).isAfter(now);
      if (waiting && !end.isAfter(upTo)) upTo = end.minusNanos(1);
    }
    return upTo;
  }

  /**
   * The meter of a device battery: each discharge of a period with a reading gets its share of it (see the class
   * comment), each discharge of a period without one 0, each charge its committed energy.
   */
  public static DeliverySchedule.Meter meter(DeliverySchedule schedule, Map<DeliveryPeriod, EnergyKwh> readings) {
    Map<DeliveryPeriod, EnergyKwh> left = new HashMap<>(readings);
    Map<String, EnergyKwh> shares = new HashMap<>();
    for (DeliverySchedule.Commitment c : schedule.pending()) {
      if (c.direction() != DeliverySchedule.Direction.DISCHARGE) continue;
      EnergyKwh remaining = left.get(c.period());
      if (remaining == null) {
        shares.put(c.tradeId(), EnergyKwh.ZERO);
        continue;
      }
      EnergyKwh share = remaining.compareTo(c.energyKwh()) <= 0 ? remaining : c.energyKwh();
      shares.put(c.tradeId(), share);
      left.put(c.period(), remaining.minus(share));
    }
    return c -> c.direction() == DeliverySchedule.Direction.CHARGE ? c.energyKwh()
        : shares.getOrDefault(c.tradeId(), EnergyKwh.ZERO);
  }

  /**
   * The battery's delivery reputation, 0..1, from what its discharges delivered and fell short of, in kWh, counting
   * 1 kWh delivered in its favour (a newcomer starts at 1, a small shortfall does not ruin it):
   * {@code (delivered + 1) / (delivered + shortfall + 1)}. Derived from the schedule's totals, which the journal's
   * {@code Delivered} events rebuild, so the reputation after recovery is the live one.
   */
  public static double reputation(DeliverySchedule.Totals discharged) {
    double delivered = discharged.deliveredKwh().toDouble();
    double shortfall = discharged.shortfallKwh().toDouble();
    return (delivered + 1.0) / (delivered + shortfall + 1.0);
  }
}
