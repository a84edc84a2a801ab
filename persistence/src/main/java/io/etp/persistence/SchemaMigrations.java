package io.etp.persistence;

import com.typesafe.config.Config;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Applies the database schema (journal, snapshots, durable state, audit and read tables) with Flyway before anything
 * opens the journal. The migration set is chosen by the JDBC URL's vendor: {@code db/migration/postgres} or
 * {@code db/migration/h2}. Running it again is a no-op.
 */
public final class SchemaMigrations {

  /** Where the journal's shared Slick database is configured (see cluster-config/persistence*.conf). */
  public static final String SHARED_DB_PATH = "pekko-persistence-jdbc.shared-databases.slick.db";

  private SchemaMigrations() {}

  /** The connection the journal uses, read from the node's configuration. */
  public record Target(String url, String user, String password) {
    public Target {
      if (url == null || url.isBlank()) {
        throw new IllegalArgumentException("database url is empty: set " + SHARED_DB_PATH + ".url");
      }
    }

    public static Target fromConfig(Config config) {
      Config db = config.getConfig(SHARED_DB_PATH);
      return new Target(db.getString("url"), db.hasPath("user") ? db.getString("user") : "",
          db.hasPath("password") ? db.getString("password") : "");
    }

    /** A bounded connection pool to this database (HikariCP), named for its threads and metrics. */
    public HikariDataSource pool(String name, int maximumSize) {
      return new HikariDataSource(config(name, maximumSize));
    }

    /**
     * A pool for data derived from the journal and rebuilt from it after a crash (the read models, whose rows and
     * projection offsets commit in one transaction): on PostgreSQL its commits do not wait for their WAL flush
     * ({@code synchronous_commit = off}). A crash can then undo the last fraction of a second of such commits, rows and
     * offsets together, and the projections replay those events; in exchange these writes stop queueing for the WAL
     * flush beside the journal's, on whose commit a confirmed trade waits (docs/benchmarks.md, device edge).
     */
    public HikariDataSource derivedDataPool(String name, int maximumSize) {
      HikariConfig pool = config(name, maximumSize);
      if (vendor().equals("postgres")) {
        pool.setConnectionInitSql("SET synchronous_commit = off");
      }
      return new HikariDataSource(pool);
    }

    private HikariConfig config(String name, int maximumSize) {
      HikariConfig pool = new HikariConfig();
      pool.setJdbcUrl(url);
      pool.setUsername(user);
      pool.setPassword(password);
      pool.setMaximumPoolSize(maximumSize);
      pool.setPoolName(name);
      // fail fast while the database is down (Hikari's default waits 30 s for a connection), see persistence.conf
      pool.setConnectionTimeout(2000);
      pool.setValidationTimeout(1000);
      return pool;
    }

    String vendor() {
      if (url.startsWith("jdbc:postgresql:")) {
        return "postgres";
      }
      if (url.startsWith("jdbc:h2:")) {
        return "h2";
      }
      throw new IllegalArgumentException("unsupported database url '" + url + "': use jdbc:postgresql: or jdbc:h2:");
    }
  }

  /** Migrates the database behind {@code config}'s journal to the latest schema and returns what was applied. */
  public static MigrateResult migrate(Config config) {
    return migrate(Target.fromConfig(config));
  }

  public static MigrateResult migrate(Target target) {
    String location = "classpath:db/migration/" + target.vendor();
    return Flyway.configure()
        .locations(location)
        .dataSource(target.url(), target.user(), target.password())
        .load()
        .migrate();
  }
}
