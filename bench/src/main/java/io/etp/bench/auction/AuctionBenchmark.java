package io.etp.bench.auction;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.etp.aggregator.AggregatorSettings;
import io.etp.fleet.Fleet;
import io.etp.fleet.FleetSettings;
import io.etp.persistence.BatchedJdbcWriter;
import io.etp.persistence.JdbcBidAuditSink;
import io.etp.persistence.SchemaMigrations;
import io.etp.protocol.v1.MessageType;
import io.etp.trading.MessageTimings;
import io.etp.trading.TradingCore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
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
 * End-to-end trading benchmark on one node with the journal on PostgreSQL: a simulated fleet trades continuously
 * through the real twins (sharding, event sourcing, protobuf serialization, JDBC journal, batched bid audit). After a
 * warm-up it measures completed auctions per second (from the journal) and the send-to-handling latency of every ETP
 * message type at the twins (HdrHistogram). Not a test: a measurement, run by hand, results in docs/benchmarks.md.
 */
@Command(name = "auction-benchmark", mixinStandardHelpOptions = true,
    description = "Completed auctions/s and per-type ETP latency on one node on PostgreSQL.")
public final class AuctionBenchmark implements Callable<Integer> {

  @Option(names = "--db-url", description = "PostgreSQL database (a fresh schema is created in it). Default: ${DEFAULT-VALUE}")
  String dbUrl = "jdbc:postgresql://127.0.0.1:5432/etp_bench";

  @Option(names = "--db-user", description = "Default: ${DEFAULT-VALUE}")
  String dbUser = "postgres";

  @Option(names = "--batteries", description = "Default: ${DEFAULT-VALUE}")
  int batteries = 500;

  @Option(names = "--aggregators", description = "Default: ${DEFAULT-VALUE}")
  int aggregators = 10;

  @Option(names = "--window", description = "Auction bid window. Default: ${DEFAULT-VALUE}")
  Duration window = Duration.ofMillis(300);

  @Option(names = "--reoffer", description = "How often batteries re-offer their energy. Default: ${DEFAULT-VALUE}")
  Duration reoffer = Duration.ofSeconds(2);

  @Option(names = "--query-interval", description = "How often aggregators query idle batteries. Default: ${DEFAULT-VALUE}")
  Duration queryInterval = Duration.ofMillis(500);

  @Option(names = "--warmup", description = "Default: ${DEFAULT-VALUE}")
  Duration warmup = Duration.ofSeconds(20);

  @Option(names = "--duration", description = "Measured period. Default: ${DEFAULT-VALUE}")
  Duration duration = Duration.ofSeconds(60);

  @Option(names = "--json", description = "Write the result as JSON here.")
  Path json;

  public static void main(String[] args) {
    System.exit(new CommandLine(new AuctionBenchmark())
        // durations as in HOCON ("300ms", "20s", "2m"), the notation of the node's own configuration
        .registerConverter(Duration.class, text -> ConfigFactory.parseString("d = " + text).getDuration("d"))
        .execute(args));
  }

  @Override
  public Integer call() throws Exception {
    String schemaUrl = freshSchema();
    Config config = ConfigFactory.parseString("""
            pekko.loglevel = WARNING
            pekko.remote.artery.canonical.port = 0
            pekko.coordinated-shutdown.exit-jvm = off
            pekko-persistence-jdbc.shared-databases.slick.db { url = "%s", user = "%s", password = "" }
            etp.battery.auction.window = %dms
            etp.aggregator.query-interval = %dms
            # all batteries re-offer at once, as when the figures in docs/benchmarks.md were measured
            etp.fleet { batteries = %d, aggregators = %d, reoffer-interval = %dms, reoffer-spread = off }
            """.formatted(schemaUrl, dbUser, window.toMillis(), queryInterval.toMillis(), batteries, aggregators,
            reoffer.toMillis()))
        .withFallback(ConfigFactory.parseResources("postgres.conf"))
        .withFallback(ConfigFactory.defaultReference())
        .resolve();
    SchemaMigrations.migrate(config);

    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "bench", config);
    try {
      Cluster cluster = Cluster.get(system);
      cluster.manager().tell(Join.create(cluster.selfMember().address()));
      while (cluster.selfMember().status() != MemberStatus.up()) {
        Thread.sleep(20);
      }
      JdbcBidAuditSink audit = new JdbcBidAuditSink(system, SchemaMigrations.Target.fromConfig(config),
          BatchedJdbcWriter.Settings.DEFAULT);
      TradingCore core = TradingCore.init(system, audit,
          AggregatorSettings.fromConfig(config.getConfig("etp")).priceSignal());
      system.systemActorOf(Fleet.create(core, FleetSettings.fromConfig(config.getConfig("etp")), Clock.systemUTC()),
          "fleet", Props.empty());

      System.out.printf("warming up for %d s (%d batteries, %d aggregators, window %d ms)%n", warmup.toSeconds(),
          batteries, aggregators, window.toMillis());
      Thread.sleep(warmup.toMillis());
      MessageTimings timings = core.timings();
      timings.reset();
      Counts start = counts(schemaUrl);
      long started = System.nanoTime();
      long end = started + duration.toNanos();
      while (System.nanoTime() < end) {
        Thread.sleep(Math.min(5_000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
        Counts now = counts(schemaUrl);
        double seconds = (System.nanoTime() - started) / 1e9;
        long messages = timings.snapshot().values().stream().mapToLong(MessageTimings.Summary::count).sum();
        System.out.printf("  %5.0f s  auctions %6d (%.1f/s)  trades %6d  messages %8d (%.0f/s)%n", seconds,
            now.auctionsEnded - start.auctionsEnded, (now.auctionsEnded - start.auctionsEnded) / seconds,
            now.trades - start.trades, messages, messages / seconds);
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      Counts stop = counts(schemaUrl);
      Map<MessageType, MessageTimings.Summary> latency = timings.snapshot();
      report(seconds, start, stop, latency, audit);
      audit.close();
      return 0;
    } finally {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }
  }

  private record Counts(long auctionsEnded, long trades) {}

  private Counts counts(String url) throws SQLException {
    try (Connection c = DriverManager.getConnection(url, dbUser, "");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT"
            + " count(*) FILTER (WHERE event_ser_manifest = 'AuctionEnded'),"
            + " count(*) FILTER (WHERE event_ser_manifest = 'TradeConfirmed') FROM event_journal")) {
      rs.next();
      return new Counts(rs.getLong(1), rs.getLong(2));
    }
  }

  private void report(double seconds, Counts start, Counts stop, Map<MessageType, MessageTimings.Summary> latency,
      JdbcBidAuditSink audit) throws Exception {
    long auctions = stop.auctionsEnded - start.auctionsEnded;
    long trades = stop.trades - start.trades;
    long messages = latency.values().stream().mapToLong(MessageTimings.Summary::count).sum();
    StringBuilder md = new StringBuilder();
    md.append(String.format("Measured %.0f s after %d s warm-up; %d batteries, %d aggregators, window %d ms%n%n",
        seconds, warmup.toSeconds(), batteries, aggregators, window.toMillis()));
    md.append(String.format("| completed auctions/s | trades/s | ETP messages/s | bid audit rows dropped |%n"));
    md.append("|---|---|---|---|\n");
    md.append(String.format("| %.1f | %.1f | %.0f | %d |%n%n", auctions / seconds, trades / seconds,
        messages / seconds, audit.dropped()));
    md.append("| type | count | p50 ms | p99 ms | p99.9 ms | max ms | past deadline |\n|---|---|---|---|---|---|---|\n");
    latency.values().forEach(s -> md.append(String.format("| %s | %d | %d | %d | %d | %d | %d |%n", s.type(),
        s.count(), s.p50Ms(), s.p99Ms(), s.p999Ms(), s.maxMs(), s.late())));
    System.out.println();
    System.out.print(md);
    if (json != null) {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("measuredAt", Instant.now().toString());
      result.put("seconds", seconds);
      result.put("batteries", batteries);
      result.put("aggregators", aggregators);
      result.put("windowMs", window.toMillis());
      result.put("completedAuctionsPerSecond", auctions / seconds);
      result.put("tradesPerSecond", trades / seconds);
      result.put("messagesPerSecond", messages / seconds);
      result.put("latency", List.copyOf(latency.values()));
      Files.createDirectories(json.toAbsolutePath().getParent());
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), result);
    }
  }

  /** Creates the database if needed and a fresh schema in it; returns a URL whose connections use that schema. */
  private String freshSchema() throws SQLException {
    int slash = dbUrl.lastIndexOf('/');
    String database = dbUrl.substring(slash + 1).replaceAll("\\?.*", "");
    try (Connection c = DriverManager.getConnection(dbUrl.substring(0, slash + 1) + "postgres", dbUser, "");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database.replace("'", "") + "'")) {
      if (!rs.next()) {
        s.execute("CREATE DATABASE \"" + database.replace("\"", "") + "\"");
      }
    }
    String schema = "bench_" + System.currentTimeMillis();
    try (Connection c = DriverManager.getConnection(dbUrl, dbUser, ""); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    }
    return dbUrl + (dbUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema + "&reWriteBatchedInserts=true";
  }
}
