package io.etp.node;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.etp.persistence.SchemaMigrations;
import io.etp.legacy.LegacyDeviceBridge;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sun.misc.Signal;

/**
 * Starts one ETP node. With no arguments: the embedded default (H2 file journal under ./data, a one-node cluster, a
 * simulated fleet and market, HTTP on 127.0.0.1:8080). Options override the configuration in cluster-config/.
 */
@Command(name = "etp-node", mixinStandardHelpOptions = true, version = "etp-node 0.1.0",
    description = "Runs an ETP energy-trading node.")
public final class Main implements Callable<Integer> {

  @Option(names = "--postgres", description = "Journal on PostgreSQL (ETP_DB_URL, ETP_DB_USER, ETP_DB_PASSWORD) instead of the embedded H2 file.")
  boolean postgres;

  @Option(names = "--http-port", description = "HTTP port (default: etp.http.port, 8080).")
  Integer httpPort;

  @Option(names = "--batteries", description = "Simulated batteries to register (default: etp.fleet.batteries).")
  Integer batteries;

  @Option(names = "--aggregators", description = "Simulated aggregators to register (default: etp.fleet.aggregators).")
  Integer aggregators;

  @Option(names = "--no-fleet", description = "Do not start the simulated fleet.")
  boolean noFleet;

  @Option(names = "--legacy-device", paramLabel = "[ID=]HOST:PORT",
      description = "A legacy (Go prototype) battery our aggregators bid on; repeatable. Replaces etp.edge.legacy.devices.")
  List<String> legacyDevices;

  @Option(names = "--migrate-only", description = "Apply the database schema migrations (Flyway) and exit 0; "
      + "nothing else starts. On Kubernetes the etp-migrate Job runs this once per rollout.")
  boolean migrateOnly;

  public static void main(String[] args) {
    Optional<String> badLogFormat = LogFormat.problem(LogFormat.configured());
    if (badLogFormat.isPresent()) {
      System.err.println("etp-node: " + badLogFormat.get());
      System.exit(LogFormat.BAD_VALUE_EXIT);
    }
    commonPoolParallelism(Runtime.getRuntime().availableProcessors(),
        System.getProperty(COMMON_POOL_PARALLELISM))
        .ifPresent(p -> System.setProperty(COMMON_POOL_PARALLELISM, p));
    Main main = new Main();
    int exit = new CommandLine(main).execute(args);
    if (exit != 0 || main.migrateOnly) {
      System.exit(exit);
    }
  }

  /** Exit status when migration is off and the database's schema is missing or older than this build's. */
  static final int SCHEMA_BEHIND_EXIT = 1;

  static final String COMMON_POOL_PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";

  /**
   * The common pool's parallelism to set before anything starts, if any. With 2 cores or fewer the JDK gives the
   * common pool a parallelism of 1, and then CompletableFuture runs every async stage on a new thread
   * (ThreadPerTaskExecutor). Scala's FutureConverters turn a converted future's handle/thenApply into their async
   * forms, so every ask piped back to an actor started a thread: about 160 threads/s on the node under device load
   * (JFR jdk.ThreadStart, issue #4). An explicit setting is kept.
   *
   * @param cpus available processors
   * @param configured the system property as set, or null
   * @return the parallelism to set, if the JDK default would be 1
   */
  static java.util.Optional<String> commonPoolParallelism(int cpus, String configured) {
    if (configured != null || cpus > 2) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of("2");
  }

  @Override
  public Integer call() {
    Config config;
    try {
      config = loadConfig();
    } catch (ClusterFormation.Invalid e) {
      System.err.println("etp-node: " + e.getMessage());
      return 2;
    }
    if (migrateOnly || config.getBoolean("etp.node.migrate-schema")) {
      var result = SchemaMigrations.migrate(config);
      System.out.printf("schema: %s, %d migration(s) applied%n",
          result.targetSchemaVersion == null ? "up to date" : "v" + result.targetSchemaVersion, result.migrationsExecuted);
      if (migrateOnly) {
        return 0;
      }
    } else {
      Optional<String> behind = SchemaMigrations.behind(SchemaMigrations.Target.fromConfig(config));
      if (behind.isPresent()) {
        System.err.println("etp-node: not starting: " + behind.get());
        return SCHEMA_BEHIND_EXIT;
      }
    }
    ActorSystem<Void> system = ActorSystem.create(Node.create(), "etp", config);
    stopOnSignals(system);
    return 0;
  }

  /**
   * SIGTERM (Kubernetes, systemd, {@code kill}) and SIGINT (Ctrl-C) run the node's coordinated shutdown from a signal
   * handler rather than from the JVM's shutdown hook. Run from the hook, the phases are the same but the JVM then
   * exits with the signal's status (143 or 130) whatever the shutdown did; run from here, the shutdown ends with
   * {@code pekko.coordinated-shutdown.exit-jvm} and its {@code exit-code} (0). A second signal while the shutdown runs
   * changes nothing: every phase has its timeout (cluster-config/cluster.conf), so the shutdown ends in bounded time.
   * Other ways the JVM exits (SIGHUP, {@code System.exit}) still run the shutdown through
   * {@code run-by-jvm-shutdown-hook}.
   */
  static void stopOnSignals(ActorSystem<?> system) {
    for (String name : List.of("TERM", "INT")) {
      Signal.handle(new Signal(name), signal -> {
        CoordinatedShutdown shutdown = CoordinatedShutdown.get(system);
        if (shutdown.getShutdownReason().isEmpty()) {
          system.log().info("SIG{} received: stopping the node", signal.getName());
        }
        shutdown.run(new SignalReason(signal.getName()));
      });
    }
  }

  /** Why the node stopped: the signal it received. */
  record SignalReason(String signal) implements CoordinatedShutdown.Reason {}

  Config loadConfig() {
    Map<String, Object> overrides = new HashMap<>();
    if (httpPort != null) {
      overrides.put("etp.http.port", httpPort);
    }
    if (batteries != null) {
      overrides.put("etp.fleet.batteries", batteries);
    }
    if (aggregators != null) {
      overrides.put("etp.fleet.aggregators", aggregators);
    }
    if (legacyDevices != null && !legacyDevices.isEmpty()) {
      legacyDevices.forEach(LegacyDeviceBridge.Device::parse); // a bad value fails here, with its reason
      overrides.put("etp.edge.legacy.devices", legacyDevices);
    }
    if (noFleet) {
      overrides.put("etp.fleet.enabled", false);
    }
    ConfigFactory.invalidateCaches();
    Config base = postgres ? ConfigFactory.load("postgres.conf") : ConfigFactory.load();
    String url = base.getString(DB_URL);
    String closedByNode = h2ClosedByNode(url);
    if (!closedByNode.equals(url)) {
      overrides.put(DB_URL, closedByNode);
    }
    Config loaded = ConfigFactory.parseMap(overrides).withFallback(base).resolve();
    // how the node joins (self, seeds, config or Kubernetes API discovery) and remoting TLS: checked before anything
    // starts, a bad setting stops here with ClusterFormation.Invalid
    return ClusterFormation.fromConfig(loaded.getConfig("etp.cluster")).pekkoSettings().withFallback(loaded).resolve();
  }

  static final String DB_URL = "pekko-persistence-jdbc.shared-databases.slick.db.url";

  /**
   * An H2 URL with {@code DB_CLOSE_ON_EXIT=FALSE} (unless it sets the option itself): by default H2 closes the
   * database from its own JVM shutdown hook, in parallel with the node's coordinated shutdown, so that the twins'
   * last persists, the audit flush and the projections failed with "Database is already closed". With the option the
   * database closes when the node closes its last pool, at the end of the shutdown. Other URLs are returned as given.
   *
   * @param url the journal's JDBC URL (etp's default, or ETP_H2_URL)
   * @return the URL the node uses
   */
  static String h2ClosedByNode(String url) {
    if (!url.startsWith("jdbc:h2:") || url.toUpperCase(java.util.Locale.ROOT).contains("DB_CLOSE_ON_EXIT")) {
      return url;
    }
    return url + ";DB_CLOSE_ON_EXIT=FALSE";
  }
}
