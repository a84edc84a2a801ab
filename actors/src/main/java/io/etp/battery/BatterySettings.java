package io.etp.battery;

import com.typesafe.config.Config;
import io.etp.auction.AuctionRules;
import io.etp.auction.Mechanism;
import java.time.Duration;
import java.util.Locale;

/**
 * Battery defaults, read once from {@code etp.battery}: the criteria and auction rules every new twin starts
 * with (each twin can change its own at runtime), snapshot interval, audit buffer size and the storage limits.
 */
public record BatterySettings(
    AcceptanceCriteria criteria, AuctionRules auctionRules, int snapshotEvery, int auditBufferSize,
    StorageSettings storage) {

  /** With the default {@link StorageSettings}. */
  public BatterySettings(
      AcceptanceCriteria criteria, AuctionRules auctionRules, int snapshotEvery, int auditBufferSize) {
    this(criteria, auctionRules, snapshotEvery, auditBufferSize, StorageSettings.DEFAULTS);
  }

  public static BatterySettings fromConfig(Config etp) {
    Config b = etp.getConfig("battery");
    Config a = b.getConfig("auction");
    Config c = b.getConfig("acceptance");
    return new BatterySettings(
        new AcceptanceCriteria(
            c.getDouble("reserve-price-c-per-kwh"),
            c.getDouble("min-reputation"),
            c.getDouble("safety-margin-kwh"),
            c.getDouble("max-energy-per-trade-kwh")),
        new AuctionRules(
            mechanism(a.getString("mechanism")),
            a.getDuration("window"),
            a.getDouble("min-increment-c-per-kwh"),
            a.getDuration("soft-close"),
            a.getDuration("confirm-deadline"),
            a.getInt("max-misses")),
        b.getInt("snapshot-every"),
        b.getInt("audit-buffer-size"),
        StorageSettings.fromConfig(b.getConfig("storage")));
  }

  /** "ascending" or "sealed-second-price". */
  public static Mechanism mechanism(String name) {
    return Mechanism.valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
  }

  /** Defaults as in reference.conf, for tests. */
  public static BatterySettings defaults() {
    return new BatterySettings(
        new AcceptanceCriteria(14.0, 0.5, 0.25, 50.0),
        new AuctionRules(Mechanism.ASCENDING, Duration.ofSeconds(2), 0.25, Duration.ofMillis(500),
            Duration.ofMillis(500), 2),
        100, 100_000);
  }
}
