package io.etp.battery;

import io.etp.money.Amount;
import io.etp.money.EnergyKwh;
import io.etp.money.MarketCurrency;
import io.etp.money.PriceCPerKwh;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A battery's schedule per delivery period: the energy committed to trades, the state of charge planned for the
 * periods ahead and measured at the last delivery. Immutable and pure (no clock: the caller passes {@code now}).
 *
 * <p><b>Committing.</b> {@link #commit} refuses energy the schedule cannot deliver. Within a period the order of
 * its charges and discharges is unknown, so the check is the worst case: at every instant the planned state of
 * charge, counting every discharge of a period from its start and every charge only from its end, stays at or above
 * the minimum; counting every charge from its start and every discharge only from its end, it stays at or below the
 * capacity. Charges store {@code energy x efficiency} ({@link StorageLimits#stored}). The power limit: at every
 * instant the commitments of the periods running then, each as its energy over its length, add up to at most the
 * power limit, each direction on its own.
 *
 * <p><b>Delivering.</b> {@link #deliverDue} delivers every period that has ended, in the order they end, each trade
 * as the {@link Meter} reports it (a simulated battery: its committed energy; a device: its metered kWh). What is
 * delivered is the metered energy, at most the committed energy (over-delivery is not counted), and at most what the
 * battery can physically move: a discharge never takes the state of charge under the minimum, a charge never stores
 * above the capacity. The shortfall of each trade is {@code committed - delivered}, so {@code committed = delivered +
 * shortfall} always. The measured state of charge after a delivery is the one before plus what the charges stored
 * minus what the discharges delivered.
 */
public final class DeliverySchedule {

  /** Which way a trade moves energy: the battery sells (discharges) or buys to charge. */
  public enum Direction { DISCHARGE, CHARGE }

  /**
   * Energy committed to one trade for one period, at the trade's price when known (a trade, not a plan; empty in
   * commitments saved before the price was kept).
   */
  public record Commitment(String tradeId, DeliveryPeriod period, Direction direction, EnergyKwh energyKwh,
      Optional<PriceCPerKwh> priceCPerKwh) {

    /** A commitment without a price (a check, a plan). */
    public Commitment(String tradeId, DeliveryPeriod period, Direction direction, EnergyKwh energyKwh) {
      this(tradeId, period, direction, energyKwh, Optional.empty());
    }

    public Commitment {
      Objects.requireNonNull(priceCPerKwh, "price (c/kWh), or empty");
      Objects.requireNonNull(tradeId, "trade id");
      Objects.requireNonNull(period, "delivery period");
      Objects.requireNonNull(direction, "direction");
      Objects.requireNonNull(energyKwh, "energy (kWh)");
      if (energyKwh.isZero()) throw new IllegalArgumentException("trade " + tradeId + " commits no energy");
    }
  }

  /** One trade delivered: {@code committedKwh = deliveredKwh + shortfallKwh}. */
  public record Delivery(Commitment commitment, EnergyKwh meteredKwh, EnergyKwh deliveredKwh,
      EnergyKwh shortfallKwh) {

    /**
     * What the trade pays: the delivered energy (not the committed) x the trade's price, rounded once to the
     * currency's minor unit ({@link Amount#of}); empty when the commitment has no price.
     */
    public Optional<Amount> amountDue(MarketCurrency currency) {
      return commitment.priceCPerKwh().map(p -> Amount.of(deliveredKwh, p, currency));
    }
  }

  /** Why a commitment was refused. */
  public enum Refusal {
    /** The period has started (or ended): it can take no new commitments. */
    PERIOD_STARTED,
    /** The trade id is already in the schedule. */
    DUPLICATE_TRADE,
    /** More than the power limit in the period. */
    POWER_LIMIT,
    /** The state of charge would go under the minimum. */
    BELOW_MINIMUM_CHARGE,
    /** The state of charge would go above the capacity. */
    ABOVE_CAPACITY
  }

  public sealed interface CommitResult {
    record Committed(DeliverySchedule schedule) implements CommitResult {}
    record Refused(Refusal refusal, String detail) implements CommitResult {}
  }

  /** Reports what a trade actually delivered. */
  @FunctionalInterface
  public interface Meter {
    EnergyKwh meteredKwh(Commitment commitment);

    /** A simulated battery: delivers what it committed. */
    Meter SIMULATED = Commitment::energyKwh;
  }

  /** The result of {@link #deliverDue}: the schedule after and the trades delivered, in delivery order. */
  public record Delivered(DeliverySchedule schedule, List<Delivery> deliveries) {
    public Delivered { deliveries = List.copyOf(deliveries); }
  }

  /** Running totals since the schedule started, per direction (the conservation law is checked on these). */
  public record Totals(EnergyKwh committedKwh, EnergyKwh deliveredKwh, EnergyKwh shortfallKwh) {
    public static final Totals ZERO = new Totals(EnergyKwh.ZERO, EnergyKwh.ZERO, EnergyKwh.ZERO);

    Totals plusDelivery(Delivery d) {
      return new Totals(committedKwh, deliveredKwh.plus(d.deliveredKwh()), shortfallKwh.plus(d.shortfallKwh()));
    }

    Totals plusCommitted(EnergyKwh e) {
      return new Totals(committedKwh.plus(e), deliveredKwh, shortfallKwh);
    }
  }

  private static final Comparator<Commitment> BY_PERIOD_THEN_ID = Comparator
      .comparing(Commitment::period).thenComparing(Commitment::tradeId);

  private final StorageLimits limits;
  private final EnergyKwh measuredKwh;
  private final Instant measuredAt;
  private final List<Commitment> pending; // sorted by period, then trade id
  private final Totals discharged;
  private final Totals charged;
  private final EnergyKwh storedKwh;

  private DeliverySchedule(StorageLimits limits, EnergyKwh measuredKwh, Instant measuredAt, List<Commitment> pending,
      Totals discharged, Totals charged, EnergyKwh storedKwh) {
    this.limits = limits;
    this.measuredKwh = measuredKwh;
    this.measuredAt = measuredAt;
    this.pending = List.copyOf(pending);
    this.discharged = discharged;
    this.charged = charged;
    this.storedKwh = storedKwh;
  }

  /**
   * An empty schedule for a battery holding {@code measuredKwh} at {@code measuredAt}.
   *
   * @throws IllegalArgumentException when the measured energy is outside [minimum, capacity]
   */
  public static DeliverySchedule start(StorageLimits limits, EnergyKwh measuredKwh, Instant measuredAt) {
    Objects.requireNonNull(limits, "limits");
    if (measuredKwh.compareTo(limits.capacityKwh()) > 0) {
      throw new IllegalArgumentException("state of charge " + measuredKwh + " kWh > capacity " + limits.capacityKwh()
          + " kWh");
    }
    return new DeliverySchedule(limits, measuredKwh, measuredAt, List.of(), Totals.ZERO, Totals.ZERO,
        EnergyKwh.ZERO);
  }

  /**
   * Commits {@code c} when the schedule can deliver it at {@code now}, else says why not.
   */
  public CommitResult commit(Commitment c, Instant now) {
    if (c.period().hasStarted(now) || !c.period().end().isAfter(measuredAt)) {
      return new CommitResult.Refused(Refusal.PERIOD_STARTED, "period " + c.period() + " has started at " + now);
    }
    if (pending.stream().anyMatch(p -> p.tradeId().equals(c.tradeId()))) {
      return new CommitResult.Refused(Refusal.DUPLICATE_TRADE, "trade " + c.tradeId() + " already scheduled");
    }
    EnergyKwh power = powerRoom(c.period(), c.direction());
    if (c.energyKwh().compareTo(power) > 0) {
      return new CommitResult.Refused(Refusal.POWER_LIMIT, c.energyKwh() + " kWh > " + power + " kWh the power limit "
          + limits.powerKw().toPlainString() + " kW leaves in " + c.period());
    }
    if (c.direction() == Direction.DISCHARGE) {
      EnergyKwh room = dischargeRoom(c.period());
      if (c.energyKwh().compareTo(room) > 0) {
        return new CommitResult.Refused(Refusal.BELOW_MINIMUM_CHARGE, c.energyKwh() + " kWh > " + room
            + " kWh above the minimum state of charge " + limits.minimumKwh() + " kWh in " + c.period());
      }
    } else {
      EnergyKwh room = storeRoom(c.period());
      EnergyKwh stored = limits.stored(c.energyKwh());
      if (stored.compareTo(room) > 0) {
        return new CommitResult.Refused(Refusal.ABOVE_CAPACITY, "charging " + c.energyKwh() + " kWh stores " + stored
            + " kWh > " + room + " kWh below the capacity " + limits.capacityKwh() + " kWh in " + c.period());
      }
    }
    List<Commitment> next = new ArrayList<>(pending);
    next.add(c);
    next.sort(BY_PERIOD_THEN_ID);
    return new CommitResult.Committed(new DeliverySchedule(limits, measuredKwh, measuredAt, next,
        c.direction() == Direction.DISCHARGE ? discharged.plusCommitted(c.energyKwh()) : discharged,
        c.direction() == Direction.CHARGE ? charged.plusCommitted(c.energyKwh()) : charged, storedKwh));
  }

  /**
   * Adds {@code c} without the checks of {@link #commit}: for applying a commitment already decided (an event being
   * applied or replayed; a trade persisted before the schedule existed may not fit, and delivery then falls short).
   */
  public DeliverySchedule accept(Commitment c) {
    if (pending.stream().anyMatch(p -> p.tradeId().equals(c.tradeId()))) return this;
    List<Commitment> next = new ArrayList<>(pending);
    next.add(c);
    next.sort(BY_PERIOD_THEN_ID);
    return new DeliverySchedule(limits, measuredKwh, measuredAt, next,
        c.direction() == Direction.DISCHARGE ? discharged.plusCommitted(c.energyKwh()) : discharged,
        c.direction() == Direction.CHARGE ? charged.plusCommitted(c.energyKwh()) : charged, storedKwh);
  }

  /**
   * This schedule with new limits and a new measured state of charge (a battery registering again), its pending
   * commitments kept. The measured energy is capped at the capacity.
   */
  public DeliverySchedule remeasured(StorageLimits newLimits, EnergyKwh socKwh, Instant at) {
    EnergyKwh soc = min(socKwh, newLimits.capacityKwh());
    return new DeliverySchedule(newLimits, soc, at.isAfter(measuredAt) ? at : measuredAt, pending, discharged,
        charged, storedKwh);
  }

  /** A schedule as it was saved (a snapshot); no checks beyond the types'. */
  public static DeliverySchedule restore(StorageLimits limits, EnergyKwh measuredKwh, Instant measuredAt,
      List<Commitment> pending, Totals discharged, Totals charged, EnergyKwh storedKwh) {
    List<Commitment> sorted = new ArrayList<>(pending);
    sorted.sort(BY_PERIOD_THEN_ID);
    return new DeliverySchedule(limits, measuredKwh, measuredAt, sorted, discharged, charged, storedKwh);
  }

  /** The most energy one more discharge in {@code period} could commit (power limit and minimum state of charge). */
  public EnergyKwh dischargeable(DeliveryPeriod period) {
    return min(powerRoom(period, Direction.DISCHARGE), dischargeRoom(period));
  }

  /** The most grid energy one more charge in {@code period} could commit (power limit and capacity). */
  public EnergyKwh chargeable(DeliveryPeriod period) {
    return min(powerRoom(period, Direction.CHARGE), limits.chargeFitting(storeRoom(period)));
  }

  /**
   * Delivers every period that has ended by {@code now}, in the order they end, as {@code meter} reports each trade.
   */
  public Delivered deliverDue(Instant now, Meter meter) {
    List<Commitment> due = new ArrayList<>();
    List<Commitment> rest = new ArrayList<>();
    for (Commitment c : pending) (c.period().end().isAfter(now) ? rest : due).add(c);
    if (due.isEmpty()) return new Delivered(this, List.of());
    due.sort(Comparator.comparing((Commitment c) -> c.period().end()).thenComparing(BY_PERIOD_THEN_ID));
    BigDecimal soc = measuredKwh.value();
    Totals dis = discharged;
    Totals chg = charged;
    EnergyKwh stored = storedKwh;
    Instant at = measuredAt;
    List<Delivery> deliveries = new ArrayList<>();
    for (Commitment c : due) {
      EnergyKwh metered = Objects.requireNonNull(meter.meteredKwh(c), "metered energy of " + c.tradeId());
      EnergyKwh delivered = min(metered, c.energyKwh());
      if (c.direction() == Direction.DISCHARGE) {
        delivered = min(delivered, new EnergyKwh(soc.subtract(limits.minimumKwh().value()).max(BigDecimal.ZERO)));
        soc = soc.subtract(delivered.value());
      } else {
        EnergyKwh room = new EnergyKwh(limits.capacityKwh().value().subtract(soc).max(BigDecimal.ZERO));
        if (limits.stored(delivered).compareTo(room) > 0) delivered = limits.chargeFitting(room);
        EnergyKwh s = limits.stored(delivered);
        soc = soc.add(s.value());
        stored = stored.plus(s);
      }
      Delivery d = new Delivery(c, metered, delivered, c.energyKwh().minus(delivered));
      deliveries.add(d);
      if (c.direction() == Direction.DISCHARGE) dis = dis.plusDelivery(d); else chg = chg.plusDelivery(d);
      if (c.period().end().isAfter(at)) at = c.period().end();
    }
    return new Delivered(new DeliverySchedule(limits, new EnergyKwh(soc), at, rest, dis, chg, stored), deliveries);
  }

  /**
   * The planned state of charge at {@code t} if every pending trade delivers as committed, taking the order within
   * a running period as the worst case towards the minimum (the bound {@link #commit} keeps at or above it).
   */
  public EnergyKwh plannedLowestKwh(Instant t) {
    return new EnergyKwh(lower(t).max(BigDecimal.ZERO));
  }

  /**
   * The planned state of charge once every pending trade has delivered as committed (never under zero: a trade
   * accepted before the schedule existed may plan more than is stored).
   */
  public EnergyKwh plannedFinalKwh() {
    BigDecimal soc = measuredKwh.value();
    for (Commitment c : pending) {
      soc = c.direction() == Direction.DISCHARGE ? soc.subtract(c.energyKwh().value())
          : soc.add(limits.stored(c.energyKwh()).value());
    }
    return new EnergyKwh(soc.max(BigDecimal.ZERO));
  }

  public StorageLimits limits() { return limits; }

  /** The state of charge measured at the last delivery (or at the start). */
  public EnergyKwh measuredKwh() { return measuredKwh; }

  /** When {@link #measuredKwh} was measured: the end of the last period delivered, or the start. */
  public Instant measuredAt() { return measuredAt; }

  /** The commitments not delivered yet, by period then trade id. */
  public List<Commitment> pending() { return pending; }

  public Totals discharged() { return discharged; }

  public Totals charged() { return charged; }

  /** Energy stored by the charges delivered so far (after the efficiency). */
  public EnergyKwh storedKwh() { return storedKwh; }

  // ---------------------------------------------------------------- the worst-case bounds

  /** Lowest possible planned state of charge at {@code t}: discharges count from their start, charges from their end. */
  private BigDecimal lower(Instant t) {
    BigDecimal soc = measuredKwh.value();
    for (Commitment c : pending) {
      if (c.direction() == Direction.DISCHARGE && !c.period().start().isAfter(t)) {
        soc = soc.subtract(c.energyKwh().value());
      } else if (c.direction() == Direction.CHARGE && !c.period().end().isAfter(t)) {
        soc = soc.add(limits.stored(c.energyKwh()).value());
      }
    }
    return soc;
  }

  /** Highest possible planned state of charge at {@code t}: charges count from their start, discharges from their end. */
  private BigDecimal upper(Instant t) {
    BigDecimal soc = measuredKwh.value();
    for (Commitment c : pending) {
      if (c.direction() == Direction.CHARGE && !c.period().start().isAfter(t)) {
        soc = soc.add(limits.stored(c.energyKwh()).value());
      } else if (c.direction() == Direction.DISCHARGE && !c.period().end().isAfter(t)) {
        soc = soc.subtract(c.energyKwh().value());
      }
    }
    return soc;
  }

  /** The instants from {@code period}'s start on where a bound can reach its extreme: period starts. */
  private TreeSet<Instant> checkpointsFrom(DeliveryPeriod period) {
    TreeSet<Instant> points = new TreeSet<>();
    points.add(period.start());
    for (Commitment c : pending) {
      if (c.period().start().isAfter(period.start())) points.add(c.period().start());
    }
    return points;
  }

  /** More discharge in {@code period} lowers the lower bound from its start on by as much. */
  private EnergyKwh dischargeRoom(DeliveryPeriod period) {
    BigDecimal room = null;
    for (Instant t : checkpointsFrom(period)) {
      BigDecimal r = lower(t).subtract(limits.minimumKwh().value());
      room = room == null ? r : room.min(r);
    }
    return new EnergyKwh(room.max(BigDecimal.ZERO));
  }

  /** More charge in {@code period} raises the upper bound from its start on by what it stores. */
  private EnergyKwh storeRoom(DeliveryPeriod period) {
    BigDecimal room = null;
    for (Instant t : checkpointsFrom(period)) {
      BigDecimal r = limits.capacityKwh().value().subtract(upper(t));
      room = room == null ? r : room.min(r);
    }
    return new EnergyKwh(room.max(BigDecimal.ZERO));
  }

  /**
   * The energy one more commitment in {@code period} and {@code direction} may have under the power limit: at each
   * instant in the period where a running period starts, the power left is the limit minus the average power of
   * the commitments running then (energy x 3600 / length in seconds, exact for the products on the list); the
   * least of these over the period, times its length, rounded down to the Wh.
   */
  private EnergyKwh powerRoom(DeliveryPeriod period, Direction direction) {
    TreeSet<Instant> points = new TreeSet<>();
    points.add(period.start());
    for (Commitment c : pending) {
      Instant s = c.period().start();
      if (s.isAfter(period.start()) && s.isBefore(period.end())) points.add(s);
    }
    BigDecimal leastLeftKw = limits.powerKw();
    for (Instant t : points) {
      BigDecimal usedKw = BigDecimal.ZERO;
      for (Commitment c : pending) {
        if (c.direction() == direction && !c.period().start().isAfter(t) && c.period().end().isAfter(t)) {
          // every product's length divides an hour (DeliveryPeriod.PRODUCTS), so this is exact
          usedKw = usedKw.add(c.energyKwh().value()
              .multiply(BigDecimal.valueOf(3600 / c.period().length().toSeconds())));
        }
      }
      leastLeftKw = leastLeftKw.min(limits.powerKw().subtract(usedKw));
    }
    BigDecimal kwh = leastLeftKw.max(BigDecimal.ZERO).multiply(BigDecimal.valueOf(period.length().toSeconds()))
        .divide(BigDecimal.valueOf(3600), EnergyKwh.SCALE, RoundingMode.DOWN);
    return new EnergyKwh(kwh);
  }

  private static EnergyKwh min(EnergyKwh a, EnergyKwh b) { return a.compareTo(b) <= 0 ? a : b; }

  @Override
  public boolean equals(Object o) {
    return o instanceof DeliverySchedule d && limits.equals(d.limits) && measuredKwh.equals(d.measuredKwh)
        && measuredAt.equals(d.measuredAt) && pending.equals(d.pending) && discharged.equals(d.discharged)
        && charged.equals(d.charged) && storedKwh.equals(d.storedKwh);
  }

  @Override
  public int hashCode() {
    return Objects.hash(limits, measuredKwh, measuredAt, pending, discharged, charged, storedKwh);
  }

  @Override
  public String toString() {
    return "DeliverySchedule[measured " + measuredKwh + " kWh at " + measuredAt + ", pending " + pending
        + ", discharged " + discharged + ", charged " + charged + ", stored " + storedKwh + " kWh, " + limits + "]";
  }
}
