package io.etp.readmodel;

import io.etp.money.Decimals;
import io.etp.money.EnergyKwh;
import io.etp.money.PriceCPerKwh;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The history queries the REST routes and the benchmark run on the read tables: auctions, trades, a battery's bid
 * audit trail and telemetry, newest first with keyset pagination ({@link Cursor}), and trade summaries. Each query
 * is one indexed statement (V6__read_models.sql: time, battery and aggregator indexes ending in the keyset columns)
 * that reads {@code limit + 1} rows to know whether there is a next page. Blocking JDBC: call it on a blocking
 * dispatcher.
 */
public final class HistoryQueries {

  /** Seconds a statement may run before the driver cancels it. */
  private static final int QUERY_TIMEOUT_S = 10;

  public record AuctionRow(String auctionId, String batteryId, String mechanism, EnergyKwh lotKwh,
      PriceCPerKwh reserveCPerKwh, Instant openedAt, Instant closesAt, String status, Optional<String> winnerId,
      Optional<PriceCPerKwh> clearingCPerKwh, Optional<EnergyKwh> energyKwh, Optional<Integer> bidders,
      Optional<Instant> endedAt) {}

  public record TradeRow(String auctionId, String batteryId, String aggregatorId, EnergyKwh energyKwh,
      PriceCPerKwh priceCPerKwh, Instant confirmedAt) {}

  /** A trade with the reserve of its auction (empty when the auction row is missing). */
  public record TradeListing(TradeRow trade, Optional<PriceCPerKwh> reserveCPerKwh) {}

  public record AuditRow(long id, String batteryId, String auctionId, String aggregatorId, long messageId,
      BigDecimal priceCPerKwh, BigDecimal energyKwh, String decision, String reason, Instant at) {}

  public record TelemetryRow(String batteryId, long seqNr, String kind, Optional<BigDecimal> capacityKwh,
      Optional<BigDecimal> remainingKwh, Optional<Double> voltageV, Optional<Double> dischargeRateKw,
      Optional<String> health, Optional<String> detail, Instant at) {}

  /**
   * Totals over the trades a filter selects, exact. The average price is energy-weighted (sum of energy x price over
   * the sum of energy), rounded once, HALF_EVEN, to {@link PriceCPerKwh#SCALE} decimals. Empty figures when there is
   * no trade.
   */
  public record TradeSummary(long trades, EnergyKwh energyKwh, Optional<PriceCPerKwh> averagePriceCPerKwh,
      Optional<PriceCPerKwh> minPriceCPerKwh, Optional<PriceCPerKwh> maxPriceCPerKwh, long openAuctions) {}

  private final DataSource dataSource;

  public HistoryQueries(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Auctions by opening time; {@code aggregator} selects the auctions it won, {@code status} e.g. OPEN. */
  public Page<AuctionRow> auctions(HistoryFilter f) {
    Where w = where(f, "opened_at_ms", "auction_id", "battery_id", "winner_id");
    f.status().ifPresent(s -> w.and("status = ?", s));
    String sql = "SELECT auction_id, battery_id, mechanism, lot_kwh, reserve_c_per_kwh, opened_at_ms, closes_at_ms,"
        + " status, winner_id, clearing_c_per_kwh, energy_kwh, bidders, ended_at_ms FROM auctions" + w.sql()
        + " ORDER BY opened_at_ms DESC, auction_id DESC LIMIT ?";
    return page(sql, w.params(), f.limit(), rs -> new AuctionRow(rs.getString(1), rs.getString(2), rs.getString(3),
        energy(rs, 4), price(rs, 5), Instant.ofEpochMilli(rs.getLong(6)), Instant.ofEpochMilli(rs.getLong(7)),
        rs.getString(8), Optional.ofNullable(rs.getString(9)),
        optDecimal(rs, 10).map(v -> new PriceCPerKwh(v)), optDecimal(rs, 11).map(v -> new EnergyKwh(v)),
        optInt(rs, 12), optLong(rs, 13).map(Instant::ofEpochMilli)),
        r -> new Cursor(r.openedAt().toEpochMilli(), r.auctionId()));
  }

  /** Confirmed trades by confirmation time. */
  public Page<TradeRow> trades(HistoryFilter f) {
    Where w = where(f, "confirmed_at_ms", "auction_id", "battery_id", "aggregator_id");
    String sql = "SELECT auction_id, battery_id, aggregator_id, energy_kwh, price_c_per_kwh, confirmed_at_ms"
        + " FROM trades" + w.sql() + " ORDER BY confirmed_at_ms DESC, auction_id DESC LIMIT ?";
    return page(sql, w.params(), f.limit(), rs -> new TradeRow(rs.getString(1), rs.getString(2), rs.getString(3),
        energy(rs, 4), price(rs, 5), Instant.ofEpochMilli(rs.getLong(6))),
        r -> new Cursor(r.confirmedAt().toEpochMilli(), r.auctionId()));
  }

  /**
   * Confirmed trades by confirmation time, newest first, each with its auction's reserve price: the same rows, order
   * and cursor as {@link #trades}, for {@code GET /api/trades}.
   */
  public Page<TradeListing> tradeListing(HistoryFilter f) {
    Where w = where(f, "confirmed_at_ms", "auction_id", "battery_id", "aggregator_id");
    String sql = "SELECT t.auction_id, t.battery_id, t.aggregator_id, t.energy_kwh, t.price_c_per_kwh,"
        + " t.confirmed_at_ms, a.reserve_c_per_kwh FROM (SELECT auction_id, battery_id, aggregator_id, energy_kwh,"
        + " price_c_per_kwh, confirmed_at_ms FROM trades" + w.sql()
        + " ORDER BY confirmed_at_ms DESC, auction_id DESC LIMIT ?) t"
        + " LEFT JOIN auctions a ON a.auction_id = t.auction_id"
        + " ORDER BY t.confirmed_at_ms DESC, t.auction_id DESC";
    return page(sql, w.params(), f.limit(), rs -> new TradeListing(new TradeRow(rs.getString(1), rs.getString(2),
        rs.getString(3), energy(rs, 4), price(rs, 5), Instant.ofEpochMilli(rs.getLong(6))),
        optDecimal(rs, 7).map(v -> new PriceCPerKwh(v))),
        r -> new Cursor(r.trade().confirmedAt().toEpochMilli(), r.trade().auctionId()));
  }

  /**
   * One batch of the trades in {@code f}'s time range (and battery, aggregator), <em>oldest</em> first, strictly after
   * {@code after} in (confirmed_at_ms, auction_id) order: the export reads a range batch by batch with it, so that only
   * one batch is ever in memory. {@code f}'s limit is the batch size; its cursor is ignored.
   */
  public List<TradeRow> tradesOldestFirst(HistoryFilter f, Optional<Cursor> after) {
    Where w = where(new HistoryFilter(f.from(), f.to(), f.battery(), f.aggregator(), Optional.empty(), f.limit(),
        Optional.empty()), "confirmed_at_ms", "auction_id", "battery_id", "aggregator_id");
    after.ifPresent(c -> w.and2("(confirmed_at_ms, auction_id) > (?, ?)", c.timeMs(), c.key()));
    String sql = "SELECT auction_id, battery_id, aggregator_id, energy_kwh, price_c_per_kwh, confirmed_at_ms"
        + " FROM trades" + w.sql() + " ORDER BY confirmed_at_ms ASC, auction_id ASC LIMIT ?";
    List<Object> params = new ArrayList<>(w.params());
    params.add(f.limit());
    List<TradeRow> rows = new ArrayList<>(f.limit());
    try (Connection c = dataSource.getConnection(); PreparedStatement s = prepare(c, sql, params);
        ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        rows.add(new TradeRow(rs.getString(1), rs.getString(2), rs.getString(3), energy(rs, 4), price(rs, 5),
            Instant.ofEpochMilli(rs.getLong(6))));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("trade export query failed: " + e.getMessage(), e);
    }
    return rows;
  }

  /** Totals over the trades {@code f} selects (its limit and cursor are ignored). */
  public TradeSummary tradeSummary(HistoryFilter f) {
    Where w = where(new HistoryFilter(f.from(), f.to(), f.battery(), f.aggregator(), Optional.empty(), 1,
        Optional.empty()), "confirmed_at_ms", "auction_id", "battery_id", "aggregator_id");
    String sql = "SELECT COUNT(*), COALESCE(SUM(energy_kwh), 0), SUM(energy_kwh * price_c_per_kwh),"
        + " MIN(price_c_per_kwh), MAX(price_c_per_kwh) FROM trades" + w.sql();
    Where open = new Where();
    open.and("status = ?", "OPEN");
    f.battery().ifPresent(b -> open.and("battery_id = ?", b));
    try (Connection c = dataSource.getConnection()) {
      long trades;
      EnergyKwh energy;
      Optional<PriceCPerKwh> average;
      Optional<PriceCPerKwh> min;
      Optional<PriceCPerKwh> max;
      try (PreparedStatement s = prepare(c, sql, w.params()); ResultSet rs = s.executeQuery()) {
        rs.next();
        trades = rs.getLong(1);
        energy = new EnergyKwh(rs.getBigDecimal(2).setScale(EnergyKwh.SCALE));
        BigDecimal kwh = energy.value();
        average = kwh.signum() > 0
            ? optDecimal(rs, 3).map(v -> new PriceCPerKwh(v.divide(kwh, PriceCPerKwh.SCALE, Decimals.ROUNDING)))
            : Optional.empty();
        min = optDecimal(rs, 4).map(v -> new PriceCPerKwh(v));
        max = optDecimal(rs, 5).map(v -> new PriceCPerKwh(v));
      }
      long openAuctions;
      try (PreparedStatement s = prepare(c, "SELECT COUNT(*) FROM auctions" + open.sql(), open.params());
          ResultSet rs = s.executeQuery()) {
        rs.next();
        openAuctions = rs.getLong(1);
      }
      return new TradeSummary(trades, energy, average, min, max, openAuctions);
    } catch (SQLException e) {
      throw new IllegalStateException("trade summary failed: " + e.getMessage(), e);
    }
  }

  /** The battery's bid audit trail ({@code bid_audit}), newest first; the cursor key is the audit row's id. */
  public Page<AuditRow> audit(String batteryId, HistoryFilter f) {
    Where w = new Where();
    w.and("battery_id = ?", batteryId);
    f.from().ifPresent(t -> w.and("at_ms >= ?", t.toEpochMilli()));
    f.to().ifPresent(t -> w.and("at_ms < ?", t.toEpochMilli()));
    f.after().ifPresent(c -> w.and("id < ?", numericKey(c)));
    String sql = "SELECT id, battery_id, auction_id, aggregator_id, message_id, price_c_per_kwh, energy_kwh,"
        + " decision, reason, at_ms FROM bid_audit" + w.sql() + " ORDER BY id DESC LIMIT ?";
    return page(sql, w.params(), f.limit(), rs -> new AuditRow(rs.getLong(1), rs.getString(2), rs.getString(3),
        rs.getString(4), rs.getLong(5), rs.getBigDecimal(6), rs.getBigDecimal(7), rs.getString(8), rs.getString(9),
        Instant.ofEpochMilli(rs.getLong(10))),
        r -> new Cursor(r.at().toEpochMilli(), Long.toString(r.id())));
  }

  /** The battery's journaled device state changes, newest first. */
  public Page<TelemetryRow> telemetry(String batteryId, HistoryFilter f) {
    Where w = new Where();
    w.and("battery_id = ?", batteryId);
    f.from().ifPresent(t -> w.and("at_ms >= ?", t.toEpochMilli()));
    f.to().ifPresent(t -> w.and("at_ms < ?", t.toEpochMilli()));
    f.after().ifPresent(c -> w.and2("(at_ms < ? OR (at_ms = ? AND seq_nr < ?))", c.timeMs(), c.timeMs(),
        numericKey(c)));
    String sql = "SELECT battery_id, seq_nr, kind, capacity_kwh, remaining_kwh, voltage_v, discharge_rate_kw,"
        + " health, detail, at_ms FROM battery_telemetry" + w.sql() + " ORDER BY at_ms DESC, seq_nr DESC LIMIT ?";
    return page(sql, w.params(), f.limit(), rs -> new TelemetryRow(rs.getString(1), rs.getLong(2), rs.getString(3),
        optDecimal(rs, 4), optDecimal(rs, 5), optDouble(rs, 6), optDouble(rs, 7),
        Optional.ofNullable(rs.getString(8)), Optional.ofNullable(rs.getString(9)),
        Instant.ofEpochMilli(rs.getLong(10))),
        r -> new Cursor(r.at().toEpochMilli(), Long.toString(r.seqNr())));
  }

  /** Whether the read side knows the battery: it registered, or it has audited bids or auctions. */
  public boolean batteryKnown(String batteryId) {
    String sql = "SELECT 1 FROM battery_telemetry WHERE battery_id = ?"
        + " UNION ALL SELECT 1 FROM bid_audit WHERE battery_id = ?"
        + " UNION ALL SELECT 1 FROM auctions WHERE battery_id = ?";
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = prepare(c, sql, List.of(batteryId, batteryId, batteryId))) {
      s.setMaxRows(1);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("battery lookup failed: " + e.getMessage(), e);
    }
  }

  // ---------------------------------------------------------------- plumbing

  private interface RowReader<R> {
    R read(ResultSet rs) throws SQLException;
  }

  /** A WHERE clause and its parameters, built up filter by filter. */
  private static final class Where {
    private final StringBuilder sql = new StringBuilder();
    private final List<Object> params = new ArrayList<>();

    void and(String condition, Object param) {
      sql.append(sql.length() == 0 ? " WHERE " : " AND ").append(condition);
      params.add(param);
    }

    void and2(String condition, Object... values) {
      sql.append(sql.length() == 0 ? " WHERE " : " AND ").append(condition);
      params.addAll(List.of(values));
    }

    String sql() {
      return sql.toString();
    }

    List<Object> params() {
      return params;
    }
  }

  /** Time range, battery, aggregator and keyset conditions on a table ordered by (time DESC, key DESC). */
  private static Where where(HistoryFilter f, String time, String key, String battery, String aggregator) {
    Where w = new Where();
    f.battery().ifPresent(b -> w.and(battery + " = ?", b));
    f.aggregator().ifPresent(a -> w.and(aggregator + " = ?", a));
    f.from().ifPresent(t -> w.and(time + " >= ?", t.toEpochMilli()));
    f.to().ifPresent(t -> w.and(time + " < ?", t.toEpochMilli()));
    // a row-value comparison, so the (…, time, key) index serves the range directly on PostgreSQL and H2
    f.after().ifPresent(c -> w.and2("(" + time + ", " + key + ") < (?, ?)", c.timeMs(), c.key()));
    return w;
  }

  private static long numericKey(Cursor c) {
    try {
      return Long.parseLong(c.key());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("cursor is not one this API handed out");
    }
  }

  private <R> Page<R> page(String sql, List<Object> params, int limit, RowReader<R> reader,
      java.util.function.Function<R, Cursor> cursorOf) {
    List<Object> all = new ArrayList<>(params);
    all.add(limit + 1);
    List<R> rows = new ArrayList<>(limit + 1);
    try (Connection c = dataSource.getConnection(); PreparedStatement s = prepare(c, sql, all);
        ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        rows.add(reader.read(rs));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("history query failed: " + e.getMessage(), e);
    }
    if (rows.size() > limit) {
      List<R> items = rows.subList(0, limit);
      return new Page<>(items, Optional.of(cursorOf.apply(items.get(limit - 1))));
    }
    return new Page<>(rows, Optional.empty());
  }

  private static PreparedStatement prepare(Connection c, String sql, List<Object> params) throws SQLException {
    PreparedStatement s = c.prepareStatement(sql);
    s.setQueryTimeout(QUERY_TIMEOUT_S);
    for (int i = 0; i < params.size(); i++) {
      Object p = params.get(i);
      if (p instanceof String text) {
        s.setString(i + 1, text);
      } else if (p instanceof Long number) {
        s.setLong(i + 1, number);
      } else if (p instanceof Integer number) {
        s.setInt(i + 1, number);
      } else {
        throw new IllegalArgumentException("unsupported parameter " + p);
      }
    }
    return s;
  }

  private static EnergyKwh energy(ResultSet rs, int column) throws SQLException {
    return new EnergyKwh(rs.getBigDecimal(column));
  }

  private static PriceCPerKwh price(ResultSet rs, int column) throws SQLException {
    return new PriceCPerKwh(rs.getBigDecimal(column));
  }

  private static Optional<BigDecimal> optDecimal(ResultSet rs, int column) throws SQLException {
    return Optional.ofNullable(rs.getBigDecimal(column));
  }

  private static Optional<Double> optDouble(ResultSet rs, int column) throws SQLException {
    double v = rs.getDouble(column);
    return rs.wasNull() ? Optional.empty() : Optional.of(v);
  }

  private static Optional<Integer> optInt(ResultSet rs, int column) throws SQLException {
    int v = rs.getInt(column);
    return rs.wasNull() ? Optional.empty() : Optional.of(v);
  }

  private static Optional<Long> optLong(ResultSet rs, int column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? Optional.empty() : Optional.of(v);
  }
}
