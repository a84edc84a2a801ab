package io.etp.node.cluster;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * A cluster of ETP nodes as separate JVM processes ({@link NodeProcess}) on 127.0.2.1 .. 127.0.2.N, all on one
 * PostgreSQL database, all with the simulated fleet on (it is a cluster singleton: the oldest node runs it), formed
 * through seed nodes (every node lists every node; the cluster waits for all N before any is Up).
 */
public final class ClusterProcesses implements AutoCloseable {

  private final List<NodeProcess> nodes;
  private final Path dir;

  /**
   * @param size number of nodes
   * @param jar the node jar
   * @param dir a directory for the nodes' work directories and logs (made readable for the nodes' users)
   * @param dbUrl the journal's JDBC URL (PostgreSQL)
   * @param extraEnv more of the node's environment
   * @param args the node's options (--postgres, fleet size, ...)
   */
  public ClusterProcesses(int size, Path jar, Path dir, String dbUrl, Map<String, String> extraEnv, List<String> args)
      throws IOException {
    this.dir = dir;
    Files.createDirectories(dir);
    // the nodes run as users of their own: they must reach their directories
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    List<String> seeds = IntStream.rangeClosed(1, size).mapToObj(NodeProcess::address).toList();
    java.util.HashMap<String, String> env = new java.util.HashMap<>(Map.of(
        "ETP_DB_URL", dbUrl, "ETP_DB_USER", "postgres", "ETP_DB_PASSWORD", ""));
    env.putAll(extraEnv);
    nodes = new ArrayList<>();
    for (int i = 1; i <= size; i++) {
      Path nodeDir = dir.resolve("node" + i);
      Files.createDirectories(nodeDir);
      Files.setPosixFilePermissions(nodeDir, PosixFilePermissions.fromString("rwxr-xr-x"));
      nodes.add(new NodeProcess(i, jar, nodeDir, env, args, seeds));
    }
  }

  public List<NodeProcess> nodes() {
    return nodes;
  }

  public NodeProcess node(int index) {
    return nodes.get(index - 1);
  }

  public List<NodeProcess> running() {
    return nodes.stream().filter(NodeProcess::alive).toList();
  }

  /** Any node that runs and is ready, for reads. */
  public Optional<NodeProcess> anyReady() {
    return nodes.stream().filter(n -> n.alive() && n.ready()).findFirst();
  }

  /**
   * Starts every node that is not running and waits until every node is ready (each an Up member).
   */
  public void ensureAllUp(Duration patience) throws IOException, InterruptedException {
    boolean clusterRuns = nodes.stream().anyMatch(NodeProcess::alive);
    for (NodeProcess n : nodes) {
      if (!n.alive()) {
        assertPortsFree(n);
        n.start(clusterRuns);
      }
    }
    for (NodeProcess n : nodes) {
      n.awaitReady(patience);
    }
  }

  /** Fails early and clearly when something else holds one of the node's ports (a wildcard bind of another test). */
  private static void assertPortsFree(NodeProcess n) throws IOException {
    for (int port : List.of(NodeProcess.HTTP_PORT, NodeProcess.EDGE_PORT, NodeProcess.REMOTE_PORT)) {
      try (ServerSocket s = new ServerSocket()) {
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getByName(n.host()), port));
      } catch (IOException taken) {
        throw new IOException(n.host() + ":" + port + " is taken by another process: " + taken.getMessage(), taken);
      }
    }
  }

  /** Every node's latest log tail, for a failing test's message. */
  public String tails(int lines) {
    StringBuilder s = new StringBuilder();
    for (NodeProcess n : nodes) {
      s.append(n.tail(lines)).append("\n\n");
    }
    return s.toString();
  }

  public Path dir() {
    return dir;
  }

  /** SIGTERM to every node, then SIGKILL to what still runs after 20 s. */
  @Override
  public void close() throws InterruptedException {
    for (NodeProcess n : nodes) {
      if (n.alive()) {
        n.sigterm();
      }
    }
    for (NodeProcess n : nodes) {
      if (n.alive() && n.awaitExit(Duration.ofSeconds(20)) == -1) {
        n.kill9();
      }
    }
  }
}
