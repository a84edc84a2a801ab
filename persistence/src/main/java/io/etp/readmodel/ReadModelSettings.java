package io.etp.readmodel;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * {@code etp.read-models { ... }}: whether the node projects the journal into the read tables, how the projection
 * groups events into transactions, and the size of the read-side connection pool (projection and history queries).
 *
 * @param groupSize events written in one transaction at most (offset included)
 * @param groupWithin a group is written after this long even when smaller
 * @param poolSize connections of the read-side pool; history queries and projections share it
 */
public record ReadModelSettings(boolean enabled, int groupSize, Duration groupWithin, int poolSize) {

  public ReadModelSettings {
    if (groupSize < 1 || groupSize > 10_000) {
      throw new IllegalArgumentException("etp.read-models.group-size must be 1..10000, was " + groupSize);
    }
    if (groupWithin.isNegative() || groupWithin.isZero()) {
      throw new IllegalArgumentException("etp.read-models.group-within must be positive, was " + groupWithin);
    }
    if (poolSize < 1 || poolSize > 64) {
      throw new IllegalArgumentException("etp.read-models.pool-size must be 1..64, was " + poolSize);
    }
  }

  public static final ReadModelSettings DEFAULT = new ReadModelSettings(true, 1000, Duration.ofSeconds(1), 4);

  /** Reads {@code etp.read-models} from the node's configuration (defaults in actors' reference.conf). */
  public static ReadModelSettings fromConfig(Config config) {
    Config c = config.getConfig("etp.read-models");
    return new ReadModelSettings(c.getBoolean("enabled"), c.getInt("group-size"), c.getDuration("group-within"),
        c.getInt("pool-size"));
  }
}
