package io.etp.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.pekko.NotUsed;
import org.apache.pekko.persistence.PersistentRepr;
import org.apache.pekko.persistence.jdbc.PekkoSerialization;
import org.apache.pekko.persistence.jdbc.config.EventJournalTableColumnNames;
import org.apache.pekko.persistence.jdbc.config.EventJournalTableConfiguration;
import org.apache.pekko.persistence.jdbc.config.EventTagTableConfiguration;
import org.apache.pekko.persistence.jdbc.config.ReadJournalConfig;
import org.apache.pekko.persistence.jdbc.journal.dao.JournalTables;
import org.apache.pekko.persistence.jdbc.query.dao.DefaultReadJournalDao;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Source;
import scala.Option;
import scala.Tuple2;
import scala.Tuple3;
import scala.collection.immutable.Set;
import scala.concurrent.ExecutionContext;
import scala.util.Success;
import scala.util.Try;
import slick.jdbc.JdbcBackend;
import slick.jdbc.JdbcProfile;

/**
 * The read journal's DAO with an {@code eventsByTag} query whose cost does not grow with the journal.
 *
 * <p>Pekko Persistence JDBC 1.1's own query puts the offset range on {@code event_journal.ordering} and the tag on
 * {@code event_tag}. H2 plans that join from {@code event_tag}, by tag only, so every poll reads every row the tag has
 * ever had: the live tail polls 8 tags every 100 ms, and on the README node these scans were the largest share of its
 * CPU, growing with the journal (docs/benchmarks.md, "WebSocket fan-out"). Upstream knows the problem
 * (apache/pekko-persistence-jdbc#105; Akka's fix puts the range on {@code event_tag.event_id}, the same column by the
 * join) but no released Pekko version has it. This query does the same: {@code tag = ? AND event_id > ? AND event_id
 * <= ?} on {@code event_tag}, which the index {@code event_tag(tag, event_id)} (Flyway V7) answers with a range, and
 * then the journal rows by their unique {@code ordering}. Everything else is the plugin's own code: the rows are
 * deserialised by {@link PekkoSerialization#fromRow}, exactly as the default DAO does.
 *
 * <p>Configured as {@code jdbc-read-journal.dao} for the H2 journal (cluster-config/persistence-h2.conf). The JDBC
 * calls run on Pekko's blocking-IO dispatcher with a connection of the read journal's own pool, one query per poll.
 */
public class TagRangeReadJournalDao extends DefaultReadJournalDao {

  private static final String BLOCKING_DISPATCHER = "pekko.actor.default-blocking-io-dispatcher";

  private final Serialization serialization; // the parent keeps its own private
  private final Executor blocking;
  private final String sql;

  public TagRangeReadJournalDao(JdbcBackend.JdbcDatabaseDef db, JdbcProfile profile,
                                ReadJournalConfig readJournalConfig, Serialization serialization,
                                ExecutionContext ec, Materializer mat) {
    super(db, profile, readJournalConfig, serialization, ec, mat);
    this.serialization = serialization;
    this.blocking = mat.system().dispatchers().lookup(BLOCKING_DISPATCHER);
    this.sql = eventsByTagSql(readJournalConfig.eventJournalTableConfiguration(),
        readJournalConfig.eventTagTableConfiguration());
  }

  /** The query: the tag's rows in the offset range from {@code event_tag}, joined to their journal rows. */
  static String eventsByTagSql(EventJournalTableConfiguration journal, EventTagTableConfiguration tags) {
    EventJournalTableColumnNames c = journal.columnNames();
    String j = table(journal.schemaName(), journal.tableName());
    String t = table(tags.schemaName(), tags.tableName());
    String eventId = q(tags.columnNames().eventId());
    return "SELECT " + String.join(", ",
            "j." + q(c.ordering()), "j." + q(c.deleted()), "j." + q(c.persistenceId()),
            "j." + q(c.sequenceNumber()), "j." + q(c.writer()), "j." + q(c.writeTimestamp()),
            "j." + q(c.adapterManifest()), "j." + q(c.eventPayload()), "j." + q(c.eventSerId()),
            "j." + q(c.eventSerManifest()), "j." + q(c.metaPayload()), "j." + q(c.metaSerId()),
            "j." + q(c.metaSerManifest()))
        + " FROM " + t + " t JOIN " + j + " j ON j." + q(c.ordering()) + " = t." + eventId
        + " WHERE t." + q(tags.columnNames().tag()) + " = ? AND t." + eventId + " > ? AND t." + eventId + " <= ?"
        + " AND j." + q(c.deleted()) + " = FALSE"
        + " ORDER BY t." + eventId + " LIMIT ?";
  }

  private static String table(Option<String> schema, String name) {
    return schema.isDefined() ? q(schema.get()) + "." + q(name) : q(name);
  }

  private static String q(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }

  @Override
  public org.apache.pekko.stream.scaladsl.Source<Try<Tuple3<PersistentRepr, Set<String>, Object>>, NotUsed>
      eventsByTag(String tag, long offset, long maxOffset, long max) {
    int limit = (int) Math.min(max, Integer.MAX_VALUE);
    return Source.completionStage(CompletableFuture.supplyAsync(() -> query(tag, offset, maxOffset, limit), blocking))
        .mapConcat(rows -> rows)
        .asScala();
  }

  private List<Try<Tuple3<PersistentRepr, Set<String>, Object>>> query(String tag, long offset, long maxOffset,
                                                                      int limit) {
    try (Connection connection = db().source().createConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, tag);
      statement.setLong(2, offset);
      statement.setLong(3, maxOffset);
      statement.setInt(4, limit);
      List<Try<Tuple3<PersistentRepr, Set<String>, Object>>> events = new ArrayList<>();
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          events.add(event(row(rs)));
        }
      }
      return events;
    } catch (SQLException e) {
      throw new IllegalStateException("eventsByTag(" + tag + ") failed: " + e.getMessage(), e);
    }
  }

  private static JournalTables.JournalPekkoSerializationRow row(ResultSet rs) throws SQLException {
    byte[] meta = rs.getBytes(11);
    int metaSerId = rs.getInt(12);
    Option<Object> metaSerIdOption = rs.wasNull() ? Option.empty() : Option.apply(metaSerId);
    return new JournalTables.JournalPekkoSerializationRow(rs.getLong(1), rs.getBoolean(2), rs.getString(3),
        rs.getLong(4), rs.getString(5), rs.getLong(6), rs.getString(7), rs.getBytes(8), rs.getInt(9),
        rs.getString(10), Option.apply(meta), metaSerIdOption, Option.apply(rs.getString(13)));
  }

  /** The row as the default DAO hands it on: the event, no tags (the plugin does not fill them in) and the offset. */
  @SuppressWarnings("unchecked")
  private Try<Tuple3<PersistentRepr, Set<String>, Object>> event(JournalTables.JournalPekkoSerializationRow row) {
    Try<Tuple2<PersistentRepr, Object>> read = PekkoSerialization.fromRow(serialization, row);
    if (read.isFailure()) {
      return (Try<Tuple3<PersistentRepr, Set<String>, Object>>) (Try<?>) read;
    }
    Tuple2<PersistentRepr, Object> event = read.get();
    return new Success<>(new Tuple3<>(event._1(), scala.collection.immutable.Set$.MODULE$.<String>empty(),
        event._2()));
  }
}
