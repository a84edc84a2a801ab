package io.etp.edge;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.etp.protocol.signing.DeviceKey;
import io.etp.protocol.v1.PeerRole;
import io.etp.trading.TradingCore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;

/**
 * A real node for integration tests: the node's own configuration (cluster-config/) with Pekko's in-memory journal
 * (the protobuf event serializers the JDBC journal needs live in the persistence branch), a one-node cluster with
 * sharding, the trading core, and device keys.
 */
final class EdgeTestNode implements AutoCloseable {

  final ActorTestKit testKit;
  final TradingCore core;
  final EdgeKeys keys = new EdgeKeys();
  final NodeKey nodeKey = NodeKey.ephemeral("gateway-1");
  final EdgeMetrics metrics = new EdgeMetrics();
  final Clock clock = Clock.systemUTC();
  final Config config;
  private final Path dir;

  EdgeTestNode(String name, Map<String, Object> overrides) throws Exception {
    dir = Files.createTempDirectory("etp-edge-" + name);
    ConfigFactory.invalidateCaches();
    config = ConfigFactory.parseMap(overrides)
        .withFallback(ConfigFactory.parseMap(Map.of(
            "pekko.remote.artery.canonical.port", 0,
            "pekko.coordinated-shutdown.exit-jvm", "off",
            "pekko.cluster.jmx.multi-mbeans-in-same-jvm", "on",
            "pekko.loglevel", "WARNING",
            "pekko-persistence-jdbc.shared-databases.slick.db.url",
            "jdbc:h2:file:" + dir.resolve("etp").toAbsolutePath() + ";DATABASE_TO_UPPER=false",
            "pekko.persistence.journal.plugin", "pekko.persistence.journal.inmem",
            "pekko.persistence.snapshot-store.plugin", "pekko.persistence.snapshot-store.local",
            "pekko.persistence.snapshot-store.local.dir", dir.resolve("snapshots").toString(),
            "etp.battery.auction.window", "300ms",
            "etp.battery.auction.confirm-deadline", "3s")))
        .withFallback(ConfigFactory.load())
        .resolve();
    testKit = ActorTestKit.create(name, config);
    Cluster cluster = Cluster.get(testKit.system());
    cluster.manager().tell(Join.create(cluster.selfMember().address()));
    long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (cluster.selfMember().status() != MemberStatus.up()) {
      if (System.nanoTime() > until) {
        throw new IllegalStateException("node did not come up");
      }
      Thread.sleep(50);
    }
    core = TradingCore.init(testKit.system());
  }

  DeviceKey key(String senderId, PeerRole role) {
    byte[] secret = new byte[32];
    new java.security.SecureRandom().nextBytes(secret);
    DeviceKey k = DeviceKey.of(senderId, senderId + "-k1", secret, Instant.now().minusSeconds(60),
        Instant.now().plusSeconds(3600));
    keys.add(role, k);
    return k;
  }

  EdgeSettings settings() {
    return EdgeSettings.fromConfig(config.getConfig("etp.edge")).withPort(0);
  }

  @Override
  public void close() {
    testKit.shutdownTestKit();
  }
}
