package io.etp.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cluster remoting over TLS as ClusterFormation sets it up (ETP_REMOTE_TLS_ENABLED, ETP_REMOTE_TLS_DIR with
 * tls.key, tls.crt and ca.crt as a Kubernetes TLS Secret mounts them), with certificates made by openssl: two nodes
 * whose certificates one CA issued form a cluster; a node whose certificate another CA issued (same subject name) is
 * refused and never becomes a member.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RemotingTlsTest {

  private static final Duration PATIENCE = Duration.ofSeconds(60);

  @TempDir
  static Path dir;

  private final List<ActorSystem<Void>> systems = new ArrayList<>();
  private Path trusted1;
  private Path trusted2;
  private Path foreign;

  @BeforeAll
  void certificates() throws Exception {
    Path ca = Files.createDirectories(dir.resolve("ca"));
    Path otherCa = Files.createDirectories(dir.resolve("other-ca"));
    makeCa(ca);
    makeCa(otherCa);
    trusted1 = makeNode(ca, "node1");
    trusted2 = makeNode(ca, "node2");
    foreign = makeNode(otherCa, "intruder");
  }

  @AfterAll
  void stop() throws Exception {
    for (ActorSystem<Void> s : systems) {
      s.terminate();
      s.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void nodesWithCertificatesOfTheClusterCaFormAndAForeignCaIsRefused() throws Exception {
    ActorSystem<Void> a = node(trusted1, "127.0.1.21");
    assertEquals("tls-tcp", a.settings().config().getString("pekko.remote.artery.transport"));
    Cluster.get(a).manager().tell(Join.create(Cluster.get(a).selfMember().address()));
    ActorSystem<Void> b = node(trusted2, "127.0.1.22");
    long t0 = System.nanoTime();
    Cluster.get(b).manager().tell(Join.create(Cluster.get(a).selfMember().address()));
    awaitUp(a, 2);
    awaitUp(b, 2);
    System.out.printf("two nodes formed over TLS in %d ms%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));

    ActorSystem<Void> intruder = node(foreign, "127.0.1.23");
    Cluster.get(intruder).manager().tell(Join.create(Cluster.get(a).selfMember().address()));
    Thread.sleep(15_000); // join attempts retry every few seconds: each handshake fails on the CA
    assertEquals(2, members(a), "members after the foreign node's attempts");
    assertEquals(0, upMembers(intruder), "the foreign node is no Up member of anything");
    assertTrue(StreamSupport.stream(Cluster.get(a).state().getMembers().spliterator(), false)
        .noneMatch(m -> m.address().equals(Cluster.get(intruder).selfMember().address())));
  }

  private ActorSystem<Void> node(Path tlsDir, String host) {
    Config cluster = ConfigFactory.parseString("remote-tls { enabled = on, dir = \"" + tlsDir + "\" }")
        .atPath("etp.cluster")
        .withFallback(ConfigFactory.parseResources("cluster.conf"))
        .withFallback(ConfigFactory.parseString("pekko.remote.artery.canonical.hostname = \"127.0.0.1\""))
        .resolve();
    Config settings = ClusterFormation.fromConfig(cluster.getConfig("etp.cluster")).pekkoSettings();
    Config config = ConfigFactory.parseString("""
            pekko.actor.provider = cluster
            pekko.remote.artery.canonical { hostname = "%s", port = 0 }
            pekko.cluster.jmx.multi-mbeans-in-same-jvm = on
            pekko.coordinated-shutdown.exit-jvm = off
            pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off
            pekko.cluster.downing-provider-class = ""
            """.formatted(host))
        .withFallback(settings)
        .withFallback(ConfigFactory.defaultReference())
        .resolve();
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "etp", config);
    systems.add(system);
    return system;
  }

  private static void awaitUp(ActorSystem<?> node, int n) throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (upMembers(node) < n) {
      assertTrue(System.nanoTime() < deadline, "fewer than " + n + " members Up within " + PATIENCE);
      Thread.sleep(200);
    }
  }

  private static long upMembers(ActorSystem<?> node) {
    return StreamSupport.stream(Cluster.get(node).state().getMembers().spliterator(), false)
        .filter(m -> m.status() == MemberStatus.up()).count();
  }

  private static long members(ActorSystem<?> node) {
    return StreamSupport.stream(Cluster.get(node).state().getMembers().spliterator(), false).count();
  }

  private static void makeCa(Path ca) throws Exception {
    openssl(ca, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=etp-test-ca",
        "-keyout", "ca.key", "-out", "ca.crt");
  }

  /** A node's tls.key and tls.crt issued by {@code ca}, with ca.crt beside them, as the mounted Secret has them. */
  private Path makeNode(Path ca, String name) throws Exception {
    Path node = Files.createDirectories(dir.resolve(name));
    Files.writeString(node.resolve("san.ext"), "subjectAltName=DNS:etp-node\n");
    openssl(node, "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=etp-node", "-keyout", "tls.key",
        "-out", "tls.csr");
    openssl(node, "x509", "-req", "-in", "tls.csr", "-CA", ca.resolve("ca.crt").toString(), "-CAkey",
        ca.resolve("ca.key").toString(), "-CAcreateserial", "-days", "2", "-extfile", "san.ext", "-out", "tls.crt");
    Files.copy(ca.resolve("ca.crt"), node.resolve("ca.crt"));
    return node;
  }

  private static void openssl(Path workDir, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("openssl"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "openssl " + command + ":\n" + out);
  }
}
