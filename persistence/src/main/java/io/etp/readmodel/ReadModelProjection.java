package io.etp.readmodel;

import io.etp.battery.Battery;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.ShardedDaemonProcessSettings;
import org.apache.pekko.cluster.sharding.typed.javadsl.ShardedDaemonProcess;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.ProjectionBehavior;
import org.apache.pekko.projection.ProjectionId;
import org.apache.pekko.projection.eventsourced.javadsl.EventSourcedProvider;
import org.apache.pekko.projection.javadsl.GroupedProjection;
import org.apache.pekko.projection.javadsl.SourceProvider;
import org.apache.pekko.projection.jdbc.javadsl.JdbcHandler;
import org.apache.pekko.projection.jdbc.javadsl.JdbcProjection;

/**
 * Projects the battery twins' journal events into the read tables with Pekko Projection JDBC: one projection per
 * battery tag ({@link Battery#TAGS}; a battery's events all carry one tag, so each auction's events arrive in order
 * in one projection), run as a {@link ShardedDaemonProcess} so that the cluster runs each exactly once. Each
 * projection reads {@code eventsByTag} from its stored offset and writes groups of events (up to
 * {@link ReadModelSettings#groupSize()} or after {@link ReadModelSettings#groupWithin()}) in one transaction that
 * also stores the offset ({@code JdbcProjection.groupedWithin}, exactly-once). Aggregator events are not projected:
 * every row they could give (bids, trades) is already journaled by the battery that decided it.
 */
public final class ReadModelProjection {

  /** The projection name in {@code pekko_projection_offset_store}; the key is the tag. */
  public static final String NAME = "read-models";

  /**
   * The read journal the projections tail: a copy of {@code jdbc-read-journal} with a slower poll
   * (cluster-config/persistence.conf), so that they neither load the journal's database nor wait on the live tail.
   */
  public static final String READ_JOURNAL = "etp-projection-read-journal";

  private ReadModelProjection() {}

  /** Starts the projections on this node's share of the sharded daemon process. */
  public static void init(ActorSystem<?> system, DataSource dataSource, ReadModelSettings settings) {
    init(system, dataSource, settings, new AtomicLong());
  }

  /** As {@link #init(ActorSystem, DataSource, ReadModelSettings)}, counting the events handled in {@code processed}. */
  public static void init(ActorSystem<?> system, DataSource dataSource, ReadModelSettings settings,
      AtomicLong processed) {
    List<String> tags = Battery.TAGS;
    ShardedDaemonProcess.get(system).init(ProjectionBehavior.Command.class, NAME, tags.size(),
        i -> ProjectionBehavior.create(projection(system, dataSource, settings, tags.get(i), processed)),
        ShardedDaemonProcessSettings.create(system), Optional.of(ProjectionBehavior.stopMessage()));
  }

  /** The projection of one tag; {@code processed} counts the events it handled (for tests and metrics). */
  public static GroupedProjection<Offset, EventEnvelope<Battery.Event>> projection(ActorSystem<?> system,
      DataSource dataSource, ReadModelSettings settings, String tag, AtomicLong processed) {
    SourceProvider<Offset, EventEnvelope<Battery.Event>> source =
        EventSourcedProvider.eventsByTag(system, READ_JOURNAL, tag);
    return JdbcProjection.groupedWithin(ProjectionId.of(NAME, tag), source,
            () -> new DataSourceJdbcSession(dataSource), () -> new Handler(processed), system)
        .withGroup(settings.groupSize(), settings.groupWithin());
  }

  /** Maps a group of envelopes to row changes ({@link ReadModelUpdates}) and writes them in the session's transaction. */
  static final class Handler extends JdbcHandler<List<EventEnvelope<Battery.Event>>, DataSourceJdbcSession> {

    private final AtomicLong processed;

    Handler(AtomicLong processed) {
      this.processed = processed;
    }

    @Override
    public void process(DataSourceJdbcSession session, List<EventEnvelope<Battery.Event>> envelopes)
        throws Exception {
      List<RowChange> changes = new ArrayList<>();
      for (EventEnvelope<Battery.Event> envelope : envelopes) {
        changes.addAll(ReadModelUpdates.of(envelope.persistenceId(), envelope.sequenceNr(), envelope.event()));
      }
      session.withConnection(connection -> ReadModelWriter.apply(connection, changes));
      processed.addAndGet(envelopes.size());
    }
  }
}
