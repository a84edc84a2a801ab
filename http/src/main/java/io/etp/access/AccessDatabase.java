package io.etp.access;

import io.etp.web.ApiProblem;
import io.etp.web.ProblemException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JDBC connection behind the key store and the audit log: one dedicated thread holding one connection (reopened
 * after a failure) and a bounded queue of work. Blocking JDBC never runs on Pekko's dispatchers; when the queue is
 * full, work is refused with {@link Overloaded} (answered with 503) instead of queueing without bound. Key lookups are
 * cached by {@link Authenticator}, so this thread sees key management, cache misses and audit batches only.
 */
public final class AccessDatabase implements AutoCloseable {

  /** A unit of work on the connection. */
  @FunctionalInterface
  public interface Work<T> {
    T apply(Connection connection) throws SQLException;
  }

  /** The work queue is full. */
  public static final class Overloaded extends RuntimeException implements ProblemException {
    Overloaded() {
      super("the access database is overloaded");
    }

    @Override
    public ApiProblem problem() {
      return new ApiProblem(StatusCodes.SERVICE_UNAVAILABLE, "overloaded", "the node is overloaded; retry");
    }
  }

  private static final Logger log = LoggerFactory.getLogger(AccessDatabase.class);

  private final String url;
  private final String user;
  private final String password;
  private final ThreadPoolExecutor executor;
  private Connection connection; // only touched on the executor's thread

  public AccessDatabase(String url, String user, String password, int queueSize) {
    this.url = url;
    this.user = user;
    this.password = password;
    this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(queueSize), r -> {
      Thread t = new Thread(r, "etp-access-db");
      t.setDaemon(true);
      return t;
    });
  }

  /** Runs {@code work} on the database thread. */
  public <T> CompletableFuture<T> run(Work<T> work) {
    try {
      return CompletableFuture.supplyAsync(() -> {
        try {
          return work.apply(connection());
        } catch (SQLException e) {
          closeQuietly();
          throw new CompletionException(e);
        }
      }, executor);
    } catch (RejectedExecutionException e) {
      return CompletableFuture.failedFuture(new Overloaded());
    }
  }

  private Connection connection() throws SQLException {
    if (connection == null || connection.isClosed()) {
      connection = DriverManager.getConnection(url, user, password);
      connection.setAutoCommit(true);
    }
    return connection;
  }

  private void closeQuietly() {
    try {
      if (connection != null) {
        connection.close();
      }
    } catch (SQLException e) {
      log.debug("closing a failed access connection: {}", e.getMessage());
    }
    connection = null;
  }

  /** Finishes queued work (up to 5 s), then closes the connection. */
  @Override
  public void close() {
    executor.execute(this::closeQuietly);
    executor.shutdown();
    try {
      if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
        log.warn("access database work still running after 5 s at shutdown");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
