package io.etp.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.etp.forecasting.Forecasting;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What must run once per cluster runs once on a two-node cluster ({@link TwoNodeCluster}): the simulated fleet, the
 * reserve follower, the decision pipeline and the zone forecaster each live on exactly one node, and the node without
 * the pipeline answers {@code GET /api/market/results} from the one that has it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterSingletonsIntegrationTest {

  private static final Duration PATIENCE = Duration.ofSeconds(120);
  private static final List<String> ONCE_PER_CLUSTER = List.of(Node.FLEET, Forecasting.RESERVE_FOLLOWER,
      Forecasting.PIPELINE, "etp-forecaster-SIM");

  private TwoNodeCluster cluster;

  @BeforeAll
  void startCluster() throws Exception {
    cluster = new TwoNodeCluster("""
        etp.fleet.batteries = 4
        etp.fleet.aggregators = 2
        """, PATIENCE);
  }

  @AfterAll
  void stopCluster() throws Exception {
    cluster.close();
  }

  @Test
  void theFleetReserveFollowerPipelineAndForecasterEachRunOnOneNodeOnly() throws Exception {
    for (String singleton : ONCE_PER_CLUSTER) {
      long deadline = System.nanoTime() + PATIENCE.toNanos();
      while (!(running(cluster.a, singleton) || running(cluster.b, singleton))) {
        assertTrue(System.nanoTime() < deadline, singleton + " runs on no node");
        Thread.sleep(250);
      }
      int nodes = (running(cluster.a, singleton) ? 1 : 0) + (running(cluster.b, singleton) ? 1 : 0);
      assertEquals(1, nodes, singleton + " runs on both nodes");
    }
  }

  @Test
  void theNodeWithoutThePipelineServesItsResults() throws Exception {
    ActorSystem<Void> without = running(cluster.a, Forecasting.PIPELINE) ? cluster.b : cluster.a;
    int port = without == cluster.a ? cluster.httpPortA : cluster.httpPortB;
    String host = without == cluster.a ? TwoNodeCluster.HOST_A : TwoNodeCluster.HOST_B;
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest get = HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + "/api/market/results"))
        .timeout(Duration.ofSeconds(20)).GET().build();
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (true) {
      HttpResponse<String> response = sendWhenBound(http, get, deadline);
      if (response.statusCode() == 200) {
        JsonNode days = new ObjectMapper().readTree(response.body()).path("days");
        if (days.size() > 0) {
          assertTrue(days.get(0).path("day").asText().matches("\\d{4}-\\d{2}-\\d{2}"), response.body());
          return;
        }
      }
      assertTrue(System.nanoTime() < deadline, "no pipeline results from the other node: " + response.statusCode()
          + " " + response.body());
      Thread.sleep(1000);
    }
  }

  /** Whether the singleton {@code name} runs on {@code node} (the child of its singleton manager there). */
  private static boolean running(ActorSystem<?> node, String name) throws Exception {
    try {
      ActorRef ref = node.classicSystem().actorSelection("/system/singletonManager" + name + "/" + name)
          .resolveOne(Duration.ofSeconds(3)).toCompletableFuture().get(5, TimeUnit.SECONDS);
      return ref != null;
    } catch (java.util.concurrent.ExecutionException notThere) {
      return false;
    }
  }

  private static HttpResponse<String> sendWhenBound(HttpClient http, HttpRequest get, long deadline)
      throws Exception {
    while (true) {
      try {
        return http.send(get, HttpResponse.BodyHandlers.ofString());
      } catch (java.io.IOException notYetBound) {
        if (System.nanoTime() > deadline) {
          throw notYetBound;
        }
        Thread.sleep(250);
      }
    }
  }
}
