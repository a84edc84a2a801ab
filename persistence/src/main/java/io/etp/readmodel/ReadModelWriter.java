package io.etp.readmodel;

import io.etp.money.EnergyKwh;
import io.etp.money.Decimals;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies {@link RowChange}s to the read tables on a connection the caller owns (the projection's transaction), one
 * JDBC batch per statement kind: first every insert (in event order), then every update (in event order). That
 * order is safe because an update only ever follows the insert of its own row. Inserts skip rows that exist
 * ({@code INSERT ... SELECT ... WHERE NOT EXISTS}, the same SQL on PostgreSQL and H2), so a change applied twice is
 * applied once.
 */
public final class ReadModelWriter {

  static final String INSERT_AUCTION = "INSERT INTO auctions (auction_id, battery_id, mechanism, lot_kwh,"
      + " reserve_c_per_kwh, opened_at_ms, closes_at_ms, status) SELECT ?, ?, ?, ?, ?, ?, ?, 'OPEN'"
      + " WHERE NOT EXISTS (SELECT 1 FROM auctions WHERE auction_id = ?)";
  static final String INSERT_BID = "INSERT INTO bids (auction_id, aggregator_id, battery_id, price_c_per_kwh,"
      + " energy_kwh, bidders, status, at_ms) SELECT ?, ?, ?, ?, ?, ?, 'OFFERED', ?"
      + " WHERE NOT EXISTS (SELECT 1 FROM bids WHERE auction_id = ? AND aggregator_id = ?)";
  static final String INSERT_TRADE = "INSERT INTO trades (auction_id, battery_id, aggregator_id, energy_kwh,"
      + " price_c_per_kwh, confirmed_at_ms) SELECT ?, ?, ?, ?, ?, ?"
      + " WHERE NOT EXISTS (SELECT 1 FROM trades WHERE auction_id = ?)";
  static final String INSERT_TELEMETRY = "INSERT INTO battery_telemetry (battery_id, seq_nr, kind, capacity_kwh,"
      + " remaining_kwh, voltage_v, discharge_rate_kw, health, detail, at_ms) SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?"
      + " WHERE NOT EXISTS (SELECT 1 FROM battery_telemetry WHERE battery_id = ? AND seq_nr = ?)";
  static final String UPDATE_BID = "UPDATE bids SET status = ? WHERE auction_id = ? AND aggregator_id = ?";
  static final String END_AUCTION = "UPDATE auctions SET status = ?, winner_id = ?, clearing_c_per_kwh = ?,"
      + " energy_kwh = ?, bidders = ?, misses = ?, ended_at_ms = ? WHERE auction_id = ?";

  private ReadModelWriter() {}

  /** Writes {@code changes} on {@code connection}; neither commits nor closes it. Returns the number of changes. */
  public static int apply(Connection connection, List<RowChange> changes) throws SQLException {
    List<RowChange.AuctionOpened> auctions = new ArrayList<>();
    List<RowChange.BidOffered> bids = new ArrayList<>();
    List<RowChange.Trade> trades = new ArrayList<>();
    List<RowChange.Telemetry> telemetry = new ArrayList<>();
    List<RowChange.BidStatus> bidStatus = new ArrayList<>();
    List<RowChange.AuctionEnded> ended = new ArrayList<>();
    for (RowChange change : changes) {
      if (change instanceof RowChange.AuctionOpened c) {
        auctions.add(c);
      } else if (change instanceof RowChange.BidOffered c) {
        bids.add(c);
      } else if (change instanceof RowChange.Trade c) {
        trades.add(c);
      } else if (change instanceof RowChange.Telemetry c) {
        telemetry.add(c);
      } else if (change instanceof RowChange.BidStatus c) {
        bidStatus.add(c);
      } else if (change instanceof RowChange.AuctionEnded c) {
        ended.add(c);
      }
    }
    batch(connection, INSERT_AUCTION, auctions, (s, a) -> {
      s.setString(1, a.auctionId());
      s.setString(2, a.batteryId());
      s.setString(3, a.mechanism());
      s.setBigDecimal(4, a.lotKwh().value());
      s.setBigDecimal(5, a.reserveCPerKwh().value());
      s.setLong(6, a.openedAtMs());
      s.setLong(7, a.closesAtMs());
      s.setString(8, a.auctionId());
    });
    batch(connection, INSERT_BID, bids, (s, b) -> {
      s.setString(1, b.auctionId());
      s.setString(2, b.aggregatorId());
      s.setString(3, b.batteryId());
      s.setBigDecimal(4, b.priceCPerKwh().value());
      s.setBigDecimal(5, b.energyKwh().value());
      s.setInt(6, b.bidders());
      s.setLong(7, b.atMs());
      s.setString(8, b.auctionId());
      s.setString(9, b.aggregatorId());
    });
    batch(connection, INSERT_TRADE, trades, (s, t) -> {
      s.setString(1, t.auctionId());
      s.setString(2, t.batteryId());
      s.setString(3, t.aggregatorId());
      s.setBigDecimal(4, t.energyKwh().value());
      s.setBigDecimal(5, t.priceCPerKwh().value());
      s.setLong(6, t.confirmedAtMs());
      s.setString(7, t.auctionId());
    });
    batch(connection, INSERT_TELEMETRY, telemetry, (s, t) -> {
      s.setString(1, t.batteryId());
      s.setLong(2, t.seqNr());
      s.setString(3, t.kind());
      setKwh(s, 4, t.capacityKwh());
      setKwh(s, 5, t.remainingKwh());
      setDouble(s, 6, t.voltageV());
      setDouble(s, 7, t.dischargeRateKw());
      setString(s, 8, t.health());
      setString(s, 9, t.detail());
      s.setLong(10, t.atMs());
      s.setString(11, t.batteryId());
      s.setLong(12, t.seqNr());
    });
    batch(connection, UPDATE_BID, bidStatus, (s, b) -> {
      s.setString(1, b.status());
      s.setString(2, b.auctionId());
      s.setString(3, b.aggregatorId());
    });
    batch(connection, END_AUCTION, ended, (s, e) -> {
      s.setString(1, e.status());
      setString(s, 2, e.winnerId().orElse(null));
      s.setBigDecimal(3, e.clearingCPerKwh().value());
      s.setBigDecimal(4, e.energyKwh().value());
      s.setInt(5, e.bidders());
      s.setInt(6, e.misses());
      s.setLong(7, e.endedAtMs());
      s.setString(8, e.auctionId());
    });
    return changes.size();
  }

  private interface Binder<T> {
    void bind(PreparedStatement statement, T row) throws SQLException;
  }

  private static <T> void batch(Connection connection, String sql, List<T> rows, Binder<T> binder)
      throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    try (PreparedStatement s = connection.prepareStatement(sql)) {
      for (T row : rows) {
        binder.bind(s, row);
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  private static void setDouble(PreparedStatement s, int index, Double value) throws SQLException {
    if (value == null) {
      s.setNull(index, Types.DOUBLE);
    } else {
      s.setDouble(index, value);
    }
  }

  /**
   * A device's reported energy (capacity, remaining: telemetry doubles, which may be signed) stored exactly at
   * {@link EnergyKwh#SCALE} decimals by io.etp.money's rule.
   */
  private static void setKwh(PreparedStatement s, int index, Double value) throws SQLException {
    if (value == null) {
      s.setNull(index, Types.NUMERIC);
    } else {
      s.setBigDecimal(index, Decimals.fromDouble(value, EnergyKwh.SCALE, "energy (kWh)"));
    }
  }

  private static void setString(PreparedStatement s, int index, String value) throws SQLException {
    if (value == null) {
      s.setNull(index, Types.VARCHAR);
    } else {
      s.setString(index, value);
    }
  }
}
