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
    return flyway(target).migrate();
  }

  /**
   * For a node that does not migrate (ETP_MIGRATE_SCHEMA=off, as on Kubernetes where a Job migrates once per rollout):
   * the reason this database's schema is not the one this build expects, or empty when it is current.
   *
   * @param target the journal's database
   * @return a message naming the applied and expected versions and the way to migrate, if the schema is missing or behind
   */
  public static java.util.Optional<String> behind(Target target) {
    var info = flyway(target).info();
    var pending = info.pending();
    if (pending.length == 0) {
      return java.util.Optional.empty();
    }
    var current = info.current();
    String applied = current == null ? "no schema" : "schema v" + current.getVersion();
    String expected = "v" + pending[pending.length - 1].getVersion();
    return java.util.Optional.of("the database " + target.url() + " has " + applied + ", this node needs " + expected
        + " (" + pending.length + " migration(s) pending). Migration is off on this node (etp.node.migrate-schema,"
        + " ETP_MIGRATE_SCHEMA=off): run `java -jar etp-node.jar --migrate-only` (on Kubernetes the etp-migrate Job)"
        + " first, or start with ETP_MIGRATE_SCHEMA=on");
  }

  private static Flyway flyway(Target target) {
    return Flyway.configure()
        .locations("classpath:db/migration/" + target.vendor())
        .dataSource(target.url(), target.user(), target.password())
        .load();
  }
}
