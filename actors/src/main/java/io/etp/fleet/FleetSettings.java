package io.etp.fleet;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * The simulated fleet, read from {@code etp.fleet}.
 *
 * @param recoveryTimeout how long the fleet waits for each twin to answer (to have recovered) before trading starts
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
    Duration recoveryTimeout) {

  /** The default time a twin has to recover before the fleet stops waiting for it. */
  public static final Duration DEFAULT_RECOVERY_TIMEOUT = Duration.ofSeconds(60);

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
        f.getDuration("recovery-timeout"));
  }

  /** When each battery re-offers: see {@link ReofferSchedule}. */
  public ReofferSchedule reofferSchedule() {
    return ReofferSchedule.of(batteries, reofferInterval, reofferSpread);
  }
}
