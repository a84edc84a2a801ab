package io.etp.trading;

import com.typesafe.config.Config;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.ClusterShardingSettings;

/**
 * Sharding settings for failover, per entity type: whether sharding remembers the type's entities and restarts them
 * on their own, without a message, wherever their shard is allocated (after a rebalance, a node's crash or a whole
 * cluster's restart). Read from {@code etp.sharding.remember-entities.<EntityType>} (cluster-config/cluster.conf;
 * absent means off). Every entity type that must come back on its own (the aggregators, a settlement in flight)
 * builds its sharding settings here.
 */
public final class ShardingFailover {

  /** Where the per-type switches live. */
  public static final String REMEMBER_ENTITIES = "etp.sharding.remember-entities";

  private ShardingFailover() {}

  /** @return whether {@code entityType}'s entities are remembered */
  public static boolean remembered(Config config, String entityType) {
    String path = REMEMBER_ENTITIES + ".\"" + entityType + '"';
    return config.hasPath(path) && config.getBoolean(path);
  }

  /** @return the node's sharding settings with {@code entityType}'s remember-entities switch applied */
  public static ClusterShardingSettings settings(ActorSystem<?> system, String entityType) {
    return ClusterShardingSettings.create(system)
        .withRememberEntities(remembered(system.settings().config(), entityType));
  }
}
