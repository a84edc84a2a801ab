package io.etp.feed;

import io.etp.aggregator.Aggregator;
import io.etp.battery.Battery;
import io.etp.live.LiveEvent;
import io.etp.live.LiveEventPublisher;
import io.etp.persistence.SchemaMigrations;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.persistence.query.Sequence;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.RestartSettings;
import org.apache.pekko.stream.UniqueKillSwitch;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.RestartSource;
import org.apache.pekko.stream.javadsl.Sink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The journal tail: one {@code eventsByTag} stream per battery and aggregator tag on the JDBC read journal, starting
 * at the journal's <em>current end</em> when the node starts (never at offset 0, which would replay the whole
 * journal), mapping each persisted event to live events ({@link JournalEventMapper}) and handing them to a
 * {@link LiveEventPublisher}, each at its position (the tag and the journal's {@code ordering}), which is what a
 * cluster-wide resume cursor counts. So the live stream shows only what the journal holds.
 *
 * <p>Each stream restarts with backoff after a failure and resumes after the last offset it handled. The streams
 * run apart from the entities: publishing never blocks (the hub drops and counts when full), so a slow or failing
 * tail never stalls trading. The streams stop with the node's coordinated shutdown.
 */
public final class JournalTail {

  private static final Logger log = LoggerFactory.getLogger(JournalTail.class);

  private final List<UniqueKillSwitch> switches;

  private JournalTail(List<UniqueKillSwitch> switches) {
    this.switches = switches;
  }

  /** The tags the tail follows: every battery and aggregator tag. */
  public static List<String> tags() {
    List<String> tags = new ArrayList<>(Battery.TAGS);
    tags.addAll(Aggregator.TAGS);
    return tags;
  }

  /**
   * Reads the journal's current end, then starts the tail from there.
   *
   * @param database the journal's database (for the current end, {@code MAX(ordering)})
   * @param restart backoff between restarts of a failed stream
   */
  public static CompletionStage<JournalTail> start(ActorSystem<?> system, SchemaMigrations.Target database,
      RestartSettings restart, LiveEventPublisher publisher) {
    return CompletableFuture.supplyAsync(() -> currentEnd(database),
            system.dispatchers().lookup(DispatcherSelector.blocking()))
        .thenApply(end -> {
          log.info("journal tail starts after ordering {} on tags {}", end, tags());
          tags().forEach(tag -> publisher.follow(tag, end));
          JournalTail tail = startFrom(system, end, restart, publisher);
          CoordinatedShutdown.get(system).addTask(CoordinatedShutdown.PhaseServiceStop(), "etp-journal-tail", () -> {
            tail.stop();
            return CompletableFuture.completedFuture(Done.getInstance());
          });
          return tail;
        });
  }

  /** Starts the tail after the journal position {@code afterOrdering} (exclusive). */
  static JournalTail startFrom(ActorSystem<?> system, long afterOrdering, RestartSettings restart,
      LiveEventPublisher publisher) {
    JdbcReadJournal journal = PersistenceQuery.get(system)
        .getReadJournalFor(JdbcReadJournal.class, JdbcReadJournal.Identifier());
    List<UniqueKillSwitch> switches = new ArrayList<>();
    for (String tag : tags()) {
      AtomicLong offset = new AtomicLong(afterOrdering);
      JournalEventMapper mapper = new JournalEventMapper();
      UniqueKillSwitch killSwitch = RestartSource.withBackoff(restart,
              () -> journal.eventsByTag(tag, Offset.sequence(offset.get())))
          .mapConcat(envelope -> {
            List<LiveEvent> events = mapper.toLive(envelope.persistenceId(), envelope.sequenceNr(), envelope.event());
            if (envelope.offset() instanceof Sequence sequence) {
              offset.set(sequence.value());
              // the tag and the journal's ordering: the same on every node, what a cluster-wide cursor counts
              return events.stream().map(e -> e.at(tag, sequence.value())).toList();
            }
            return events;
          })
          .viaMat(KillSwitches.single(), Keep.right())
          .toMat(Sink.foreach(publisher::publish), Keep.left())
          .run(system);
      switches.add(killSwitch);
    }
    return new JournalTail(switches);
  }

  /** Stops every tag stream. */
  public void stop() {
    switches.forEach(UniqueKillSwitch::shutdown);
  }

  /** The highest {@code ordering} in the journal now, 0 when it is empty. */
  static long currentEnd(SchemaMigrations.Target database) {
    try (Connection c = DriverManager.getConnection(database.url(), database.user(), database.password());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(ordering), 0) FROM event_journal")) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the journal's current end: " + e.getMessage(), e);
    }
  }

  /** The default backoff: 0.5 s doubling to 2 s, with jitter (a database outage ends within seconds of its end). */
  public static RestartSettings defaultRestart() {
    return RestartSettings.create(Duration.ofMillis(500), Duration.ofSeconds(2), 0.2);
  }
}
