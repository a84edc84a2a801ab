package io.etp.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.etp.aggregator.Aggregator;
import io.etp.battery.Battery;
import io.etp.fleet.Fleet;
import io.etp.fleet.FleetSettings;
import io.etp.trading.TradingCore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.persistence.jdbc.config.ReadJournalConfig;
import org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.stream.javadsl.Sink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link TagRangeReadJournalDao}: on the node's H2 configuration it reads, for every tag, exactly the events the
 * plugin's own query reads (fed by real twins trading through the journal), and a poll reads only its range's rows of
 * the tag, where the plugin's query reads every row the tag has.
 */
class TagRangeReadJournalDaoTest {

  private static final String DEFAULT_DAO = "org.apache.pekko.persistence.jdbc.query.dao.DefaultReadJournalDao";

  @Test
  void readsExactlyWhatThePluginsOwnQueryReadsForEveryTag(@TempDir Path dir) throws Exception {
    String url = "jdbc:h2:file:" + dir.resolve("etp") + ";DATABASE_TO_UPPER=false";
    SchemaMigrations.migrate(new SchemaMigrations.Target(url, "sa", ""));
    Config config = ConfigFactory.parseString("""
            pekko.remote.artery.canonical.port = 0
            pekko.coordinated-shutdown.exit-jvm = off
            pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off
            pekko-persistence-jdbc.shared-databases.slick.db.url = "%s"
            etp.battery.auction.window = 200ms
            plugin-query-journal = ${jdbc-read-journal} { dao = "%s" }
            """.formatted(url, DEFAULT_DAO))
        .withFallback(ConfigFactory.parseResources("application.conf"))
        .withFallback(ConfigFactory.defaultReference())
        .resolve();
    assertEquals(TagRangeReadJournalDao.class.getName(), config.getString("jdbc-read-journal.dao"),
        "the node's H2 configuration uses this DAO");
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "tag-range", config);
    try {
      Cluster cluster = Cluster.get(system);
      cluster.manager().tell(Join.create(cluster.selfMember().address()));
      await(() -> cluster.selfMember().status() == MemberStatus.up());
      TradingCore core = TradingCore.init(system);
      system.systemActorOf(Fleet.create(core, new FleetSettings(6, 3, Duration.ofMillis(600), true, 13.5, 50,
          1_000_000, 1_000_000_000, 15.0, 19.0), Clock.systemUTC()), "fleet", Props.empty());
      await(() -> count(url, "SELECT COUNT(*) FROM \"event_tag\"") >= 300);

      JdbcReadJournal ours = PersistenceQuery.get(system)
          .getReadJournalFor(JdbcReadJournal.class, JdbcReadJournal.Identifier());
      JdbcReadJournal plugins = PersistenceQuery.get(system)
          .getReadJournalFor(JdbcReadJournal.class, "plugin-query-journal");
      List<String> tags = new ArrayList<>(Battery.TAGS);
      tags.addAll(Aggregator.TAGS);
      long read = 0;
      for (String tag : tags) {
        Offset from = Offset.sequence(5); // from the start but one event in, as a tail resuming does
        List<String> expected = events(plugins, tag, from, system);
        List<String> actual = events(ours, tag, from, system);
        // the fleet keeps trading: read second, ours may hold events journaled in between, after the same prefix
        assertTrue(actual.size() >= expected.size(), "tag " + tag + ": " + actual.size() + " < " + expected.size());
        assertEquals(expected, actual.subList(0, expected.size()), "tag " + tag);
        read += actual.size();
      }
      assertTrue(read >= 250, "the tags hold the journal's events: " + read);
    } finally {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }
  }

  @Test
  void aPollReadsOnlyTheNewRowsOfItsTagWhereThePluginsQueryReadsAllOfThem(@TempDir Path dir) throws Exception {
    String url = "jdbc:h2:file:" + dir.resolve("etp") + ";DATABASE_TO_UPPER=false";
    SchemaMigrations.migrate(new SchemaMigrations.Target(url, "sa", ""));
    ReadJournalConfig journal = new ReadJournalConfig(ConfigFactory.parseResources("application.conf")
        .withFallback(ConfigFactory.defaultReference()).resolve().getConfig("jdbc-read-journal"));
    String ours = TagRangeReadJournalDao.eventsByTagSql(journal.eventJournalTableConfiguration(),
        journal.eventTagTableConfiguration());
    // the plugin's query: the range on the journal's ordering, the tag on event_tag
    String plugins = "SELECT j.\"ordering\" FROM \"event_journal\" j JOIN \"event_tag\" t"
        + " ON j.\"ordering\" = t.\"event_id\" WHERE j.\"deleted\" = FALSE AND t.\"tag\" = ?"
        + " AND j.\"ordering\" > ? AND j.\"ordering\" <= ? ORDER BY j.\"ordering\" LIMIT ?";
    try (Connection c = DriverManager.getConnection(url, "sa", "")) {
      TestDatabases.insertTaggedRows(c, 8000);
      // a tail polling tag-3 after ordering 7900: 12 new rows (7907 ... 7995) of the tag's 1,000
      long oursRead = tagRowsRead(c, ours, 7900, 8000);
      long pluginsRead = tagRowsRead(c, plugins, 7900, 8000);
      assertTrue(oursRead <= 13, "this query reads the range's rows of the tag only: " + oursRead);
      assertTrue(pluginsRead >= 1000, "the plugin's query reads every row of the tag: " + pluginsRead);
      try (PreparedStatement rows = c.prepareStatement(ours)) {
        bind(rows, 7900, 8000);
        int n = 0;
        long last = 7900;
        try (ResultSet rs = rows.executeQuery()) {
          while (rs.next()) {
            assertTrue(rs.getLong(1) > last && rs.getLong(1) % 8 == 3, "in order, of the tag: " + rs.getLong(1));
            last = rs.getLong(1);
            n++;
          }
        }
        assertEquals(12, n);
      }
    }
  }

  /** The rows H2 read from event_tag to answer {@code sql} for tag-3 in (from, to]: its EXPLAIN ANALYZE scanCount. */
  private static long tagRowsRead(Connection c, String sql, long from, long to) throws Exception {
    try (PreparedStatement explain = c.prepareStatement("EXPLAIN ANALYZE " + sql)) {
      bind(explain, from, to);
      try (ResultSet rs = explain.executeQuery()) {
        rs.next();
        String plan = rs.getString(1);
        Matcher m = Pattern.compile("scanCount: (\\d+)").matcher(plan);
        int table = plan.indexOf("\"event_tag\"");
        assertTrue(table >= 0, plan);
        assertTrue(m.find(table), plan); // the first count after the table is its own
        assertFalse(plan.contains("event_tag.tableScan"), plan);
        return Long.parseLong(m.group(1));
      }
    }
  }

  private static void bind(PreparedStatement s, long from, long to) throws Exception {
    s.setString(1, "tag-3");
    s.setLong(2, from);
    s.setLong(3, to);
    s.setInt(4, 500);
  }

  private static List<String> events(JdbcReadJournal journal, String tag, Offset from, ActorSystem<?> system)
      throws Exception {
    return journal.currentEventsByTag(tag, from)
        .map(TagRangeReadJournalDaoTest::describe)
        .runWith(Sink.seq(), system)
        .toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private static String describe(EventEnvelope e) {
    return e.offset() + " " + e.persistenceId() + "#" + e.sequenceNr() + " " + e.event();
  }

  private static long count(String url, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(url, "sa", "");
        ResultSet rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void await(java.util.concurrent.Callable<Boolean> condition) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (!condition.call()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not reached within 90 s");
      }
      Thread.sleep(200);
    }
  }
}
