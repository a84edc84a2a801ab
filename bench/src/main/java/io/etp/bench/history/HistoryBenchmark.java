package io.etp.bench.history;

import com.zaxxer.hikari.HikariDataSource;
import io.etp.persistence.SchemaMigrations;
import io.etp.readmodel.Cursor;
import io.etp.readmodel.HistoryFilter;
import io.etp.readmodel.HistoryQueries;
import io.etp.readmodel.Page;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.HdrHistogram.Histogram;
import org.postgresql.PGConnection;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * History queries on 1,000,000 trades: fills {@code trades} in a fresh PostgreSQL schema (the production Flyway
 * migrations, so the production indexes) with COPY, then runs a mix of history queries through
 * {@link HistoryQueries}, the class the REST routes use, one at a time, and prints p50/p99/p99.9/max per kind and
 * overall; writes the result as JSON and markdown.
 *
 * <pre>java -cp bench/target/benchmarks.jar io.etp.bench.history.HistoryBenchmark --trades 1000000 --queries 2000</pre>
 */
@Command(name = "history-bench", mixinStandardHelpOptions = true,
    description = "Fill trades with N rows, then time history queries (keyset pages, filters).")
public final class HistoryBenchmark implements Callable<Integer> {

  /** The kinds of query in the mix, with their share. */
  enum Kind {
    TIME_RANGE(25), BATTERY(25), AGGREGATOR(20), BATTERY_IN_RANGE(10), PAGE_WALK(20);

    final int percent;

    Kind(int percent) {
      this.percent = percent;
    }
  }

  @Option(names = "--url", description = "PostgreSQL server URL (database is created if missing)",
      defaultValue = "jdbc:postgresql://127.0.0.1:5432/etp_bench") String url;
  @Option(names = "--user", defaultValue = "postgres") String user;
  @Option(names = "--password", defaultValue = "") String password;
  @Option(names = "--schema", defaultValue = "history_bench",
      description = "schema to (re)create and fill; dropped first unless --reuse") String schema;
  @Option(names = "--reuse", description = "query an already filled schema instead of refilling it") boolean reuse;
  @Option(names = "--trades", defaultValue = "1000000") int trades;
  @Option(names = "--batteries", defaultValue = "1000") int batteries;
  @Option(names = "--aggregators", defaultValue = "50") int aggregators;
  @Option(names = "--days", defaultValue = "30", description = "the trades span this many days") int days;
  @Option(names = "--queries", defaultValue = "2000") int queries;
  @Option(names = "--warmup", defaultValue = "300") int warmup;
  @Option(names = "--limit", defaultValue = "50", description = "rows per page") int limit;
  @Option(names = "--walk-pages", defaultValue = "5", description = "pages per page walk") int walkPages;
  @Option(names = "--seed", defaultValue = "42") long seed;
  @Option(names = "--out", defaultValue = "bench/target/history-bench") Path out;

  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  public static void main(String[] args) {
    System.exit(new CommandLine(new HistoryBenchmark()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    BenchSchema bench;
    try {
      bench = new BenchSchema(url, user, password, schema);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(new CommandLine(this), e.getMessage());
    }
    String schemaUrl = bench.prepare(reuse);
    SchemaMigrations.Target target = new SchemaMigrations.Target(schemaUrl, user, password);
    if (!reuse) {
      SchemaMigrations.migrate(target);
      fill(schemaUrl);
    }
    try (HikariDataSource dataSource = target.pool("history", 4)) {
      HistoryQueries history = new HistoryQueries(dataSource);
      long rows = bench.count("SELECT count(*) FROM trades");
      System.out.printf(Locale.ROOT, "trades in %s: %,d%n", schema, rows);
      SplittableRandom random = new SplittableRandom(seed);
      Map<Kind, Histogram> byKind = new EnumMap<>(Kind.class);
      for (Kind k : Kind.values()) {
        byKind.put(k, new Histogram(3));
      }
      Histogram all = new Histogram(3);
      long returned = 0;
      for (int i = 0; i < warmup; i++) {
        run(history, pick(random), random, null, null);
      }
      int done = 0;
      long started = System.nanoTime();
      while (done < queries) {
        Kind kind = pick(random);
        int before = done;
        long[] counters = new long[2];
        done += run(history, kind, random, h -> {
          byKind.get(kind).recordValue(h);
          all.recordValue(h);
        }, counters);
        returned += counters[1];
        if (done / 500 != before / 500) {
          System.out.printf(Locale.ROOT, "  %d/%d queries%n", Math.min(done, queries), queries);
        }
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      report(rows, byKind, all, returned, seconds);
    }
    return 0;
  }

  private Kind pick(SplittableRandom random) {
    int r = random.nextInt(100);
    for (Kind k : Kind.values()) {
      if (r < k.percent) {
        return k;
      }
      r -= k.percent;
    }
    return Kind.PAGE_WALK;
  }

  /** Runs one query of {@code kind} (a walk is several pages, each timed); returns the number of queries timed. */
  private int run(HistoryQueries history, Kind kind, SplittableRandom random,
      java.util.function.LongConsumer record, long[] counters) {
    long spanMs = days * 86_400_000L;
    HistoryFilter base = HistoryFilter.all(limit);
    HistoryFilter f = switch (kind) {
      case TIME_RANGE -> {
        Instant from = START.plusMillis(random.nextLong(spanMs - 3_600_000L));
        yield base.between(from, from.plus(1, ChronoUnit.HOURS));
      }
      case BATTERY, PAGE_WALK -> base.withBattery(battery(random.nextInt(batteries)));
      case AGGREGATOR -> base.withAggregator(aggregator(random.nextInt(aggregators)));
      case BATTERY_IN_RANGE -> {
        Instant from = START.plusMillis(random.nextLong(spanMs - 86_400_000L));
        yield base.withBattery(battery(random.nextInt(batteries))).between(from, from.plus(1, ChronoUnit.DAYS));
      }
    };
    int pages = kind == Kind.PAGE_WALK ? walkPages : 1;
    int timed = 0;
    Optional<Cursor> cursor = Optional.empty();
    for (int p = 0; p < pages; p++) {
      HistoryFilter page = cursor.map(f::after).orElse(f);
      long t0 = System.nanoTime();
      Page<HistoryQueries.TradeRow> result = history.trades(page);
      long took = System.nanoTime() - t0;
      timed++;
      if (record != null) {
        record.accept(took);
        counters[1] += result.items().size();
      }
      cursor = result.next();
      if (cursor.isEmpty()) {
        break;
      }
    }
    return timed;
  }

  private static String battery(int i) {
    return String.format(Locale.ROOT, "bess-%04d", i);
  }

  private static String aggregator(int i) {
    return String.format(Locale.ROOT, "agg-%03d", i);
  }

  /** COPYs {@code trades} rows in chunks of 50,000 with progress, then ANALYZE. */
  private void fill(String schemaUrl) throws SQLException, IOException {
    long spanMs = days * 86_400_000L;
    SplittableRandom random = new SplittableRandom(seed ^ 0x5eed);
    long t0 = System.nanoTime();
    try (Connection c = DriverManager.getConnection(schemaUrl, user, password)) {
      var copy = c.unwrap(PGConnection.class).getCopyAPI();
      int chunk = 50_000;
      for (int start = 0; start < trades; start += chunk) {
        StringBuilder rows = new StringBuilder(chunk * 80);
        for (int i = start; i < Math.min(trades, start + chunk); i++) {
          // evenly spread in time with jitter, so that time order and insertion order differ a little
          long at = START.toEpochMilli() + (long) ((double) i / trades * spanMs) + random.nextInt(60_000);
          rows.append(String.format(Locale.ROOT, "auc-%09d", i)).append('\t')
              .append(battery(random.nextInt(batteries))).append('\t')
              .append(aggregator(random.nextInt(aggregators))).append('\t')
              .append(String.format(Locale.ROOT, "%.3f", 5 + random.nextDouble() * 95)).append('\t')
              .append(String.format(Locale.ROOT, "%.3f", 8 + random.nextDouble() * 12)).append('\t')
              .append(at).append('\n');
        }
        copy.copyIn("COPY trades (auction_id, battery_id, aggregator_id, energy_kwh, price_c_per_kwh,"
            + " confirmed_at_ms) FROM STDIN", new StringReader(rows.toString()));
        System.out.printf(Locale.ROOT, "  filled %,d/%,d trades (%.1f s)%n", Math.min(trades, start + chunk), trades,
            (System.nanoTime() - t0) / 1e9);
      }
      try (Statement s = c.createStatement()) {
        s.execute("ANALYZE trades");
      }
    }
    System.out.printf(Locale.ROOT, "filled %,d trades in %.1f s%n", trades, (System.nanoTime() - t0) / 1e9);
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }

  private void report(long rows, Map<Kind, Histogram> byKind, Histogram all, long returned, double seconds)
      throws IOException {
    StringBuilder md = new StringBuilder();
    md.append(String.format(Locale.ROOT, "trades: %,d; queries: %d (after %d warm-up), %d rows a page, %.1f s%n%n",
        rows, all.getTotalCount(), warmup, limit, seconds));
    md.append("| query | count | p50 ms | p99 ms | p99.9 ms | max ms |\n|---|---:|---:|---:|---:|---:|\n");
    StringBuilder json = new StringBuilder("{\"trades\":" + rows + ",\"queries\":" + all.getTotalCount()
        + ",\"limit\":" + limit + ",\"rows_returned\":" + returned + ",\"kinds\":{");
    boolean first = true;
    for (Map.Entry<Kind, Histogram> e : byKind.entrySet()) {
      md.append(line(e.getKey().name().toLowerCase(Locale.ROOT), e.getValue()));
      json.append(first ? "" : ",").append('"').append(e.getKey().name().toLowerCase(Locale.ROOT)).append("\":")
          .append(jsonOf(e.getValue()));
      first = false;
    }
    md.append(line("**all**", all));
    json.append("},\"all\":").append(jsonOf(all)).append("}\n");
    System.out.println();
    System.out.print(md);
    Files.createDirectories(out);
    Files.writeString(out.resolve("history-bench.md"), md, StandardCharsets.UTF_8);
    Files.writeString(out.resolve("history-bench.json"), json, StandardCharsets.UTF_8);
    System.out.println("\nwritten: " + out.resolve("history-bench.md") + ", " + out.resolve("history-bench.json"));
  }

  private static String line(String name, Histogram h) {
    return String.format(Locale.ROOT, "| %s | %d | %.2f | %.2f | %.2f | %.2f |%n", name, h.getTotalCount(),
        ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(99)), ms(h.getValueAtPercentile(99.9)),
        ms(h.getMaxValue()));
  }

  private static String jsonOf(Histogram h) {
    return String.format(Locale.ROOT, "{\"count\":%d,\"p50_ms\":%.3f,\"p99_ms\":%.3f,\"p999_ms\":%.3f,\"max_ms\":%.3f}",
        h.getTotalCount(), ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(99)),
        ms(h.getValueAtPercentile(99.9)), ms(h.getMaxValue()));
  }
}
