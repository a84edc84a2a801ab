package io.etp.node;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.etp.persistence.SchemaMigrations;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the journal's database answers, for {@code /health/ready}: every {@code interval} one thread of its own runs
 * {@code SELECT 1} (one-connection pool, 1 s connection and query timeouts) and caches the time of the last success.
 * The route only reads that time, so it never blocks on the database; the node is healthy while the last success is
 * younger than {@code 2 x interval + 1 s}, so an outage shows within about 3 s and a return within one interval.
 */
public final class JournalHealth implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(JournalHealth.class);

  private final HikariDataSource pool;
  private final ScheduledExecutorService timer;
  private final long staleNanos;
  private volatile long lastOkNanos = Long.MIN_VALUE;
  private volatile boolean reportedDown;

  public JournalHealth(SchemaMigrations.Target target, Duration interval) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(target.url());
    config.setUsername(target.user());
    config.setPassword(target.password());
    config.setPoolName("journal-health");
    config.setMaximumPoolSize(1);
    config.setMinimumIdle(0);
    config.setConnectionTimeout(1000);
    config.setValidationTimeout(500);
    config.setInitializationFailTimeout(-1); // start even while the database is down
    this.pool = new HikariDataSource(config);
    this.staleNanos = interval.multipliedBy(2).plusSeconds(1).toNanos();
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "journal-health");
      t.setDaemon(true);
      return t;
    });
    timer.scheduleWithFixedDelay(this::check, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** True while the last {@code SELECT 1} succeeded recently enough. Never blocks. */
  public boolean healthy() {
    long last = lastOkNanos;
    return last != Long.MIN_VALUE && System.nanoTime() - last < staleNanos;
  }

  private void check() {
    try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
      s.setQueryTimeout(1);
      s.execute("SELECT 1");
      lastOkNanos = System.nanoTime();
      if (reportedDown) {
        reportedDown = false;
        log.info("journal database answers again; /health/ready follows");
      }
    } catch (Exception e) {
      if (!reportedDown) {
        reportedDown = true;
        log.warn("journal database does not answer ({}); /health/ready answers 503 until it does", e.getMessage());
      }
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
    pool.close();
  }
}
