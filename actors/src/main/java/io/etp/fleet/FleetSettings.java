package io.etp.fleet;

import com.typesafe.config.Config;
import java.time.Duration;
import java.time.Instant;

/**
 * The simulated fleet, read from {@code etp.fleet}.
 *
 * @param recoveryTimeout how long the fleet waits for each twin to answer (to have recovered) before trading starts
 * @param simulatedTimePerReoffer the simulated time one {@code reofferInterval} stands for: each battery charges
 *     and discharges by its {@link SimulatedBatteryPlan} once per re-offer, for this long of its simulated day
 *     (1 h per 15 s: a simulated day every 6 minutes)
 */
public record FleetSettings(
    int batteries,
    int aggregators,
    Duration reofferInterval,
    boolean reofferSpread,
    double batteryCapacityKwh,
    double percentageForSale,
    double requirementKwh,
    double budgetC,
    double minMaxPriceCPerKwh,
    double maxMaxPriceCPerKwh,
    Duration recoveryTimeout,
    Duration simulatedTimePerReoffer) {

  /** The default time a twin has to recover before the fleet stops waiting for it. */
  public static final Duration DEFAULT_RECOVERY_TIMEOUT = Duration.ofSeconds(60);

  /** The default simulated time per re-offer: one simulated hour. */
  public static final Duration DEFAULT_SIMULATED_TIME_PER_REOFFER = Duration.ofHours(1);

  /** @throws IllegalArgumentException for a re-offer interval or simulated time per re-offer that is not positive */
  public FleetSettings {
    if (reofferInterval.isNegative() || reofferInterval.isZero()) {
      throw new IllegalArgumentException("etp.fleet.reoffer-interval must be > 0, got " + reofferInterval);
    }
    if (simulatedTimePerReoffer.isNegative() || simulatedTimePerReoffer.isZero()) {
      throw new IllegalArgumentException("etp.fleet.simulated-time-per-reoffer must be > 0, got "
          + simulatedTimePerReoffer);
    }
  }

  /** As the canonical constructor, with the {@link #DEFAULT_SIMULATED_TIME_PER_REOFFER}. */
  public FleetSettings(int batteries, int aggregators, Duration reofferInterval, boolean reofferSpread,
      double batteryCapacityKwh, double percentageForSale, double requirementKwh, double budgetC,
      double minMaxPriceCPerKwh, double maxMaxPriceCPerKwh, Duration recoveryTimeout) {
    this(batteries, aggregators, reofferInterval, reofferSpread, batteryCapacityKwh, percentageForSale,
        requirementKwh, budgetC, minMaxPriceCPerKwh, maxMaxPriceCPerKwh, recoveryTimeout,
        DEFAULT_SIMULATED_TIME_PER_REOFFER);
  }

  /** As the canonical constructor, with the {@link #DEFAULT_RECOVERY_TIMEOUT}. */
  public FleetSettings(int batteries, int aggregators, Duration reofferInterval, boolean reofferSpread,
      double batteryCapacityKwh, double percentageForSale, double requirementKwh, double budgetC,
      double minMaxPriceCPerKwh, double maxMaxPriceCPerKwh) {
    this(batteries, aggregators, reofferInterval, reofferSpread, batteryCapacityKwh, percentageForSale,
        requirementKwh, budgetC, minMaxPriceCPerKwh, maxMaxPriceCPerKwh, DEFAULT_RECOVERY_TIMEOUT);
  }

  public static FleetSettings fromConfig(Config etp) {
    Config f = etp.getConfig("fleet");
    return new FleetSettings(f.getInt("batteries"), f.getInt("aggregators"), f.getDuration("reoffer-interval"),
        f.getBoolean("reoffer-spread"),
        f.getDouble("battery-capacity-kwh"), f.getDouble("percentage-for-sale"), f.getDouble("requirement-kwh"),
        f.getDouble("budget-c"), f.getDouble("min-max-price-c-per-kwh"), f.getDouble("max-max-price-c-per-kwh"),
        f.getDuration("recovery-timeout"), f.getDuration("simulated-time-per-reoffer"));
  }

  /** When each battery re-offers: see {@link ReofferSchedule}. */
  public ReofferSchedule reofferSchedule() {
    return ReofferSchedule.of(batteries, reofferInterval, reofferSpread);
  }

  /**
   * The hour (0..23) of battery {@code i}'s simulated day at {@code now}, for a fleet started at {@code start}. The
   * simulated clock runs {@code simulatedTimePerReoffer / reofferInterval} times as fast as the wall clock and stands
   * at 00:00 when the fleet starts (so a run does not depend on the wall clock's time of day); battery {@code i}'s
   * day is {@code i - 1} hours ahead, so some of the fleet is always in its charging or dearest hours and trades.
   */
  public int simulatedHourOfDay(int i, Instant start, Instant now) {
    long elapsedMs = Math.max(0, Duration.between(start, now).toMillis());
    long simulatedMs = java.math.BigInteger.valueOf(elapsedMs)
        .multiply(java.math.BigInteger.valueOf(simulatedTimePerReoffer.toMillis()))
        .divide(java.math.BigInteger.valueOf(reofferInterval.toMillis())).longValueExact();
    return (int) Math.floorMod(simulatedMs / 3_600_000L + (i - 1), 24L);
  }
}
