package io.etp.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SchemaMigrationsTest {

  private static final Set<String> JOURNAL_TABLES = Set.of("event_journal", "event_tag", "snapshot", "durable_state");

  @Test
  void createsTheJournalSchemaOnPostgresAndIsANoOpTheSecondTime() throws Exception {
    String url = TestDatabases.freshPostgresSchema("mig");
    var target = new SchemaMigrations.Target(url, TestDatabases.USER, TestDatabases.PASSWORD);

    var first = SchemaMigrations.migrate(target);
    var second = SchemaMigrations.migrate(target);

    assertTrue(first.migrationsExecuted >= 1, "first run applies the migrations");
    assertEquals(0, second.migrationsExecuted, "second run applies nothing");
    try (Connection c = DriverManager.getConnection(url, TestDatabases.USER, TestDatabases.PASSWORD)) {
      assertTrue(tables(c, c.getSchema()).containsAll(JOURNAL_TABLES));
    }
  }

  @Test
  void createsTheJournalSchemaInAnH2File(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    String url = "jdbc:h2:file:" + dir.resolve("etp") + ";DATABASE_TO_UPPER=false";

    SchemaMigrations.migrate(new SchemaMigrations.Target(url, "sa", ""));

    assertTrue(Files.exists(dir.resolve("etp.mv.db")), "the journal lives in a file");
    try (Connection c = DriverManager.getConnection(url, "sa", "")) {
      assertTrue(tables(c, "PUBLIC").containsAll(JOURNAL_TABLES));
    }
  }

  @Test
  void theDerivedDataPoolDoesNotWaitForTheWalFlushOnPostgresWhileOtherPoolsDo() throws Exception {
    String url = TestDatabases.freshPostgresSchema("pool");
    var target = new SchemaMigrations.Target(url, TestDatabases.USER, TestDatabases.PASSWORD);
    try (var derived = target.derivedDataPool("derived", 1); var journal = target.pool("journal", 1)) {
      assertEquals("off", setting(derived.getConnection(), "synchronous_commit"));
      assertEquals("on", setting(journal.getConnection(), "synchronous_commit"));
    }
  }

  @Test
  void theTagQueryOnH2ReadsThePolledTagsRowsOnlyNotTheWholeTagTable(@org.junit.jupiter.api.io.TempDir Path dir)
      throws Exception {
    String url = "jdbc:h2:file:" + dir.resolve("etp") + ";DATABASE_TO_UPPER=false";
    SchemaMigrations.migrate(new SchemaMigrations.Target(url, "sa", ""));
    try (Connection c = DriverManager.getConnection(url, "sa", "")) {
      TestDatabases.insertTaggedRows(c, 400);
      // the shape of pekko-persistence-jdbc's eventsByTag query
      try (ResultSet plan = c.createStatement().executeQuery("EXPLAIN SELECT j.\"ordering\" FROM \"event_journal\" j "
          + "JOIN \"event_tag\" t ON j.\"ordering\" = t.\"event_id\" WHERE j.\"deleted\" = FALSE "
          + "AND t.\"tag\" = 'tag-3' AND j.\"ordering\" > 100 AND j.\"ordering\" <= 200 "
          + "ORDER BY j.\"ordering\" LIMIT 500")) {
        plan.next();
        String text = plan.getString(1);
        assertTrue(text.contains("event_tag_tag_idx") && !text.contains("event_tag.tableScan"), text);
      }
    }
  }

  private static String setting(Connection c, String name) throws Exception {
    try (c; ResultSet rs = c.createStatement().executeQuery("SHOW " + name)) {
      rs.next();
      return rs.getString(1);
    }
  }

  @Test
  void refusesAnUnsupportedDatabaseWithAClearMessage() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> SchemaMigrations.migrate(new SchemaMigrations.Target("jdbc:mysql://x/y", "u", "p")));
    assertTrue(e.getMessage().contains("unsupported database url"), e.getMessage());
  }

  private static Set<String> tables(Connection c, String schema) throws Exception {
    Set<String> names = new HashSet<>();
    try (ResultSet rs = c.getMetaData().getTables(null, schema, "%", new String[] {"TABLE"})) {
      while (rs.next()) {
        names.add(rs.getString("TABLE_NAME"));
      }
    }
    return names;
  }
}
