package io.etp.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterFormationTest {

  /** etp.cluster as cluster-config/cluster.conf gives it, with {@code settings} laid over it. */
  private static Config cluster(String settings) {
    return ConfigFactory.parseString(settings).atPath("etp.cluster")
        .withFallback(ConfigFactory.parseResources("cluster.conf"))
        .withFallback(ConfigFactory.parseResources("management.conf"))
        .withFallback(ConfigFactory.parseString("pekko.remote.artery.canonical.hostname = \"127.0.0.1\""))
        .resolve().getConfig("etp.cluster");
  }

  /** What the node would run with: the formation's settings over the whole node configuration. */
  private static Config node(ClusterFormation formation) {
    return formation.pekkoSettings().withFallback(ConfigFactory.load()).resolve();
  }

  @Test
  void theDefaultIsTheOneNodeClusterThatJoinsItselfWithoutManagement() {
    ClusterFormation f = ClusterFormation.fromConfig(cluster(""));
    assertEquals(ClusterFormation.Mode.SELF, f.mode());
    assertFalse(f.managementEnabled());
    Config node = node(f);
    assertTrue(node.getStringList("pekko.cluster.seed-nodes").isEmpty());
    assertTrue(node.getBoolean("etp.cluster.join-self"));
    assertFalse(node.getBoolean("etp.cluster.management"));
    assertFalse(node.getBoolean("etp.cluster.bootstrap"));
    assertEquals("tcp", node.getString("pekko.remote.artery.transport"));
  }

  @Test
  void seedsModeSetsTheSeedNodesAndStartsManagement() {
    ClusterFormation f = ClusterFormation.fromConfig(cluster("""
        discovery = seeds
        seed-nodes = "pekko://etp@127.0.1.1:25520, pekko://etp@127.0.1.2:25520"
        """));
    Config node = node(f);
    assertEquals(List.of("pekko://etp@127.0.1.1:25520", "pekko://etp@127.0.1.2:25520"),
        node.getStringList("pekko.cluster.seed-nodes"));
    assertTrue(node.getBoolean("etp.cluster.management"));
    assertFalse(node.getBoolean("etp.cluster.bootstrap"));
  }

  @Test
  void configModeBootstrapsFromTheContactPointsAsConfigDiscoveryEndpoints() {
    ClusterFormation f = ClusterFormation.fromConfig(cluster("""
        discovery = config
        contact-points = "127.0.1.1:8558,127.0.1.2:8558,127.0.1.3:8558"
        required-contact-points = 3
        """));
    Config node = node(f);
    assertTrue(node.getBoolean("etp.cluster.bootstrap"));
    assertTrue(node.getBoolean("etp.cluster.management"));
    assertTrue(node.getStringList("pekko.cluster.seed-nodes").isEmpty());
    String discovery = "pekko.management.cluster.bootstrap.contact-point-discovery.";
    assertEquals("config", node.getString(discovery + "discovery-method"));
    assertEquals("etp-node", node.getString(discovery + "service-name"));
    assertEquals(3, node.getInt(discovery + "required-contact-point-nr"));
    List<? extends Config> endpoints = node.getConfigList("pekko.discovery.config.services.etp-node.endpoints");
    assertEquals(3, endpoints.size());
    assertEquals("127.0.1.2", endpoints.get(1).getString("host"));
    assertEquals(8558, endpoints.get(1).getInt("port"));
    // the management endpoint this node serves, which the others probe
    assertEquals(8558, node.getInt("pekko.management.http.port"));
  }

  @Test
  void kubernetesModeFindsPodsByLabelAtTheirManagementPortByIp() {
    ClusterFormation f = ClusterFormation.fromConfig(cluster("""
        discovery = kubernetes-api
        kubernetes-namespace = trading
        service-name = etp
        """));
    Config node = node(f);
    assertEquals("kubernetes-api",
        node.getString("pekko.management.cluster.bootstrap.contact-point-discovery.discovery-method"));
    assertEquals("management", node.getString("pekko.management.cluster.bootstrap.contact-point-discovery.port-name"));
    assertEquals(2, node.getInt("pekko.management.cluster.bootstrap.contact-point-discovery.required-contact-point-nr"));
    assertEquals("app=%s", node.getString("pekko.discovery.kubernetes-api.pod-label-selector"));
    assertEquals("trading", node.getString("pekko.discovery.kubernetes-api.pod-namespace"));
    assertTrue(node.getBoolean("pekko.discovery.kubernetes-api.use-raw-ip"));
  }

  @Test
  void kubernetesModeWithoutNamespaceKeepsThePodsOwnNamespace() {
    Config node = node(ClusterFormation.fromConfig(cluster("discovery = kubernetes-api")));
    assertEquals("<pod-namespace>", node.getString("pekko.discovery.kubernetes-api.pod-namespace"));
  }

  @Test
  void managementCanBeTurnedOnForTheOneNodeDefault() {
    assertTrue(ClusterFormation.fromConfig(cluster("management-enabled = on")).managementEnabled());
  }

  @Test
  void refusesAnUnknownModeNamingTheVariableAndTheChoices() {
    var e = assertThrows(ClusterFormation.Invalid.class,
        () -> ClusterFormation.fromConfig(cluster("discovery = dns")));
    assertTrue(e.getMessage().contains("ETP_CLUSTER_DISCOVERY") && e.getMessage().contains("kubernetes-api"),
        e.getMessage());
  }

  @Test
  void refusesBadSeedAddresses() {
    for (String bad : List.of("akka://etp@127.0.0.1:25520", "pekko://other@127.0.0.1:25520",
        "pekko://etp@127.0.0.1", "pekko://etp@127.0.0.1:70000", "127.0.0.1:25520", "pekko://etp@:25520",
        "pekko://etp@127.0.0.1:25520/user")) {
      var e = assertThrows(ClusterFormation.Invalid.class, () -> ClusterFormation.fromConfig(
          cluster("discovery = seeds\nseed-nodes = \"" + bad + "\"")), bad);
      assertTrue(e.getMessage().contains("ETP_SEED_NODES") && e.getMessage().contains(bad), e.getMessage());
    }
  }

  @Test
  void refusesSeedsModeWithoutSeeds() {
    var e = assertThrows(ClusterFormation.Invalid.class, () -> ClusterFormation.fromConfig(
        cluster("discovery = seeds")));
    assertTrue(e.getMessage().contains("ETP_SEED_NODES"), e.getMessage());
  }

  @Test
  void refusesBadContactPointsAndTooFewForTheRequiredNumber() {
    for (String bad : List.of("127.0.0.1", "127.0.0.1:", "127.0.0.1:http", ":8558", "127.0.0.1:0")) {
      assertThrows(ClusterFormation.Invalid.class, () -> ClusterFormation.fromConfig(
          cluster("discovery = config\ncontact-points = \"" + bad + "\"\nrequired-contact-points = 1")), bad);
    }
    var e = assertThrows(ClusterFormation.Invalid.class, () -> ClusterFormation.fromConfig(
        cluster("discovery = config\ncontact-points = \"127.0.0.1:8558\"")));
    assertTrue(e.getMessage().contains("never form"), e.getMessage());
    assertEquals(new ClusterFormation.ContactPoint("::1", 8558), ClusterFormation.contactPoint("[::1]:8558"));
  }

  @Test
  void refusesABootstrapWithManagementOffAndANonNumericRequiredCount() {
    assertThrows(ClusterFormation.Invalid.class, () -> ClusterFormation.fromConfig(
        cluster("discovery = kubernetes-api\nmanagement-enabled = off")));
    var e = assertThrows(ClusterFormation.Invalid.class, () -> ClusterFormation.fromConfig(
        cluster("discovery = kubernetes-api\nrequired-contact-points = two")));
    assertTrue(e.getMessage().contains("required-contact-points"), e.getMessage());
  }

  @Test
  void remotingTlsUsesThePemFilesOfTheMountedSecret(@TempDir Path dir) throws Exception {
    for (String file : ClusterFormation.TLS_FILES) {
      Files.writeString(dir.resolve(file), "pem");
    }
    Config node = node(ClusterFormation.fromConfig(cluster(
        "remote-tls { enabled = on, dir = \"" + dir + "\" }")));
    assertEquals("tls-tcp", node.getString("pekko.remote.artery.transport"));
    assertEquals("org.apache.pekko.remote.artery.tcp.ssl.RotatingKeysSSLEngineProvider",
        node.getString("pekko.remote.artery.ssl.ssl-engine-provider"));
    assertEquals(dir.resolve("tls.key").toString(),
        node.getString("pekko.remote.artery.ssl.rotating-keys-engine.key-file"));
    assertEquals(dir.resolve("ca.crt").toString(),
        node.getString("pekko.remote.artery.ssl.rotating-keys-engine.ca-cert-file"));
  }

  @Test
  void refusesTlsWhenAPemFileIsMissing(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("tls.key"), "pem");
    Files.writeString(dir.resolve("tls.crt"), "pem");
    var e = assertThrows(ClusterFormation.Invalid.class, () -> ClusterFormation.fromConfig(cluster(
        "remote-tls { enabled = on, dir = \"" + dir + "\" }")));
    assertTrue(e.getMessage().contains("ca.crt"), e.getMessage());
  }
}
