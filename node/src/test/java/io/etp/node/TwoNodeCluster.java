package io.etp.node;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.etp.persistence.SchemaMigrations;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.sharding.ShardRegion;
import org.apache.pekko.cluster.sharding.typed.ClusterShardingQuery;
import org.apache.pekko.cluster.sharding.typed.GetShardRegionState;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.cluster.typed.Cluster;

/**
 * Two ETP nodes in one JVM, as two ActorSystems named {@code etp} running the real {@link Node} guardian, joined into
 * one cluster through seed nodes on 127.0.0.27 and 127.0.0.28 (each its own remoting and HTTP port), on PostgreSQL in
 * a fresh schema of their own (the server CI starts; ETP_TEST_DB_URL, default
 * jdbc:postgresql://127.0.0.1:5432/etp_test). {@code pekko.cluster.min-nr-of-members = 2}: neither node is Up, and so
 * no singleton and no shard is started, before both have joined, so the fleet's twins spread over both nodes.
 */
final class TwoNodeCluster implements AutoCloseable {

  static final String DB_URL = System.getenv().getOrDefault("ETP_TEST_DB_URL",
      "jdbc:postgresql://127.0.0.1:5432/etp_test");
  static final String DB_USER = System.getenv().getOrDefault("ETP_TEST_DB_USER", "postgres");
  static final String DB_PASSWORD = System.getenv().getOrDefault("ETP_TEST_DB_PASSWORD", "");

  static final String HOST_A = "127.0.0.27";
  static final String HOST_B = "127.0.0.28";

  final ActorSystem<Void> a;
  final ActorSystem<Void> b;
  final int httpPortA;
  final int httpPortB;

  /**
   * Starts both nodes and waits until both are Up.
   *
   * @param extraConfig configuration both nodes get on top of the node's PostgreSQL configuration
   */
  TwoNodeCluster(String extraConfig, Duration patience) throws Exception {
    String url = freshPostgresSchema("two_node");
    int remoteA = freePort(HOST_A);
    int remoteB = freePort(HOST_B);
    httpPortA = freePort(HOST_A);
    httpPortB = freePort(HOST_B);
    List<String> seeds = List.of("pekko://etp@" + HOST_A + ":" + remoteA, "pekko://etp@" + HOST_B + ":" + remoteB);
    Config configA = nodeConfig(url, HOST_A, remoteA, httpPortA, seeds, extraConfig);
    SchemaMigrations.migrate(configA);
    a = ActorSystem.create(Node.create(), "etp", configA);
    b = ActorSystem.create(Node.create(), "etp", nodeConfig(url, HOST_B, remoteB, httpPortB, seeds, extraConfig));
    long deadline = System.nanoTime() + patience.toNanos();
    while (upMembers(a) < 2 || upMembers(b) < 2) {
      if (System.nanoTime() > deadline) {
        close();
        throw new IllegalStateException("the two nodes did not form a cluster within " + patience);
      }
      Thread.sleep(200);
    }
  }

  /** The ids of the entities of {@code key} that {@code node}'s shard region hosts now. */
  static Set<String> hostedEntities(ActorSystem<?> node, EntityTypeKey<?> key) throws Exception {
    ShardRegion.CurrentShardRegionState state = AskPattern.<ClusterShardingQuery,
            ShardRegion.CurrentShardRegionState>ask(ClusterSharding.get(node).shardState(),
            replyTo -> new GetShardRegionState(key, replyTo), Duration.ofSeconds(10), node.scheduler())
        .toCompletableFuture().get(15, TimeUnit.SECONDS);
    return state.getShards().stream().flatMap(shard -> shard.getEntityIds().stream()).collect(Collectors.toSet());
  }

  private static long upMembers(ActorSystem<?> node) {
    return java.util.stream.StreamSupport.stream(Cluster.get(node).state().getMembers().spliterator(), false)
        .filter(m -> m.status() == MemberStatus.up()).count();
  }

  private static Config nodeConfig(String url, String host, int remotePort, int httpPort, List<String> seeds,
      String extraConfig) {
    return ConfigFactory.parseString(extraConfig)
        .withFallback(ConfigFactory.parseString("""
            pekko-persistence-jdbc.shared-databases.slick.db { url = "%s", user = "%s", password = "%s" }
            pekko.remote.artery.canonical { hostname = "%s", port = %d }
            pekko.cluster.seed-nodes = [%s]
            pekko.cluster.min-nr-of-members = 2
            pekko.coordinated-shutdown.exit-jvm = off
            pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off
            etp.cluster.join-self = off
            etp.http { host = "%s", port = %d }
            etp.edge.enabled = off
            etp.access.generate-admin-key-at-first-start = off
            etp.access.rate-limit.enabled = off
            """.formatted(url, DB_USER, DB_PASSWORD, host, remotePort,
            seeds.stream().map(s -> '"' + s + '"').collect(Collectors.joining(", ")), host, httpPort)))
        .withFallback(ConfigFactory.parseResources("postgres.conf"))
        .withFallback(ConfigFactory.defaultReference())
        .resolve();
  }

  /** Creates an empty schema in the test database and returns a JDBC URL whose connections use it. */
  private static String freshPostgresSchema(String prefix) throws SQLException {
    String schema = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection c = DriverManager.getConnection(DB_URL, DB_USER, DB_PASSWORD); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    }
    return DB_URL + (DB_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema + "&reWriteBatchedInserts=true";
  }

  private static int freePort(String host) throws Exception {
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getByName(host))) {
      return free.getLocalPort();
    }
  }

  @Override
  public void close() throws Exception {
    b.terminate();
    b.getWhenTerminated().toCompletableFuture().get(60, TimeUnit.SECONDS);
    a.terminate();
    a.getWhenTerminated().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
