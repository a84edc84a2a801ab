package io.etp.node;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.etp.persistence.SchemaMigrations;
import io.etp.legacy.LegacyDeviceBridge;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.pekko.actor.typed.ActorSystem;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

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

  public static void main(String[] args) {
    commonPoolParallelism(Runtime.getRuntime().availableProcessors(),
        System.getProperty(COMMON_POOL_PARALLELISM))
        .ifPresent(p -> System.setProperty(COMMON_POOL_PARALLELISM, p));
    int exit = new CommandLine(new Main()).execute(args);
    if (exit != 0) {
      System.exit(exit);
    }
  }

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
    Config config = loadConfig();
    if (config.getBoolean("etp.node.migrate-schema")) {
      var result = SchemaMigrations.migrate(config);
      System.out.printf("schema: %s, %d migration(s) applied%n",
          result.targetSchemaVersion == null ? "up to date" : "v" + result.targetSchemaVersion, result.migrationsExecuted);
    }
    ActorSystem.create(Node.create(), "etp", config);
    return 0;
  }

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
    return ConfigFactory.parseMap(overrides).withFallback(base).resolve();
  }
}
