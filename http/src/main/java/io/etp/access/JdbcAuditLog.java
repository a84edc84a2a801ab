package io.etp.access;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit log in the {@code access_audit} table. {@link #record} writes a log line (logger {@code etp.audit}) and
 * offers the event to a bounded queue; the queue is written in batches on the {@link AccessDatabase} thread as soon as
 * the previous batch is stored, so request handling never waits for the database. If the queue is full (the database
 * is down or far behind), the event is kept only in the log line and counted in {@link #lost()}.
 */
public final class JdbcAuditLog implements AuditLog {

  private static final Logger audit = LoggerFactory.getLogger("etp.audit");
  private static final Logger log = LoggerFactory.getLogger(JdbcAuditLog.class);

  private final AccessDatabase db;
  private final BlockingQueue<AuditEvent> pending;
  private final int batchSize;
  private final AtomicBoolean writing = new AtomicBoolean();
  private final AtomicLong lost = new AtomicLong();

  public JdbcAuditLog(AccessDatabase db, int queueSize, int batchSize) {
    this.db = db;
    this.pending = new ArrayBlockingQueue<>(queueSize);
    this.batchSize = batchSize;
  }

  @Override
  public void record(AuditEvent e) {
    audit.info("{} key={} remote={} resource={} detail={}", e.kind(), e.keyId(), e.remote(), e.resource(), e.detail());
    if (!pending.offer(e)) {
      lost.incrementAndGet();
      log.warn("audit queue full: {} not stored (only logged)", e.kind());
      return;
    }
    scheduleWrite();
  }

  /** Events that were only logged because the queue was full or their batch failed. */
  public long lost() {
    return lost.get();
  }

  /** Stores everything queued so far. */
  public CompletionStage<Void> flush() {
    return db.run(c -> {
      writeBatches(c);
      return null;
    });
  }

  @Override
  public CompletionStage<List<AuditEvent>> recent(int limit) {
    return flush().thenCompose(ignored -> db.run(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT occurred_at, kind, key_id, remote, resource, detail FROM access_audit ORDER BY id DESC")) {
        ps.setMaxRows(limit);
        try (ResultSet rs = ps.executeQuery()) {
          List<AuditEvent> events = new ArrayList<>();
          while (rs.next()) {
            events.add(new AuditEvent(rs.getObject(1, OffsetDateTime.class).toInstant(),
                AuditKind.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6)));
          }
          return events;
        }
      }
    }));
  }

  private void scheduleWrite() {
    if (writing.compareAndSet(false, true)) {
      db.run(c -> {
        writing.set(false); // events offered from now on schedule another write
        writeBatches(c);
        return null;
      }).whenComplete((ok, failure) -> {
        if (failure != null) {
          writing.set(false);
          log.error("storing audit events failed: {}", failure.getMessage());
        }
      });
    }
  }

  private void writeBatches(java.sql.Connection c) throws java.sql.SQLException {
    List<AuditEvent> batch = new ArrayList<>(batchSize);
    while (pending.drainTo(batch, batchSize) > 0) {
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO access_audit (occurred_at, kind, key_id, remote, resource, detail) VALUES (?, ?, ?, ?, ?, ?)")) {
        for (AuditEvent e : batch) {
          ps.setObject(1, OffsetDateTime.ofInstant(e.at(), ZoneOffset.UTC));
          ps.setString(2, e.kind().name());
          ps.setString(3, e.keyId());
          ps.setString(4, e.remote());
          ps.setString(5, e.resource());
          ps.setString(6, e.detail());
          ps.addBatch();
        }
        ps.executeBatch();
      } catch (java.sql.SQLException failure) {
        lost.addAndGet(batch.size());
        throw failure;
      }
      batch.clear();
    }
  }
}
