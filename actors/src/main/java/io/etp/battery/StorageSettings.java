package io.etp.battery;

import com.typesafe.config.Config;
import io.etp.money.EnergyKwh;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;

/**
 * How every battery twin's schedule is limited, read once from {@code etp.battery.storage}: the minimum state of
 * charge as a share of the capacity, the power limit, the round-trip efficiency, and the product length a trade
 * is delivered in until the wire names its period ({@link DeliveryPeriod#nextAfter}).
 *
 * @param minStateOfChargePercent 0..100 of the capacity never discharged
 * @param powerKw the most power in either direction
 * @param roundTripEfficiency in (0, 1], counted on charging ({@link StorageLimits})
 * @param product the delivery period's length, from {@link DeliveryPeriod#PRODUCTS}
 * @param deliveryCheck the longest a twin with pending trades waits before it looks again whether a period has
 *     ended (it also wakes exactly at the end of its earliest pending period)
 * @param meterGrace how long after a period's end a device battery's meter reading for it is awaited; without one
 *     by then its discharges deliver 0 ({@link MeteredDelivery})
 */
public record StorageSettings(
    BigDecimal minStateOfChargePercent, BigDecimal powerKw, BigDecimal roundTripEfficiency, Duration product,
    Duration deliveryCheck, Duration meterGrace) {

  /** As in reference.conf; also the limits of a battery registered before the schedule existed. */
  public static final StorageSettings DEFAULTS = new StorageSettings(BigDecimal.ZERO, new BigDecimal("200"),
      new BigDecimal("0.9"), DeliveryPeriod.DEFAULT_PRODUCT);

  /** With the default {@code deliveryCheck} of 30 s. */
  public StorageSettings(
      BigDecimal minStateOfChargePercent, BigDecimal powerKw, BigDecimal roundTripEfficiency, Duration product) {
    this(minStateOfChargePercent, powerKw, roundTripEfficiency, product, Duration.ofSeconds(30));
  }

  /** With the default {@code meterGrace} of 2 min. */
  public StorageSettings(BigDecimal minStateOfChargePercent, BigDecimal powerKw, BigDecimal roundTripEfficiency,
      Duration product, Duration deliveryCheck) {
    this(minStateOfChargePercent, powerKw, roundTripEfficiency, product, deliveryCheck, Duration.ofMinutes(2));
  }

  /** @throws IllegalArgumentException naming the setting that is out of range */
  public StorageSettings {
    if (minStateOfChargePercent.signum() < 0 || minStateOfChargePercent.compareTo(BigDecimal.valueOf(100)) > 0) {
      throw new IllegalArgumentException("etp.battery.storage.min-state-of-charge-percent must be in 0..100, got "
          + minStateOfChargePercent);
    }
    if (powerKw.signum() <= 0) {
      throw new IllegalArgumentException("etp.battery.storage.power-kw must be > 0, got " + powerKw);
    }
    if (roundTripEfficiency.signum() <= 0 || roundTripEfficiency.compareTo(BigDecimal.ONE) > 0) {
      throw new IllegalArgumentException("etp.battery.storage.round-trip-efficiency must be in (0, 1], got "
          + roundTripEfficiency);
    }
    DeliveryPeriod.requireProduct(product);
    if (deliveryCheck.isNegative() || deliveryCheck.isZero()) {
      throw new IllegalArgumentException("etp.battery.storage.delivery-check must be > 0, got " + deliveryCheck);
    }
    if (meterGrace.isNegative()) {
      throw new IllegalArgumentException("etp.battery.storage.meter-grace must be >= 0, got " + meterGrace);
    }
  }

  public static StorageSettings fromConfig(Config storage) {
    return new StorageSettings(
        new BigDecimal(storage.getString("min-state-of-charge-percent")),
        new BigDecimal(storage.getString("power-kw")),
        new BigDecimal(storage.getString("round-trip-efficiency")),
        storage.getDuration("product"),
        storage.getDuration("delivery-check"),
        storage.getDuration("meter-grace"));
  }

  /**
   * The limits of a battery with this {@code spec}: its capacity (exact once, {@link EnergyKwh#ofDouble}), the
   * minimum as the configured share of it rounded UP to the Wh (never less than configured), this power and
   * efficiency.
   */
  public StorageLimits limitsFor(BatterySpec spec) {
    EnergyKwh capacity = EnergyKwh.ofDouble(Math.max(0, spec.capacityKwh()));
    EnergyKwh minimum = new EnergyKwh(capacity.value().multiply(minStateOfChargePercent)
        .divide(BigDecimal.valueOf(100), EnergyKwh.SCALE, RoundingMode.UP).min(capacity.value()));
    return new StorageLimits(capacity, minimum, powerKw, roundTripEfficiency);
  }
}
