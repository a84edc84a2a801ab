package io.etp.fleet;

import com.typesafe.config.Config;
import java.time.Duration;

/** The simulated fleet, read from {@code etp.fleet}. */
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
    double maxMaxPriceCPerKwh) {

  public static FleetSettings fromConfig(Config etp) {
    Config f = etp.getConfig("fleet");
    return new FleetSettings(f.getInt("batteries"), f.getInt("aggregators"), f.getDuration("reoffer-interval"),
        f.getBoolean("reoffer-spread"),
        f.getDouble("battery-capacity-kwh"), f.getDouble("percentage-for-sale"), f.getDouble("requirement-kwh"),
        f.getDouble("budget-c"), f.getDouble("min-max-price-c-per-kwh"), f.getDouble("max-max-price-c-per-kwh"));
  }

  /** When each battery re-offers: see {@link ReofferSchedule}. */
  public ReofferSchedule reofferSchedule() {
    return ReofferSchedule.of(batteries, reofferInterval, reofferSpread);
  }
}
