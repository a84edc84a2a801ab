package io.etp.bench.history;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.zaxxer.hikari.HikariDataSource;
import io.etp.battery.Battery;
import io.etp.fleet.Fleet;
import io.etp.fleet.FleetSettings;
import io.etp.persistence.SchemaMigrations;
import io.etp.readmodel.ReadModelProjection;
import io.etp.readmodel.ReadModelSettings;
import io.etp.trading.TradingCore;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * How fast the read-model projection works through a journal backlog: the simulated fleet trades on PostgreSQL for
 * {@code --trade} with no projection running, the node stops, then a fresh node starts only the projections and the
 * benchmark times how long they take to bring every battery tag's stored offset to the journal's end.
 *
 * <pre>java -cp bench/target/benchmarks.jar io.etp.bench.history.ProjectionCatchUpBenchmark --batteries 200 --trade 60s</pre>
 */
@Command(name = "projection-catch-up", mixinStandardHelpOptions = true,
    description = "Journal backlog from real twins, then time the read-model projection catching up.")
public final class ProjectionCatchUpBenchmark implements Callable<Integer> {

  @Option(names = "--url", defaultValue = "jdbc:postgresql://127.0.0.1:5432/etp_bench") String url;
  @Option(names = "--user", defaultValue = "postgres") String user;
  @Option(names = "--schema", defaultValue = "projection_bench") String schema;
  @Option(names = "--batteries", defaultValue = "200") int batteries;
  @Option(names = "--aggregators", defaultValue = "10") int aggregators;
  @Option(names = "--trade", defaultValue = "60s", description = "how long the fleet trades first") String trade;
  @Option(names = "--group-size", defaultValue = "200") int groupSize;
  @Option(names = "--group-within", defaultValue = "250ms") String groupWithin;

  public static void main(String[] args) {
    System.exit(new CommandLine(new ProjectionCatchUpBenchmark()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    BenchSchema bench;
    try {
      bench = new BenchSchema(url, user, "", schema);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(new CommandLine(this), e.getMessage());
    }
    String schemaUrl = bench.prepare(false) + "&reWriteBatchedInserts=true";
    Config config = ConfigFactory.parseString("""
            pekko.loglevel = WARNING
            pekko.remote.artery.canonical.port = 0
            pekko.coordinated-shutdown.exit-jvm = off
            pekko-persistence-jdbc.shared-databases.slick.db { url = "%s", user = "%s", password = "" }
            # all batteries re-offer at once, as when the figures in docs/benchmarks.md were measured
            etp.fleet { batteries = %d, aggregators = %d, reoffer-spread = off }
            etp.read-models { group-size = %d, group-within = %s }
            """.formatted(schemaUrl, user, batteries, aggregators, groupSize, groupWithin))
        .withFallback(ConfigFactory.parseResources("postgres.conf"))
        .withFallback(ConfigFactory.defaultReference())
        .resolve();
    SchemaMigrations.migrate(config);
    Duration tradeFor = config.withFallback(ConfigFactory.parseString("t = " + trade)).getDuration("t");

    ActorSystem<Void> traders = start(config);
    try {
      TradingCore core = TradingCore.init(traders);
      traders.systemActorOf(Fleet.create(core, FleetSettings.fromConfig(config.getConfig("etp")), Clock.systemUTC()),
          "fleet", Props.empty());
      System.out.printf(Locale.ROOT, "trading for %d s (%d batteries, %d aggregators), no projection%n",
          tradeFor.toSeconds(), batteries, aggregators);
      Thread.sleep(tradeFor.toMillis());
    } finally {
      traders.terminate();
      traders.getWhenTerminated().toCompletableFuture().get(120, TimeUnit.SECONDS);
    }
    long backlog = bench.count("SELECT count(*) FROM event_tag WHERE tag LIKE 'battery-%'");
    long trades = bench.count("SELECT count(*) FROM event_journal WHERE event_ser_manifest = 'TradeConfirmed'");
    System.out.printf(Locale.ROOT, "journal: %,d battery events (%,d trades) to project%n", backlog, trades);

    ReadModelSettings settings = ReadModelSettings.fromConfig(config);
    ActorSystem<Void> reader = start(config);
    try (HikariDataSource dataSource = new SchemaMigrations.Target(schemaUrl, user, "")
        .pool("projection-bench", settings.poolSize())) {
      AtomicLong processed = new AtomicLong();
      long t0 = System.nanoTime();
      ReadModelProjection.init(reader, dataSource, settings, processed);
      String caughtUp = "SELECT count(*) FROM pekko_projection_offset_store o WHERE o.projection_name = '"
          + ReadModelProjection.NAME + "' AND CAST(o.current_offset AS BIGINT) = (SELECT MAX(event_id) FROM event_tag t"
          + " WHERE t.tag = o.projection_key)";
      long lastPrint = t0;
      while (bench.count(caughtUp) < Battery.TAGS.size()) {
        Thread.sleep(50);
        if (System.nanoTime() - lastPrint > 5_000_000_000L) {
          lastPrint = System.nanoTime();
          System.out.printf(Locale.ROOT, "  %,d/%,d events handled%n", processed.get(), backlog);
        }
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      long rows = bench.count("SELECT count(*) FROM trades");
      System.out.printf(Locale.ROOT, "%n| battery events | trades | group size / within | catch-up s | events/s |%n"
          + "|---:|---:|---|---:|---:|%n| %,d | %,d | %d / %s | %.1f | %,.0f |%n", backlog, rows, groupSize,
          groupWithin, seconds, backlog / seconds);
      if (rows != trades) {
        System.out.printf(Locale.ROOT, "MISMATCH: %d trade rows for %d journaled trades%n", rows, trades);
        return 1;
      }
    } finally {
      reader.terminate();
      reader.getWhenTerminated().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }
    return 0;
  }

  private static ActorSystem<Void> start(Config config) throws InterruptedException {
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "bench", config);
    Cluster cluster = Cluster.get(system);
    cluster.manager().tell(Join.create(cluster.selfMember().address()));
    while (cluster.selfMember().status() != MemberStatus.up()) {
      Thread.sleep(20);
    }
    return system;
  }
}
