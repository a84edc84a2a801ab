package io.etp.persistence;

import io.etp.money.PriceCPerKwh;
import io.etp.money.EnergyKwh;
import io.etp.money.Decimals;
import io.etp.battery.BidAudit;
import io.etp.battery.BidAuditSink;
import io.etp.protocol.v1.RejectReason;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * The bid audit trail in the database ({@code bid_audit}, V2__bid_audit.sql). Audit records are not journal events
 * (persisting one per bid would cost a journal write per message); they are written in batches by a
 * {@link BatchedJdbcWriter}, so {@link #offer} never blocks a battery: a full queue drops the record and counts it.
 */
public final class JdbcBidAuditSink implements BidAuditSink, AutoCloseable {

  private static final String INSERT = "INSERT INTO bid_audit (battery_id, auction_id, aggregator_id, message_id,"
      + " price_c_per_kwh, energy_kwh, decision, reason, at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String SELECT = "SELECT battery_id, auction_id, aggregator_id, message_id, price_c_per_kwh,"
      + " energy_kwh, decision, reason, at_ms FROM bid_audit WHERE battery_id = ? ORDER BY id LIMIT ?";

  private final BatchedJdbcWriter<BidAudit> writer;

  public JdbcBidAuditSink(ActorSystem<?> system, SchemaMigrations.Target database, BatchedJdbcWriter.Settings settings) {
    this.writer = new BatchedJdbcWriter<>(system, database, settings, "bid-audit", INSERT, (s, a) -> {
      s.setString(1, a.batteryId());
      s.setString(2, a.auctionId());
      s.setString(3, a.aggregatorId());
      s.setLong(4, a.messageId());
      // a received bid's wire doubles, stored exactly by io.etp.money's rule (the edge refused non-finite ones)
      s.setBigDecimal(5, Decimals.fromDouble(a.priceCPerKwh(), PriceCPerKwh.SCALE, "bid price (c/kWh)"));
      s.setBigDecimal(6, Decimals.fromDouble(a.energyKwh(), EnergyKwh.SCALE, "bid energy (kWh)"));
      s.setString(7, a.decision().name());
      s.setString(8, a.reason().name());
      s.setLong(9, a.at().toEpochMilli());
    });
  }

  @Override
  public boolean offer(BidAudit audit) {
    return writer.offer(audit);
  }

  @Override
  public List<BidAudit> forBattery(String batteryId) {
    return writer.query(SELECT, batteryId, rs -> new BidAudit(rs.getString(1), rs.getString(2), rs.getString(3),
        rs.getLong(4), rs.getDouble(5), rs.getDouble(6), BidAudit.Decision.valueOf(rs.getString(7)),
        RejectReason.valueOf(rs.getString(8)), Instant.ofEpochMilli(rs.getLong(9))));
  }

  @Override
  public long dropped() {
    return writer.dropped();
  }

  /** Records written to the database so far. */
  public long written() {
    return writer.written();
  }

  /** Records lost because their batch could not be written after every attempt. */
  public long failed() {
    return writer.failed();
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
