package io.etp.feed;

import com.zaxxer.hikari.HikariDataSource;
import io.etp.persistence.BidAuditRows;
import io.etp.persistence.SchemaMigrations;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.RestartSettings;
import org.apache.pekko.stream.UniqueKillSwitch;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.RestartSource;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bid-audit tail: every node follows the {@code bid_audit} table, which the batteries of every node fill in
 * batches ({@code JdbcBidAuditSink}), from its end when the node starts, polling every {@code pollInterval} for the
 * rows after the last one handled, in {@code id} order without skipping a row committed late
 * ({@link GapFreeCursor}). So a bid decided on any node reaches every node's live stream, from the same persisted row.
 *
 * <p>The stream restarts with backoff after a failure and resumes after the last row it handled; it runs apart from
 * the batteries (which only ever offer to their audit queue), and stops with the node's coordinated shutdown.
 */
public final class BidAuditTail {

  private static final Logger log = LoggerFactory.getLogger(BidAuditTail.class);

  /** Rows read per poll at most; a backlog is read in several polls, one right after the other. */
  static final int ROWS_PER_POLL = 1_000;

  /** Pages read one after the other in one poll while a backlog lasts. */
  static final int PAGES_PER_POLL = 10;

  /** How long a stop waits for the poll in flight before it closes the connection under it. */
  private static final Duration STOP_PATIENCE = Duration.ofSeconds(5);

  private final UniqueKillSwitch killSwitch;
  private final HikariDataSource pool;
  private final AtomicReference<CompletableFuture<?>> inFlight;

  private BidAuditTail(UniqueKillSwitch killSwitch, HikariDataSource pool,
      AtomicReference<CompletableFuture<?>> inFlight) {
    this.killSwitch = killSwitch;
    this.pool = pool;
    this.inFlight = inFlight;
  }

  /**
   * Reads the table's current end, tells {@code startsAfter}, then follows the table from there, handing every row
   * to {@code rows} in {@code id} order.
   *
   * @param pollInterval how often an idle tail asks for new rows
   * @param gapTimeout how long a missing id is waited for before the rows after it are handed out
   */
  public static CompletionStage<BidAuditTail> start(ActorSystem<?> system, SchemaMigrations.Target database,
      Duration pollInterval, Duration gapTimeout, RestartSettings restart, LongConsumer startsAfter,
      Consumer<BidAuditRows.Row> rows) {
    Executor blocking = system.dispatchers().lookup(DispatcherSelector.blocking());
    HikariDataSource pool = database.pool("bid-audit-tail", 1);
    return CompletableFuture.supplyAsync(() -> query(pool, BidAuditRows::currentEnd), blocking)
        .thenApply(end -> {
          log.info("bid-audit tail starts after row {}", end);
          startsAfter.accept(end);
          GapFreeCursor<BidAuditRows.Row> cursor = new GapFreeCursor<>(end, gapTimeout, BidAuditRows.Row::id);
          Clock clock = Clock.systemUTC();
          AtomicReference<CompletableFuture<?>> inFlight =
              new AtomicReference<>(CompletableFuture.completedFuture(null));
          UniqueKillSwitch killSwitch = RestartSource.withBackoff(restart,
                  () -> Source.tick(Duration.ZERO, pollInterval, Done.getInstance())
                      .mapAsync(1, tick -> {
                        CompletableFuture<List<BidAuditRows.Row>> polled =
                            CompletableFuture.supplyAsync(() -> poll(pool, cursor, clock), blocking);
                        inFlight.set(polled);
                        return polled;
                      }))
              .mapConcat(batch -> batch)
              .viaMat(KillSwitches.single(), Keep.right())
              .toMat(Sink.foreach(rows::accept), Keep.left())
              .run(system);
          BidAuditTail tail = new BidAuditTail(killSwitch, pool, inFlight);
          CoordinatedShutdown.get(system).addTask(CoordinatedShutdown.PhaseServiceStop(), "etp-bid-audit-tail",
              tail::stop);
          return tail;
        })
        .whenComplete((tail, failure) -> {
          if (failure != null) {
            pool.close();
          }
        });
  }

  /**
   * Stops the stream, then closes its connection once the poll in flight has finished (at most
   * {@link #STOP_PATIENCE}): closed under a running query, the query failed with a socket error and its stack trace
   * reached the log of a clean shutdown.
   */
  public CompletionStage<Done> stop() {
    killSwitch.shutdown();
    return inFlight.get().handle((rows, failure) -> Done.getInstance())
        .completeOnTimeout(Done.getInstance(), STOP_PATIENCE.toMillis(), TimeUnit.MILLISECONDS)
        .thenApply(done -> {
          pool.close();
          return done;
        });
  }

  /**
   * One poll: the rows after the cursor, in order, reading again at once while full pages come back whole (a
   * backlog), up to {@link #PAGES_PER_POLL} pages; the cursor advances.
   */
  private static List<BidAuditRows.Row> poll(HikariDataSource pool, GapFreeCursor<BidAuditRows.Row> cursor,
      Clock clock) {
    return query(pool, c -> {
      List<BidAuditRows.Row> ready = new java.util.ArrayList<>();
      long skippedBefore = cursor.skipped();
      for (int page = 0; page < PAGES_PER_POLL; page++) {
        List<BidAuditRows.Row> read = BidAuditRows.after(c, cursor.afterId(), ROWS_PER_POLL);
        List<BidAuditRows.Row> accepted = cursor.accept(read, clock.instant());
        ready.addAll(accepted);
        if (read.size() < ROWS_PER_POLL || accepted.size() < read.size()) {
          break;
        }
      }
      if (cursor.skipped() > skippedBefore) {
        log.warn("bid-audit tail: {} row id(s) never appeared and were skipped", cursor.skipped() - skippedBefore);
      }
      return ready;
    });
  }

  private interface Query<T> {
    T run(Connection connection) throws SQLException;
  }

  private static <T> T query(HikariDataSource pool, Query<T> query) {
    try (Connection c = pool.getConnection()) {
      return query.run(c);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read bid_audit: " + e.getMessage(), e);
    }
  }
}
