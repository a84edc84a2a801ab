package io.etp.node;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etp.aggregator.Aggregator;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.junit.jupiter.api.Test;

/**
 * Failover of remembered entities (etp.sharding.remember-entities.Aggregator = on, cluster-config/cluster.conf):
 * aggregators trade on their own timers, so when the node hosting some of them leaves, sharding must start them on
 * the surviving node by itself. Two real nodes ({@link TwoNodeCluster}, PostgreSQL, no fleet): 20 aggregators are
 * woken once by a status query, spread over both nodes; node B leaves; without any further message every one of
 * them, those B hosted included, is running on node A.
 */
class RememberedEntitiesIntegrationTest {

  private static final Duration PATIENCE = Duration.ofSeconds(120);

  @Test
  void aggregatorsOfALeavingNodeRestartOnTheSurvivorWithoutAMessage() throws Exception {
    try (TwoNodeCluster cluster = new TwoNodeCluster("""
        etp.fleet.enabled = off
        etp.forecasting.enabled = off
        """, PATIENCE)) {
      List<String> ids = IntStream.range(0, 20).mapToObj(i -> "agg-remembered-" + i).toList();
      ClusterSharding sharding = ClusterSharding.get(cluster.a);
      for (String id : ids) {
        sharding.entityRefFor(Aggregator.ENTITY_KEY, id)
            .<io.etp.aggregator.Aggregator.AggregatorStatus>ask(Aggregator.GetStatus::new, Duration.ofSeconds(30))
            .toCompletableFuture().get(40, TimeUnit.SECONDS);
      }
      Set<String> onB = TwoNodeCluster.hostedEntities(cluster.b, Aggregator.ENTITY_KEY);
      Set<String> onA = TwoNodeCluster.hostedEntities(cluster.a, Aggregator.ENTITY_KEY);
      Set<String> both = new HashSet<>(onA);
      both.addAll(onB);
      assertTrue(both.containsAll(ids), "all 20 running after the query: A " + onA + ", B " + onB);
      Set<String> movedFromB = new HashSet<>(onB);
      movedFromB.retainAll(ids);
      assertFalse(movedFromB.isEmpty(), "node B hosts some of them (shards spread over both): " + onB);

      long t0 = System.nanoTime();
      cluster.b.terminate(); // leaves the cluster: its shards are handed off to A
      cluster.b.getWhenTerminated().toCompletableFuture().get(60, TimeUnit.SECONDS);
      long deadline = System.nanoTime() + PATIENCE.toNanos();
      Set<String> now = TwoNodeCluster.hostedEntities(cluster.a, Aggregator.ENTITY_KEY);
      while (!now.containsAll(ids)) {
        assertTrue(System.nanoTime() < deadline, "not restarted on A within " + PATIENCE + ": missing "
            + ids.stream().filter(id -> !nowContains(cluster, id)).toList());
        Thread.sleep(500);
        now = TwoNodeCluster.hostedEntities(cluster.a, Aggregator.ENTITY_KEY);
      }
      System.out.printf("%d aggregators of the leaving node running on the survivor %d ms after it left, "
          + "no message sent%n", movedFromB.size(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
    }
  }

  private static boolean nowContains(TwoNodeCluster cluster, String id) {
    try {
      return TwoNodeCluster.hostedEntities(cluster.a, Aggregator.ENTITY_KEY).contains(id);
    } catch (Exception e) {
      return false;
    }
  }
}
