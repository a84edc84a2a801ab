package io.etp.persistence;

import io.etp.optimize.BidSide;
import io.etp.risk.OrderIntent;
import io.etp.risk.RiskAuditSink;
import io.etp.risk.RiskReason;
import io.etp.risk.RiskRejection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * The risk audit trail in the database ({@code risk_audit}, V5__risk_audit.sql). The risk rules run inside the
 * aggregator twins, so {@link #record} only offers to a {@link BatchedJdbcWriter} (never blocks; a full queue drops
 * and counts); rows are inserted in batches. {@link #close()} writes what was accepted before it returns.
 */
public final class JdbcRiskAuditSink implements RiskAuditSink, AutoCloseable {

  private static final int DETAIL_LENGTH = 512;
  private static final String INSERT = "INSERT INTO risk_audit (aggregator_id, device_id, period, side, quantity_kwh,"
      + " limit_price_per_mwh, reason, detail, at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String SELECT = "SELECT aggregator_id, device_id, period, side, quantity_kwh,"
      + " limit_price_per_mwh, reason, detail, at_ms FROM risk_audit WHERE aggregator_id = ? ORDER BY id LIMIT ?";

  private final BatchedJdbcWriter<RiskRejection> writer;

  public JdbcRiskAuditSink(ActorSystem<?> system, SchemaMigrations.Target database,
      BatchedJdbcWriter.Settings settings) {
    this.writer = new BatchedJdbcWriter<>(system, database, settings, "risk-audit", INSERT, (s, r) -> {
      OrderIntent o = r.order();
      s.setString(1, o.aggregatorId());
      s.setString(2, o.deviceId());
      s.setInt(3, o.period());
      s.setString(4, o.side().name());
      s.setDouble(5, o.quantityKwh());
      s.setDouble(6, o.limitPricePerMwh());
      s.setString(7, r.reason().name());
      String detail = r.detail() == null ? "" : r.detail();
      s.setString(8, detail.length() > DETAIL_LENGTH ? detail.substring(0, DETAIL_LENGTH) : detail);
      s.setLong(9, r.at().toEpochMilli());
    });
  }

  @Override
  public void record(RiskRejection rejection) {
    writer.offer(rejection);
  }

  /** An aggregator's rejections in the order they were recorded (at most the configured number of rows). */
  public List<RiskRejection> forAggregator(String aggregatorId) {
    return writer.query(SELECT, aggregatorId, rs -> new RiskRejection(Instant.ofEpochMilli(rs.getLong(9)),
        new OrderIntent(rs.getString(1), rs.getString(2), rs.getInt(3), BidSide.valueOf(rs.getString(4)),
            rs.getDouble(5), rs.getDouble(6)),
        RiskReason.valueOf(rs.getString(7)), rs.getString(8)));
  }

  /** Records dropped because the queue was full or closed. */
  public long dropped() {
    return writer.dropped();
  }

  /** See {@link BatchedJdbcWriter#awaitWritten}. */
  public boolean awaitWritten(Duration timeout) throws InterruptedException {
    return writer.awaitWritten(timeout);
  }

  /** Stops accepting records, writes everything already accepted, then closes the pool. */
  @Override
  public void close() {
    writer.close();
  }
}
