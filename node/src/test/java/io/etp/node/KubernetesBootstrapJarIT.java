package io.etp.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster forms from the Kubernetes API alone: a Kubernetes API test server (fabric8's mock, CRUD mode, HTTPS)
 * holds three Running Pod objects labelled {@code app=etp-node} with a container port named {@code management}; three
 * real node processes (the shaded jar, ETP_CLUSTER_DISCOVERY=kubernetes-api, no seed nodes) run as those pods, each
 * on its own loopback address (127.0.1.1-3) with the same ports, as pods have their own IPs, on one PostgreSQL
 * schema. Each discovers the others through the API, Cluster Bootstrap forms one cluster, and each answers 200 on
 * Pekko Management's {@code /ready} with three members Up. Prints the formation time.
 */
class KubernetesBootstrapJarIT {

  private static final Path JAR = Path.of(System.getProperty("etp.node.jar", "target/etp-node.jar"));
  /**
   * The API server's host: a name, not an address. The mock's self-signed certificate names its host in the CN only,
   * without a subject alternative name, and TLS hostname verification accepts a CN only for a DNS name.
   */
  private static final String API_HOST = "localhost";
  private static final String NAMESPACE = "etp";
  private static final int MANAGEMENT_PORT = 8558;
  private static final List<String> PODS = List.of("127.0.1.1", "127.0.1.2", "127.0.1.3");
  private static final Duration PATIENCE = Duration.ofSeconds(420);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> BOOTSTRAP_LOGGERS = List.of("ClusterBootstrap", "BootstrapCoordinator",
      "KubernetesApiServiceDiscovery", "HttpClusterBootstrapRoutes", "LowestAddressJoinDecider", "PekkoManagement");

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
  private final List<Process> started = new ArrayList<>();
  private KubernetesMockServer api;

  @TempDir
  Path dir;

  /** The CRUD dispatcher, answering JSON: the mock says application/octet-stream, which Pekko's discovery refuses. */
  static final class JsonCrudDispatcher extends KubernetesCrudDispatcher {
    @Override
    public MockResponse dispatch(RecordedRequest request) {
      return super.dispatch(request).setHeader("Content-Type", "application/json");
    }
  }

  @AfterEach
  void stopAll() throws Exception {
    for (Process p : started) {
      if (p.isAlive()) {
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
    if (api != null) {
      api.destroy();
    }
  }

  @Test
  void threePodsFormOneClusterThroughKubernetesApiDiscoveryAndAreReady() throws Exception {
    assertTrue(Files.isRegularFile(JAR), JAR.toAbsolutePath() + " is missing: run the package phase first");
    api = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), new JsonCrudDispatcher(), true);
    api.init(InetAddress.getByName(API_HOST), 0);
    Path ca = dir.resolve("api-ca.crt");
    Files.writeString(ca, serverCertificatePem(API_HOST, api.getPort()));
    Path token = dir.resolve("token");
    Files.writeString(token, "etp-test-token");
    try (NamespacedKubernetesClient client = api.createClient()) {
      for (int i = 0; i < PODS.size(); i++) {
        client.pods().inNamespace(NAMESPACE).resource(pod("etp-node-" + i, PODS.get(i))).create();
      }
      assertEquals(3, client.pods().inNamespace(NAMESPACE).withLabel("app", "etp-node").list().getItems().size());
    }

    String schema = "cluster_k8s_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    String server = System.getProperty("etp.test.postgres", "jdbc:postgresql://127.0.0.1:5432/postgres");
    try (Connection c = DriverManager.getConnection(server, "postgres", ""); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    }
    try {
      long t0 = System.nanoTime();
      for (String ip : PODS) {
        started.add(startPod(ip, server + "?currentSchema=" + schema + "&reWriteBatchedInserts=true", ca, token));
      }
      Map<String, Long> readyAtMs = new HashMap<>();
      long deadline = t0 + PATIENCE.toNanos();
      while (readyAtMs.size() < PODS.size()) {
        for (int i = 0; i < PODS.size(); i++) {
          String ip = PODS.get(i);
          if (!started.get(i).isAlive()) {
            fail("the node on " + ip + " exited with " + started.get(i).exitValue() + ":\n" + tail(log(ip)));
          }
          if (!readyAtMs.containsKey(ip) && status("http://" + ip + ":" + MANAGEMENT_PORT + "/ready") == 200
              && upMembers(ip) == PODS.size()) {
            readyAtMs.put(ip, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
          }
        }
        if (System.nanoTime() > deadline) {
          StringBuilder logs = new StringBuilder();
          for (String ip : PODS) {
            logs.append("--- ").append(ip).append('\n').append(tail(log(ip)));
          }
          fail("not every pod was ready with 3 members Up within " + PATIENCE + ": " + readyAtMs + "\n" + logs);
        }
        Thread.sleep(500);
      }
      for (String ip : PODS) {
        String text = Files.readString(log(ip));
        assertTrue(text.contains("KubernetesApiServiceDiscovery"), "discovery by the Kubernetes API on " + ip);
        // the formation's own loggers log no ERROR (a contact point still starting is retried, not an error)
        List<String> errors = text.lines().filter(l -> l.contains(" ERROR ") && BOOTSTRAP_LOGGERS.stream()
            .anyMatch(l::contains)).toList();
        assertTrue(errors.isEmpty(), "bootstrap ERROR lines on " + ip + ":\n" + String.join("\n", errors));
      }
      System.out.printf("Kubernetes API bootstrap: 3 pods Up and /ready 200 in %s ms after the first start "
              + "(per pod: %s; load average %.1f)%n", readyAtMs.values().stream().max(Long::compare).orElseThrow(),
          readyAtMs, java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    } finally {
      stopAll();
      started.clear();
      try (Connection c = DriverManager.getConnection(server, "postgres", ""); Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA " + schema + " CASCADE");
      }
    }
  }

  private static Pod pod(String name, String ip) {
    return new PodBuilder()
        .withNewMetadata().withName(name).withNamespace(NAMESPACE).addToLabels("app", "etp-node").endMetadata()
        .withNewSpec().addNewContainer().withName("etp-node").withImage("etp-node")
        .addNewPort().withName("management").withContainerPort(MANAGEMENT_PORT).withProtocol("TCP").endPort()
        .endContainer().endSpec()
        .withNewStatus().withPhase("Running").withPodIP(ip).endStatus()
        .build();
  }

  private Path log(String ip) {
    return dir.resolve("node-" + ip + ".log");
  }

  private Process startPod(String ip, String dbUrl, Path ca, Path token) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path work = Files.createDirectories(dir.resolve(ip));
    List<String> command = List.of(java, "-Xmx384m",
        "-Dpekko.discovery.kubernetes-api.api-ca-path=" + ca,
        "-Dpekko.discovery.kubernetes-api.api-token-path=" + token,
        "-jar", JAR.toAbsolutePath().toString(), "--postgres", "--no-fleet");
    ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
        .redirectOutput(log(ip).toFile());
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(k -> k.startsWith("ETP_") || k.startsWith("KUBERNETES_"));
    env.putAll(Map.of("ETP_CLUSTER_DISCOVERY", "kubernetes-api", "ETP_K8S_NAMESPACE", NAMESPACE,
        "ETP_REMOTE_HOST", ip, "ETP_HTTP_HOST", ip, "ETP_EDGE_HOST", ip,
        "ETP_DB_URL", dbUrl, "ETP_DB_USER", "postgres",
        "KUBERNETES_SERVICE_HOST", API_HOST, "KUBERNETES_SERVICE_PORT", Integer.toString(api.getPort())));
    return builder.start();
  }

  private int status(String url) {
    try {
      return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).GET().build(),
          HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (Exception e) {
      return -1;
    }
  }

  private long upMembers(String ip) {
    try {
      String body = http.send(HttpRequest.newBuilder(URI.create("http://" + ip + ":" + MANAGEMENT_PORT
          + "/cluster/members")).timeout(Duration.ofSeconds(3)).GET().build(), HttpResponse.BodyHandlers.ofString())
          .body();
      long up = 0;
      for (JsonNode m : JSON.readTree(body).path("members")) {
        if ("Up".equals(m.path("status").asText())) {
          up++;
        }
      }
      return up;
    } catch (Exception e) {
      return -1;
    }
  }

  /** The API server's self-signed certificate as PEM: what the discovery trusts as its api-ca-path. */
  private static String serverCertificatePem(String host, int port) throws Exception {
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, new TrustManager[] {new X509TrustManager() {
      @Override public void checkClientTrusted(X509Certificate[] chain, String authType) {}
      @Override public void checkServerTrusted(X509Certificate[] chain, String authType) {}
      @Override public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
    }}, null);
    try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(host, port)) {
      socket.startHandshake();
      Certificate cert = socket.getSession().getPeerCertificates()[0];
      return "-----BEGIN CERTIFICATE-----\n"
          + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(cert.getEncoded())
          + "\n-----END CERTIFICATE-----\n";
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size())) + "\n";
    } catch (Exception e) {
      return "(no log: " + e.getMessage() + ")\n";
    }
  }
}
