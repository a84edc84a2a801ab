package io.etp.persistence;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.QueueOfferResult;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes audit-only rows in batches, outside the journal: a bounded in-memory queue (Pekko Streams
 * {@code Source.queue}) that {@link #offer} never blocks on, grouped into batches of up to {@code batchSize} or
 * {@code flushInterval}, inserted by a single writer on the blocking-IO dispatcher in one transaction per batch, a
 * failed batch retried with backoff. A full queue drops the row and counts it ({@link #dropped()}); a batch that keeps
 * failing is counted in {@link #failed()}. {@link #close()} writes everything accepted before it returns.
 *
 * @param <T> the row type
 */
public final class BatchedJdbcWriter<T> implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(BatchedJdbcWriter.class);

  /** Queue capacity, batch size, how long a partial batch may wait, write attempts, and the cap on rows a query returns. */
  public record Settings(int capacity, int batchSize, Duration flushInterval, int writeAttempts, int maxQueryRows) {
    public static final Settings DEFAULT = new Settings(50_000, 500, Duration.ofMillis(200), 5, 10_000);

    public Settings {
      if (capacity < 1 || batchSize < 1 || writeAttempts < 1 || maxQueryRows < 1) {
        throw new IllegalArgumentException("capacity, batchSize, writeAttempts and maxQueryRows must be positive");
      }
    }
  }

  /** Sets the insert statement's parameters for one row. */
  @FunctionalInterface
  public interface RowBinder<T> {
    void bind(PreparedStatement insert, T row) throws SQLException;
  }

  /** Reads one result row. */
  @FunctionalInterface
  public interface RowReader<R> {
    R read(ResultSet rs) throws SQLException;
  }

  private final String name;
  private final String insertSql;
  private final RowBinder<T> binder;
  private final Settings settings;
  private final HikariDataSource dataSource;
  private final BoundedSourceQueue<T> queue;
  private final CompletionStage<Done> drained;
  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong written = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();

  /**
   * @param name names the connection pool and the log lines, e.g. "bid-audit"
   * @param insertSql the parameterised INSERT that {@code binder} fills for each row
   */
  public BatchedJdbcWriter(ActorSystem<?> system, SchemaMigrations.Target database, Settings settings, String name,
      String insertSql, RowBinder<T> binder) {
    this.name = name;
    this.insertSql = insertSql;
    this.binder = binder;
    this.settings = settings;
    this.dataSource = database.pool(name, 2);
    Executor blocking = system.dispatchers().lookup(DispatcherSelector.blocking());
    var materialized = Source.<T>queue(settings.capacity())
        .groupedWithin(settings.batchSize(), settings.flushInterval())
        .mapAsync(1, batch -> CompletableFuture.runAsync(() -> writeWithRetries(batch), blocking))
        .toMat(Sink.ignore(), Keep.both())
        .run(system);
    this.queue = materialized.first();
    this.drained = materialized.second();
  }

  /** Hands over one row without blocking; false if it was dropped because the queue is full or closed. */
  public boolean offer(T row) {
    QueueOfferResult result = queue.offer(row);
    if (result == QueueOfferResult.enqueued()) {
      accepted.incrementAndGet();
      return true;
    }
    if (dropped.incrementAndGet() % 1000 == 1) {
      log.warn("{} queue full or closed ({}): {} row(s) dropped so far", name, result, dropped.get());
    }
    return false;
  }

  /** Runs a query with one string parameter and a row limit ({@code maxQueryRows}) as the statement's 2nd parameter. */
  public <R> List<R> query(String sql, String key, RowReader<R> reader) {
    List<R> rows = new ArrayList<>();
    try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, key);
      s.setInt(2, settings.maxQueryRows());
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          rows.add(reader.read(rs));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(name + " query for " + key + " failed: " + e.getMessage(), e);
    }
    return rows;
  }

  public long dropped() {
    return dropped.get();
  }

  public long written() {
    return written.get();
  }

  public long failed() {
    return failed.get();
  }

  /**
   * Waits until every row accepted so far is written (or counted as failed). Returns false on timeout.
   * For shutdown ordering and tests; trading never waits on an audit trail.
   */
  public boolean awaitWritten(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (written.get() + failed.get() < accepted.get()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(10);
    }
    return true;
  }

  /** Stops accepting rows, writes everything already accepted, then closes the pool. */
  @Override
  public void close() {
    queue.complete();
    drained.toCompletableFuture().join();
    dataSource.close();
  }

  private void writeWithRetries(List<T> batch) {
    for (int attempt = 1; ; attempt++) {
      try {
        write(batch);
        written.addAndGet(batch.size());
        return;
      } catch (SQLException e) {
        if (attempt >= settings.writeAttempts()) {
          failed.addAndGet(batch.size());
          log.error("{} batch of {} lost after {} attempts: {}", name, batch.size(), attempt, e.getMessage());
          return;
        }
        log.warn("{} batch of {} failed (attempt {}), retrying: {}", name, batch.size(), attempt, e.getMessage());
        try {
          Thread.sleep(100L << Math.min(attempt, 6));
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          failed.addAndGet(batch.size());
          return;
        }
      }
    }
  }

  private void write(List<T> batch) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement s = c.prepareStatement(insertSql)) {
        for (T row : batch) {
          binder.bind(s, row);
          s.addBatch();
        }
        s.executeBatch();
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    }
  }
}
