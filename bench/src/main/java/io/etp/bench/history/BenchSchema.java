package io.etp.bench.history;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The PostgreSQL schema a history benchmark works in: the database is created when missing, the schema dropped and
 * created afresh (unless reused), and connections are bound to it through {@code currentSchema}.
 */
record BenchSchema(String url, String user, String password, String schema) {

  BenchSchema {
    if (!schema.matches("[a-z_][a-z0-9_]{0,62}")) {
      throw new IllegalArgumentException("--schema must be a lower-case identifier: " + schema);
    }
  }

  /** Creates the database if missing and, unless {@code reuse}, the schema afresh; returns a URL bound to it. */
  String prepare(boolean reuse) throws SQLException {
    int slash = url.lastIndexOf('/');
    String database = url.substring(slash + 1).replaceAll("\\?.*", "");
    try (Connection c = DriverManager.getConnection(url.substring(0, slash + 1) + "postgres", user, password);
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
    if (!reuse) {
      try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        s.execute("CREATE SCHEMA " + schema);
      }
    }
    return schemaUrl();
  }

  /** The URL whose connections work in this schema. */
  String schemaUrl() {
    return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  /** The single number {@code sql} answers in this schema (a count). */
  long count(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(schemaUrl(), user, password); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
