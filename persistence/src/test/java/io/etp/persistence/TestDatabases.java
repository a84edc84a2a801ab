package io.etp.persistence;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The PostgreSQL server the integration tests run against: the real one CI starts (.ci/run), reached through
 * ETP_TEST_DB_URL (default jdbc:postgresql://127.0.0.1:5432/etp_test). Each caller gets a fresh schema of its own,
 * so test classes never see each other's rows. A missing server fails the test; it is never skipped.
 */
public final class TestDatabases {

  public static final String URL = System.getenv().getOrDefault("ETP_TEST_DB_URL", "jdbc:postgresql://127.0.0.1:5432/etp_test");
  public static final String USER = System.getenv().getOrDefault("ETP_TEST_DB_USER", "postgres");
  public static final String PASSWORD = System.getenv().getOrDefault("ETP_TEST_DB_PASSWORD", "");

  private TestDatabases() {}

  /** Creates an empty schema and returns a JDBC URL whose connections use it. */
  public static String freshPostgresSchema(String prefix) throws SQLException {
    ensureDatabaseExists();
    String schema = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    }
    return URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema + "&reWriteBatchedInserts=true";
  }

  /** Creates the test database on first use, through the server's maintenance database. */
  private static synchronized void ensureDatabaseExists() throws SQLException {
    int slash = URL.lastIndexOf('/');
    int query = URL.indexOf('?', slash);
    String database = URL.substring(slash + 1, query < 0 ? URL.length() : query);
    String maintenanceUrl = URL.substring(0, slash + 1) + "postgres";
    try (Connection c = DriverManager.getConnection(maintenanceUrl, USER, PASSWORD);
        var check = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      check.setString(1, database);
      try (var rs = check.executeQuery()) {
        if (!rs.next()) {
          try (Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE \"" + database.replace("\"", "") + "\"");
          }
        }
      }
    }
  }

  /** The node's PostgreSQL configuration (cluster-config/postgres.conf) pointed at {@code url}. */
  public static Config postgresNodeConfig(String url) {
    return ConfigFactory.parseString("""
            pekko-persistence-jdbc.shared-databases.slick.db {
              url = "%s"
              user = "%s"
              password = "%s"
            }
            """.formatted(url, USER, PASSWORD))
        .withFallback(ConfigFactory.parseResources("postgres.conf"))
        .withFallback(ConfigFactory.defaultReference())
        .resolve();
  }

  /**
   * Journal rows 1..{@code count} of ten persistence ids, each tagged {@code tag-(ordering % 8)}: the shape the read
   * journal's tag queries are planned on, without events that deserialise.
   */
  public static void insertTaggedRows(java.sql.Connection c, int count) throws SQLException {
    try (var insert = c.createStatement()) {
      for (int i = 1; i <= count; i++) {
        insert.addBatch("INSERT INTO \"event_journal\" (\"ordering\", \"persistence_id\", \"sequence_number\", "
            + "\"writer\", \"write_timestamp\", \"adapter_manifest\", \"event_payload\", \"event_ser_id\", "
            + "\"event_ser_manifest\") VALUES (" + i + ", 'p" + (i % 10) + "', " + i + ", 'w', 0, '', X'00', 1, 'm')");
        insert.addBatch("INSERT INTO \"event_tag\" (\"event_id\", \"tag\") VALUES (" + i + ", 'tag-" + (i % 8) + "')");
      }
      insert.executeBatch();
    }
  }
}
