package io.etp.fleet;

import io.etp.battery.StorageLimits;
import io.etp.money.EnergyKwh;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * What one simulated battery does at each re-offer, from its measured energy, its limits and a price signal for the
 * simulated day: a simple stated rule, not the LP dispatch.
 *
 * <p><b>The rule.</b> The 24 hours of the day's price signal are ranked by price (ties: the earlier hour first).
 * <ul>
 *   <li>In the {@code chargeHours} cheapest hours the battery charges as much as it can before its next offer: at
 *       most {@code powerKw x step} from the grid, and no more than its capacity leaves room for once stored
 *       ({@link StorageLimits#stored}: the round-trip loss is counted on charging).</li>
 *   <li>In the {@code peakHours} dearest hours it offers everything above its minimum state of charge.</li>
 *   <li>In every other hour (the cheap ones included, so a fleet trades from its first minute) it offers only what
 *       is above a reserve: the minimum plus {@code holdShare} of the usable energy (capacity minus minimum), kept
 *       for the dear hours.</li>
 * </ul>
 * The energy offered is what the battery has after its charge, less what it has sold and not yet delivered, less
 * the reserve; never negative.
 */
public final class SimulatedBatteryPlan {

  /** Hours of the day charged in, offered all in, and the usable share held in the others. */
  public record Rule(int chargeHours, int peakHours, BigDecimal holdShare) {
    /** @throws IllegalArgumentException when the hours overlap or do not fit in a day, or the share is outside 0..1 */
    public Rule {
      Objects.requireNonNull(holdShare, "hold share");
      if (chargeHours < 0 || peakHours < 0 || chargeHours + peakHours > 24) {
        throw new IllegalArgumentException("charge hours (" + chargeHours + ") and peak hours (" + peakHours
            + ") must be >= 0 and fit in 24 hours together");
      }
      if (holdShare.signum() < 0 || holdShare.compareTo(BigDecimal.ONE) > 0) {
        throw new IllegalArgumentException("hold share must be in 0..1, got " + holdShare);
      }
    }

    /** Charge in the 6 cheapest hours, offer all in the 6 dearest, hold half of the usable energy in between. */
    public static final Rule DEFAULT = new Rule(6, 6, new BigDecimal("0.5"));
  }

  /** The kind of hour the rule makes of an hour of the day. */
  public enum Hour { CHARGE, HOLD, PEAK }

  /**
   * One re-offer's decision.
   *
   * @param hour the kind of hour it was decided in
   * @param chargedKwh energy taken from the grid before the next offer
   * @param storedKwh what that charge stores ({@code chargedKwh x efficiency}, rounded down to the Wh)
   * @param energyKwh the battery's measured energy after the charge: what it registers with
   * @param reserveKwh the energy it keeps (not offered)
   * @param offerKwh the energy it offers: {@code energyKwh - committedKwh - reserveKwh}, at least zero
   */
  public record Decision(Hour hour, EnergyKwh chargedKwh, EnergyKwh storedKwh, EnergyKwh energyKwh,
      EnergyKwh reserveKwh, EnergyKwh offerKwh) {

    /**
     * The offer as the wire's percentage for sale of the energy the twin counts as stored ({@code plannedKwh}, the
     * energy after the trades not yet delivered): 0..100.
     */
    public double percentageForSale(EnergyKwh plannedKwh) {
      if (plannedKwh.isZero() || offerKwh.isZero()) return 0.0;
      return Math.min(100.0, offerKwh.value().multiply(BigDecimal.valueOf(100))
          .divide(plannedKwh.value(), 6, RoundingMode.DOWN).doubleValue());
    }
  }

  /**
   * What a simulated battery measures before a re-offer.
   *
   * @param measuredKwh the energy it holds: its twin's schedule once every period ended by then has delivered what
   *     it committed (a simulated battery delivers in full), at most the capacity
   * @param committedKwh energy it has sold and not delivered yet (net of charges bought), at most the measured
   */
  public record Reading(EnergyKwh measuredKwh, EnergyKwh committedKwh) {

    /** A battery never registered: it arrives fully charged, nothing sold. */
    public static Reading full(StorageLimits limits) { return new Reading(limits.capacityKwh(), EnergyKwh.ZERO); }

    /** The reading from a twin's {@code schedule} at {@code now}. */
    public static Reading of(io.etp.battery.DeliverySchedule schedule, StorageLimits limits, java.time.Instant now) {
      io.etp.battery.DeliverySchedule delivered =
          schedule.deliverDue(now, io.etp.battery.DeliverySchedule.Meter.SIMULATED).schedule();
      EnergyKwh measured = min(delivered.measuredKwh(), limits.capacityKwh());
      return new Reading(measured, measured.minus(min(delivered.plannedFinalKwh(), measured)));
    }
  }

  private static EnergyKwh min(EnergyKwh a, EnergyKwh b) { return a.compareTo(b) <= 0 ? a : b; }

  private final StorageLimits limits;
  private final Hour[] hours = new Hour[24];
  private final EnergyKwh chargePerStepKwh;
  private final EnergyKwh holdReserveKwh;

  /**
   * @param limits the battery's limits (the twin's {@link StorageLimits})
   * @param hourlyPricesCPerKwh the price signal: 24 prices, one per hour of the simulated day, c/kWh
   * @param step the simulated time between two re-offers of this battery (the time it may charge for)
   * @throws IllegalArgumentException for a signal that is not 24 finite prices, or a step that is not positive
   */
  public SimulatedBatteryPlan(StorageLimits limits, double[] hourlyPricesCPerKwh, Duration step, Rule rule) {
    this.limits = Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(rule, "rule");
    if (hourlyPricesCPerKwh == null || hourlyPricesCPerKwh.length != 24
        || Arrays.stream(hourlyPricesCPerKwh).anyMatch(p -> !Double.isFinite(p))) {
      throw new IllegalArgumentException("price signal must be 24 finite hourly prices (c/kWh), got "
          + Arrays.toString(hourlyPricesCPerKwh));
    }
    if (step == null || step.isNegative() || step.isZero()) {
      throw new IllegalArgumentException("step between re-offers must be > 0, got " + step);
    }
    Integer[] byPrice = IntStream.range(0, 24).boxed()
        .sorted(Comparator.comparingDouble((Integer h) -> hourlyPricesCPerKwh[h]).thenComparing(h -> h))
        .toArray(Integer[]::new);
    Arrays.fill(hours, Hour.HOLD);
    for (int k = 0; k < rule.chargeHours(); k++) hours[byPrice[k]] = Hour.CHARGE;
    for (int k = 0; k < rule.peakHours(); k++) hours[byPrice[23 - k]] = Hour.PEAK;
    this.chargePerStepKwh = limits.perPeriodKwh(step);
    BigDecimal usable = limits.capacityKwh().value().subtract(limits.minimumKwh().value());
    this.holdReserveKwh = new EnergyKwh(limits.minimumKwh().value()
        .add(usable.multiply(rule.holdShare()).setScale(EnergyKwh.SCALE, RoundingMode.DOWN)));
  }

  /** The kind of hour {@code hourOfDay} (0..23) is. */
  public Hour hour(int hourOfDay) {
    if (hourOfDay < 0 || hourOfDay > 23) throw new IllegalArgumentException("hour of day must be 0..23, got " + hourOfDay);
    return hours[hourOfDay];
  }

  /**
   * The decision at {@code hourOfDay} for a battery that measures {@code measuredKwh} and has sold
   * {@code committedKwh} not delivered yet.
   *
   * @throws IllegalArgumentException when the measured energy is above the capacity
   */
  public Decision decide(int hourOfDay, EnergyKwh measuredKwh, EnergyKwh committedKwh) {
    Hour kind = hour(hourOfDay);
    Objects.requireNonNull(committedKwh, "committed energy");
    if (measuredKwh.compareTo(limits.capacityKwh()) > 0) {
      throw new IllegalArgumentException("measured energy " + measuredKwh + " kWh > capacity "
          + limits.capacityKwh() + " kWh");
    }
    EnergyKwh charged = EnergyKwh.ZERO;
    if (kind == Hour.CHARGE) {
      EnergyKwh fitting = limits.chargeFitting(limits.capacityKwh().minus(measuredKwh));
      charged = fitting.compareTo(chargePerStepKwh) < 0 ? fitting : chargePerStepKwh;
    }
    EnergyKwh stored = limits.stored(charged);
    EnergyKwh energy = measuredKwh.plus(stored);
    EnergyKwh reserve = kind == Hour.PEAK ? limits.minimumKwh() : holdReserveKwh;
    BigDecimal offer = energy.value().subtract(committedKwh.value()).subtract(reserve.value()).max(BigDecimal.ZERO);
    return new Decision(kind, charged, stored, energy, reserve, new EnergyKwh(offer));
  }

  /**
   * A stated default price signal for the simulated day, c/kWh, shaped like the synthetic market's (cheap at night,
   * peaks at 08:00 and 19:00, a smaller one at midday) around its 16 c/kWh level.
   */
  public static double[] defaultPricesCPerKwh() {
    double[] prices = new double[24];
    for (int h = 0; h < 24; h++) {
      double morning = Math.exp(-Math.pow((h - 8) / 2.0, 2));
      double evening = Math.exp(-Math.pow((h - 19) / 2.5, 2));
      double midday = 0.45 * Math.exp(-Math.pow((h - 13) / 3.0, 2));
      prices[h] = 16.0 + 4.0 * (Math.min(1, morning + evening + midday) - 0.5);
    }
    return prices;
  }
}
