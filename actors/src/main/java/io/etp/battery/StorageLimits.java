package io.etp.battery;

import io.etp.money.EnergyKwh;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Objects;

/**
 * What a battery's schedule may never exceed: its capacity, its minimum state of charge, its power limit and its
 * round-trip efficiency.
 *
 * <p><b>The efficiency rule.</b> All of the round-trip loss is counted on charging: charging {@code E} kWh from the
 * grid stores {@code E x efficiency} kWh, rounded DOWN to the Wh (never more than was stored); discharging delivers
 * from storage one to one. Rounding is per charge, once.
 *
 * @param capacityKwh the most energy the battery may hold
 * @param minimumKwh the least energy it may hold (minimum state of charge); at most the capacity
 * @param powerKw the most power in either direction; a period of length L moves at most {@code powerKw x L} kWh
 *     each way, rounded DOWN to the Wh
 * @param roundTripEfficiency in (0, 1]
 */
public record StorageLimits(
    EnergyKwh capacityKwh, EnergyKwh minimumKwh, BigDecimal powerKw, BigDecimal roundTripEfficiency) {

  private static final BigDecimal SECONDS_PER_HOUR = BigDecimal.valueOf(3600);

  /** @throws IllegalArgumentException for a minimum above capacity, a negative power or an efficiency outside (0, 1] */
  public StorageLimits {
    Objects.requireNonNull(capacityKwh, "capacity");
    Objects.requireNonNull(minimumKwh, "minimum state of charge");
    Objects.requireNonNull(powerKw, "power limit (kW)");
    Objects.requireNonNull(roundTripEfficiency, "round-trip efficiency");
    if (minimumKwh.compareTo(capacityKwh) > 0) {
      throw new IllegalArgumentException("minimum state of charge " + minimumKwh + " kWh > capacity " + capacityKwh
          + " kWh");
    }
    if (powerKw.signum() < 0) throw new IllegalArgumentException("power limit (kW) must be >= 0, got " + powerKw);
    if (roundTripEfficiency.signum() <= 0 || roundTripEfficiency.compareTo(BigDecimal.ONE) > 0) {
      throw new IllegalArgumentException("round-trip efficiency must be in (0, 1], got " + roundTripEfficiency);
    }
  }

  /** The most energy one direction can move in a period of {@code length}: kW x hours, rounded down to the Wh. */
  public EnergyKwh perPeriodKwh(Duration length) {
    BigDecimal kwh = powerKw.multiply(BigDecimal.valueOf(length.toSeconds()))
        .divide(SECONDS_PER_HOUR, EnergyKwh.SCALE, RoundingMode.DOWN);
    return new EnergyKwh(kwh);
  }

  /** The energy stored by charging {@code chargedKwh} from the grid (the efficiency rule). */
  public EnergyKwh stored(EnergyKwh chargedKwh) {
    return new EnergyKwh(chargedKwh.value().multiply(roundTripEfficiency).setScale(EnergyKwh.SCALE, RoundingMode.DOWN));
  }

  /** The most grid energy whose stored part fits in {@code roomKwh}: {@code stored(result) <= roomKwh}. */
  public EnergyKwh chargeFitting(EnergyKwh roomKwh) {
    // stored(e) = e x efficiency rounded down fits while e x efficiency < room + 1 Wh: start from that bound and
    // step by a Wh to the largest e that fits (at most a few steps: the bound is within a Wh or two)
    BigDecimal wh = BigDecimal.ONE.movePointLeft(EnergyKwh.SCALE);
    BigDecimal e = roomKwh.value().add(wh).divide(roundTripEfficiency, EnergyKwh.SCALE, RoundingMode.DOWN);
    while (e.signum() > 0 && stored(new EnergyKwh(e)).compareTo(roomKwh) > 0) e = e.subtract(wh);
    while (stored(new EnergyKwh(e.add(wh))).compareTo(roomKwh) <= 0) e = e.add(wh);
    return new EnergyKwh(e);
  }
}
