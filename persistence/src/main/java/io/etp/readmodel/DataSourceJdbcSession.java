package io.etp.readmodel;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.apache.pekko.japi.function.Function;
import org.apache.pekko.projection.jdbc.JdbcSession;

/**
 * The projection's transaction: one pooled connection with auto-commit off, taken on first use. Pekko Projection
 * JDBC writes the handler's rows and the offset through the same session, then commits: that is what makes the
 * projection exactly-once.
 */
final class DataSourceJdbcSession implements JdbcSession {

  private final DataSource dataSource;
  private Connection connection;

  DataSourceJdbcSession(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public <R> R withConnection(Function<Connection, R> func) throws Exception {
    if (connection == null) {
      connection = dataSource.getConnection();
      connection.setAutoCommit(false);
    }
    return func.apply(connection);
  }

  @Override
  public void commit() throws SQLException {
    if (connection != null) {
      connection.commit();
    }
  }

  @Override
  public void rollback() throws SQLException {
    if (connection != null) {
      connection.rollback();
    }
  }

  @Override
  public void close() throws SQLException {
    if (connection != null) {
      try {
        connection.close();
      } finally {
        connection = null;
      }
    }
  }
}
