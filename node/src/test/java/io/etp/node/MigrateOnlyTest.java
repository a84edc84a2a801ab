package io.etp.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etp.persistence.SchemaMigrations;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Schema migrations once per rollout (k8s/base/migrate-job.yaml): {@code --migrate-only} migrates and exits without
 * starting the node; a node with migration off refuses a database whose schema is missing, with a message naming the
 * way out. On an embedded H2 file of its own (the same Flyway path as PostgreSQL, other SQL dialect).
 */
class MigrateOnlyTest {

  private Path dir;
  private String url;

  @BeforeEach
  void ownDatabase() throws Exception {
    dir = Files.createTempDirectory("k8s-migrate-only");
    url = "jdbc:h2:file:" + dir.resolve("etp") + ";DATABASE_TO_UPPER=false";
    System.setProperty(Main.DB_URL, url);
  }

  @AfterEach
  void clear() {
    System.clearProperty(Main.DB_URL);
    System.clearProperty("etp.node.migrate-schema");
  }

  @Test
  void migrateOnlyAppliesEveryMigrationAndReturnsWithoutStartingTheNode() throws Exception {
    Main main = new Main();
    int exit = new CommandLine(main).execute("--migrate-only");

    assertEquals(0, exit);
    assertTrue(main.migrateOnly);
    SchemaMigrations.Target target = new SchemaMigrations.Target(url, "sa", "");
    assertTrue(SchemaMigrations.behind(target).isEmpty(), "schema current after --migrate-only");
    try (var c = DriverManager.getConnection(url, "sa", "");
         ResultSet tables = c.getMetaData().getTables(null, null, "event_journal", null)) {
      assertTrue(tables.next(), "the journal table exists");
    }
    // a second run (the next rollout's Job) applies nothing and succeeds
    assertEquals(0, new CommandLine(new Main()).execute("--migrate-only"));
  }

  @Test
  void aNodeWithMigrationOffRefusesAMissingSchemaWithAClearMessage() {
    System.setProperty("etp.node.migrate-schema", "off");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream before = System.err;
    int exit;
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      exit = new CommandLine(new Main()).execute();
    } finally {
      System.setErr(before);
    }
    String message = err.toString(StandardCharsets.UTF_8);
    System.out.println("refused with: " + message.strip());
    assertEquals(Main.SCHEMA_BEHIND_EXIT, exit);
    assertTrue(message.contains("no schema"), message);
    assertTrue(message.contains("--migrate-only"), message);
    assertTrue(message.contains("ETP_MIGRATE_SCHEMA"), message);
  }

  @Test
  void aSchemaBehindThisBuildIsNamedWithBothVersions() throws Exception {
    SchemaMigrations.Target target = new SchemaMigrations.Target(url, "sa", "");
    org.flywaydb.core.Flyway.configure().locations("classpath:db/migration/h2").dataSource(url, "sa", "")
        .target("1").load().migrate();

    String message = SchemaMigrations.behind(target).orElseThrow();

    assertTrue(message.contains("has schema v1,"), message);
    SchemaMigrations.migrate(target);
    assertTrue(SchemaMigrations.behind(target).isEmpty());
  }
}
