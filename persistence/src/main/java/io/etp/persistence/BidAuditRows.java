package io.etp.persistence;

import io.etp.battery.BidAudit;
import io.etp.protocol.v1.RejectReason;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the {@code bid_audit} table (V2__bid_audit.sql) in the order of its {@code id} column, for tails that follow it
 * from every node: what {@link JdbcBidAuditSink} wrote, on whichever node the battery ran.
 */
public final class BidAuditRows {

  /** One stored row: its {@code id} (the table's order) and the record. */
  public record Row(long id, BidAudit audit) {}

  private static final String AFTER = "SELECT id, battery_id, auction_id, aggregator_id, message_id, price_c_per_kwh,"
      + " energy_kwh, decision, reason, at_ms FROM bid_audit WHERE id > ? ORDER BY id LIMIT ?";

  private BidAuditRows() {}

  /** The highest {@code id} stored now, 0 when the table is empty. */
  public static long currentEnd(Connection connection) throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(id), 0) FROM bid_audit")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** At most {@code limit} rows with an {@code id} greater than {@code afterId}, in {@code id} order. */
  public static List<Row> after(Connection connection, long afterId, int limit) throws SQLException {
    List<Row> rows = new ArrayList<>();
    try (PreparedStatement s = connection.prepareStatement(AFTER)) {
      s.setLong(1, afterId);
      s.setInt(2, limit);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          rows.add(new Row(rs.getLong(1), new BidAudit(rs.getString(2), rs.getString(3), rs.getString(4),
              rs.getLong(5), rs.getDouble(6), rs.getDouble(7), BidAudit.Decision.valueOf(rs.getString(8)),
              RejectReason.valueOf(rs.getString(9)), Instant.ofEpochMilli(rs.getLong(10)))));
        }
      }
    }
    return rows;
  }
}
