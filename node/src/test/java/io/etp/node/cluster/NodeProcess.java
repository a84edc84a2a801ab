package io.etp.node.cluster;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * One ETP node as a pod would run it: the real node jar in its own JVM, on its own loopback address
 * ({@code 127.0.2.N}, the {@code faults} range) with the same ports as every other node (HTTP 8080, device gateway
 * 7400, remoting 25520), its output in a log file of its own per start, and its own working directory.
 *
 * <p>The JVM runs under a user id of its own ({@code setpriv}, uid {@code 61000 + N}), so that
 * {@link LoopbackPartition} can cut its outgoing packets with an {@code ip rule uidrange} (every process connects
 * from 127.0.0.1 on loopback, so the source address cannot tell the nodes apart). {@code setpriv} execs the JVM, so
 * the {@link Process} is the JVM itself: {@link #kill9()} is SIGKILL and {@link #sigterm()} SIGTERM to the node.
 *
 * <p>Cluster formation: the contract's {@code ETP_CLUSTER_DISCOVERY=seeds} and {@code ETP_SEED_NODES} are set, and,
 * until the {@code cluster} branch that reads them is merged, the same seed nodes as system properties
 * ({@link #formationProperties}). Once it is merged, {@link #FORMATION_BY_PROPERTIES} becomes {@code false}.
 */
public final class NodeProcess {

  /** Form the cluster with -D system properties (before the contract's environment variables are implemented). */
  static final boolean FORMATION_BY_PROPERTIES = false;

  static final int HTTP_PORT = 8080;
  static final int EDGE_PORT = 7400;
  static final int REMOTE_PORT = 25520;
  /** The admin key every node gets (at least 32 characters); loopback readers need none. */
  static final String ADMIN_KEY = "faults-admin-key-0123456789abcdef0123";

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final int index;
  private final Path jar;
  private final Path dir;
  private final Map<String, String> environment;
  private final List<String> args;
  private final List<String> seeds;
  private Process process;
  private Path log;
  private int starts;

  /**
   * @param index N in 127.0.2.N (1..254)
   * @param jar the node jar
   * @param dir a directory for this node (working directory and logs)
   * @param environment the node's ETP_* environment (database, fleet, ...), on top of addresses and ports
   * @param args node options (e.g. {@code --postgres})
   * @param seeds the cluster's seed nodes, {@code pekko://etp@HOST:PORT}
   */
  NodeProcess(int index, Path jar, Path dir, Map<String, String> environment, List<String> args, List<String> seeds) {
    this.index = index;
    this.jar = jar;
    this.dir = dir;
    this.environment = Map.copyOf(environment);
    this.args = List.copyOf(args);
    this.seeds = List.copyOf(seeds);
  }

  static String host(int index) {
    return "127.0.2." + index;
  }

  static String address(int index) {
    return "pekko://etp@" + host(index) + ":" + REMOTE_PORT;
  }

  public int index() {
    return index;
  }

  public String host() {
    return host(index);
  }

  public String name() {
    return "node" + index;
  }

  /** The user id its JVM runs as. */
  public int uid() {
    return 61000 + index;
  }

  public String baseUrl() {
    return "http://" + host() + ":" + HTTP_PORT + "/";
  }

  /** The log of the latest start. */
  public Path log() {
    return log;
  }

  public boolean alive() {
    return process != null && process.isAlive();
  }

  public Process process() {
    return process;
  }

  /**
   * Starts the node (again), with a new log file.
   *
   * @param joinExisting whether other nodes run: then it lists itself last among the seeds, so that it joins them
   */
  public synchronized void start(boolean joinExisting) throws IOException, InterruptedException {
    if (alive()) {
      throw new IllegalStateException(name() + " is running");
    }
    Path work = dir.resolve("work");
    Files.createDirectories(work);
    chown(work);
    starts++;
    log = dir.resolve(name() + "-start" + starts + ".log");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of("setpriv", "--reuid", String.valueOf(uid()),
        "--regid", String.valueOf(uid()), "--clear-groups", java, "-Xmx384m", "-XX:+UseSerialGC",
        "-XX:TieredStopAtLevel=1", "-Xss512k"));
    List<String> seedOrder = seedsForStart(seeds, address(index), joinExisting);
    if (FORMATION_BY_PROPERTIES) {
      command.addAll(formationProperties(seedOrder));
    }
    command.addAll(List.of("-Duser.home=" + work, "-jar", jar.toAbsolutePath().toString()));
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(k -> k.startsWith("ETP_") || k.startsWith("JAVA_TOOL"));
    env.putAll(nodeEnvironment(seedOrder));
    process = builder.start();
  }

  /**
   * The seed list a start uses. Only the first seed of a list may join itself (form a new cluster) when no other
   * seed answers within seed-node-timeout; a restarted first seed that does so under load forms an island of one,
   * which (with min-nr-of-members = 3) never becomes Up, so it never becomes ready. A node that joins running
   * nodes lists itself last; when no node runs, the list keeps its order so that the first seed forms the cluster.
   */
  static List<String> seedsForStart(List<String> seeds, String self, boolean joinExisting) {
    if (!joinExisting || !seeds.contains(self)) {
      return seeds;
    }
    List<String> order = new ArrayList<>(seeds);
    order.remove(self);
    order.add(self);
    return order;
  }

  /**
   * The cluster formation as system properties: the seed nodes, no self-join, and the Split Brain Resolver's
   * stable-after of the contract (ETP_SBR_STABLE_AFTER, 5 s). Not {@code min-nr-of-members = 3}: the shard
   * coordinator answers no request for an unallocated shard's home until that many regions have registered, and a
   * coordinator that moves after a node is lost (kill -9 of the oldest) then waits for a third region forever, so
   * the lost node's shards never come back (seen in ClusterFaultsJarIT). Shards spread by rebalancing instead.
   */
  static List<String> formationProperties(List<String> seeds) {
    List<String> props = new ArrayList<>();
    for (int i = 0; i < seeds.size(); i++) {
      props.add("-Dpekko.cluster.seed-nodes." + i + "=" + seeds.get(i));
    }
    props.add("-Detp.cluster.join-self=false");
    props.add("-Dpekko.cluster.split-brain-resolver.stable-after=5s");
    return props;
  }

  private Map<String, String> nodeEnvironment(List<String> seeds) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("ETP_HTTP_HOST", host());
    env.put("ETP_HTTP_PORT", String.valueOf(HTTP_PORT));
    env.put("ETP_EDGE_HOST", host());
    env.put("ETP_EDGE_PORT", String.valueOf(EDGE_PORT));
    env.put("ETP_REMOTE_HOST", host());
    env.put("ETP_REMOTE_PORT", String.valueOf(REMOTE_PORT));
    env.put("ETP_ADMIN_API_KEY", ADMIN_KEY);
    // the contract's names (docs: cluster helper); read by the node once the cluster branch is merged
    env.put("ETP_CLUSTER_DISCOVERY", "seeds");
    env.put("ETP_SEED_NODES", String.join(",", seeds));
    env.put("ETP_SBR_STABLE_AFTER", "5s");
    env.putAll(environment);
    return env;
  }

  /** SIGKILL: the JVM dies at once, nothing runs. */
  public void kill9() throws InterruptedException {
    if (process != null) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** SIGTERM, as Kubernetes stops a pod: the node's coordinated shutdown runs. */
  public void sigterm() {
    if (process != null) {
      process.destroy();
    }
  }

  /** Waits for the process to exit; returns its exit status, or -1 if it still runs after {@code patience}. */
  public int awaitExit(Duration patience) throws InterruptedException {
    if (process == null) {
      return 0;
    }
    return process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
  }

  /** Whether {@code /health/ready} answers 200 now. */
  public boolean ready() {
    return status("health/ready") == 200;
  }

  /** The HTTP status of a GET of {@code path} (relative), or -1 when the node cannot be reached. */
  public int status(String path) {
    try {
      HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
          .timeout(Duration.ofSeconds(3)).GET().build(), HttpResponse.BodyHandlers.discarding());
      return r.statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** Waits until the node is ready (an Up member whose journal answers), failing if it exits or time runs out. */
  public void awaitReady(Duration patience) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + patience.toNanos();
    while (!ready()) {
      if (!alive()) {
        throw new IllegalStateException(name() + " exited with " + process.exitValue() + " before it was ready:\n"
            + tail(80));
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(name() + " not ready within " + patience + ":\n" + tail(80));
      }
      Thread.sleep(500);
    }
  }

  /** The latest log's lines (empty before the first start). */
  public List<String> logLines() {
    if (log == null || !Files.exists(log)) {
      return List.of();
    }
    try {
      return Files.readAllLines(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return List.of("(log unreadable: " + e.getMessage() + ")");
    }
  }

  /** The latest log's lines that contain {@code text}. */
  public List<String> logLinesWith(String text) {
    return logLines().stream().filter(l -> l.contains(text)).collect(Collectors.toList());
  }

  /** The last {@code n} lines of the latest log, for failure messages. */
  public String tail(int n) {
    List<String> lines = logLines();
    return name() + " (" + log + "):\n"
        + String.join("\n", lines.subList(Math.max(0, lines.size() - n), lines.size()));
  }

  private void chown(Path path) throws IOException {
    Files.setAttribute(path, "unix:uid", uid());
    Files.setAttribute(path, "unix:gid", uid());
  }
}
