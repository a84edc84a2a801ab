package io.etp.readmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etp.money.EnergyKwh;
import io.etp.money.PriceCPerKwh;
import com.zaxxer.hikari.HikariDataSource;
import io.etp.persistence.SchemaMigrations;
import io.etp.persistence.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The history queries on the real schema (Flyway V6) of both vendors: rows written through {@link ReadModelWriter},
 * read back with filters, time ranges and keyset pages.
 */
class HistoryQueriesTest {

  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @TempDir
  static Path dir;

  static Stream<String> vendors() {
    return Stream.of("postgres", "h2");
  }

  private static HikariDataSource database(String vendor) throws Exception {
    String url = vendor.equals("postgres") ? TestDatabases.freshPostgresSchema("history")
        : "jdbc:h2:file:" + dir.resolve("h" + System.nanoTime()) + ";DATABASE_TO_UPPER=false";
    String user = vendor.equals("postgres") ? TestDatabases.USER : "sa";
    String password = vendor.equals("postgres") ? TestDatabases.PASSWORD : "";
    SchemaMigrations.migrate(new SchemaMigrations.Target(url, user, password));
    return new SchemaMigrations.Target(url, user, password).pool("history-queries-test", 2);
  }

  /** 60 trades on 3 batteries and 2 aggregators, 10 s apart, with some sharing a timestamp. */
  private static List<RowChange> trades() {
    List<RowChange> rows = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      long at = T0.plusSeconds(10L * (i / 2)).toEpochMilli(); // pairs share a time: the key breaks the tie
      rows.add(new RowChange.AuctionOpened("a-" + i, "bess-" + (i % 3), "ASCENDING", EnergyKwh.ofDouble(40), PriceCPerKwh.ofDouble(10), at - 1000, at));
      rows.add(new RowChange.Trade("a-" + i, "bess-" + (i % 3), "agg-" + (i % 2), EnergyKwh.ofDouble(40), PriceCPerKwh.ofDouble(10 + i), at));
      rows.add(new RowChange.AuctionEnded("a-" + i, "COMPLETED", Optional.of("agg-" + (i % 2)), PriceCPerKwh.ofDouble(10 + i), EnergyKwh.ofDouble(40), 2, 0,
          at));
    }
    return rows;
  }

  private static void write(HikariDataSource ds, List<RowChange> rows) throws Exception {
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      ReadModelWriter.apply(c, rows);
      c.commit();
    }
  }

  private static <T> List<T> walk(Function<Optional<Cursor>, Page<T>> query) {
    List<T> all = new ArrayList<>();
    Optional<Cursor> cursor = Optional.empty();
    int pages = 0;
    do {
      Page<T> page = query.apply(cursor);
      all.addAll(page.items());
      cursor = page.next();
      assertTrue(++pages < 1000, "pagination does not end");
    } while (cursor.isPresent());
    return all;
  }

  @ParameterizedTest
  @MethodSource("vendors")
  void pagesWalkEveryTradeOnceNewestFirst(String vendor) throws Exception {
    try (HikariDataSource ds = database(vendor)) {
      write(ds, trades());
      HistoryQueries q = new HistoryQueries(ds);
      List<HistoryQueries.TradeRow> all = walk(c -> q.trades(c.map(HistoryFilter.all(7)::after)
          .orElse(HistoryFilter.all(7))));
      assertEquals(60, all.size());
      Set<String> ids = new HashSet<>();
      all.forEach(t -> assertTrue(ids.add(t.auctionId()), "twice: " + t.auctionId()));
      for (int i = 1; i < all.size(); i++) {
        HistoryQueries.TradeRow prev = all.get(i - 1);
        HistoryQueries.TradeRow next = all.get(i);
        assertTrue(prev.confirmedAt().isAfter(next.confirmedAt()) || (prev.confirmedAt().equals(next.confirmedAt())
            && prev.auctionId().compareTo(next.auctionId()) > 0), "order at " + i);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("vendors")
  void filtersByBatteryAggregatorAndTimeRange(String vendor) throws Exception {
    try (HikariDataSource ds = database(vendor)) {
      write(ds, trades());
      HistoryQueries q = new HistoryQueries(ds);
      HistoryFilter bess1 = HistoryFilter.all(5).withBattery("bess-1");
      List<HistoryQueries.TradeRow> ofBattery = walk(c -> q.trades(c.map(bess1::after).orElse(bess1)));
      assertEquals(20, ofBattery.size());
      assertTrue(ofBattery.stream().allMatch(t -> t.batteryId().equals("bess-1")));

      HistoryFilter range = HistoryFilter.all(1000).withAggregator("agg-0")
          .between(T0.plusSeconds(100), T0.plusSeconds(200));
      List<HistoryQueries.TradeRow> inRange = q.trades(range).items();
      // times 100..190 s hold trades 20..39; agg-0 has the even ones
      assertEquals(10, inRange.size());
      assertTrue(inRange.stream().allMatch(t -> t.aggregatorId().equals("agg-0")
          && !t.confirmedAt().isBefore(T0.plusSeconds(100)) && t.confirmedAt().isBefore(T0.plusSeconds(200))));

      HistoryFilter won = HistoryFilter.all(1000).withAggregator("agg-1");
      List<HistoryQueries.AuctionRow> auctions = q.auctions(won).items();
      assertEquals(30, auctions.size());
      assertTrue(auctions.stream().allMatch(a -> a.status().equals("COMPLETED")
          && a.winnerId().equals(Optional.of("agg-1")) && a.endedAt().isPresent()));

      HistoryQueries.TradeSummary summary = q.tradeSummary(HistoryFilter.all(1).withBattery("bess-0"));
      assertEquals(20, summary.trades());
      assertEquals(EnergyKwh.parse("800"), summary.energyKwh());
      assertEquals(PriceCPerKwh.parse("10"), summary.minPriceCPerKwh().orElseThrow());
      assertEquals(PriceCPerKwh.parse("67"), summary.maxPriceCPerKwh().orElseThrow());
      assertEquals(0, summary.openAuctions());
    }
  }

  @ParameterizedTest
  @MethodSource("vendors")
  void applyingTheSameChangesTwiceKeepsOneRowEach(String vendor) throws Exception {
    try (HikariDataSource ds = database(vendor)) {
      write(ds, trades());
      write(ds, trades());
      write(ds, List.of(new RowChange.Telemetry("bess-0", 1, "REGISTERED", 100.0, 80.0, 48.0, 0.0, "GOOD", null,
          T0.toEpochMilli())));
      write(ds, List.of(new RowChange.Telemetry("bess-0", 1, "REGISTERED", 100.0, 80.0, 48.0, 0.0, "GOOD", null,
          T0.toEpochMilli())));
      HistoryQueries q = new HistoryQueries(ds);
      assertEquals(60, q.trades(HistoryFilter.all(1000)).items().size());
      assertEquals(60, q.auctions(HistoryFilter.all(1000)).items().size());
      assertEquals(1, q.telemetry("bess-0", HistoryFilter.all(10)).items().size());
    }
  }

  @ParameterizedTest
  @MethodSource("vendors")
  void openAuctionsAndTheBidAuditTrailOfABattery(String vendor) throws Exception {
    try (HikariDataSource ds = database(vendor)) {
      write(ds, List.of(new RowChange.AuctionOpened("open-1", "bess-9", "SEALED_SECOND_PRICE", EnergyKwh.ofDouble(30), PriceCPerKwh.ofDouble(9),
          T0.toEpochMilli(), T0.plusSeconds(5).toEpochMilli())));
      try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement("INSERT INTO bid_audit"
          + " (battery_id, auction_id, aggregator_id, message_id, price_c_per_kwh, energy_kwh, decision, reason,"
          + " at_ms) VALUES (?, 'open-1', 'agg-1', ?, 9.5, 30, 'ACCEPTED', 'REJECT_REASON_UNSPECIFIED', ?)")) {
        for (int i = 0; i < 25; i++) {
          s.setString(1, i < 20 ? "bess-9" : "bess-8");
          s.setLong(2, i);
          s.setLong(3, T0.plusMillis(i).toEpochMilli());
          s.addBatch();
        }
        s.executeBatch();
      }
      HistoryQueries q = new HistoryQueries(ds);
      HistoryFilter open = new HistoryFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
          Optional.of("OPEN"), 10, Optional.empty());
      assertEquals(List.of("open-1"), q.auctions(open).items().stream().map(HistoryQueries.AuctionRow::auctionId)
          .toList());
      assertEquals(1, q.tradeSummary(HistoryFilter.all(1)).openAuctions());

      HistoryFilter pageOf6 = HistoryFilter.all(6);
      List<HistoryQueries.AuditRow> trail = walk(c -> q.audit("bess-9", c.map(pageOf6::after).orElse(pageOf6)));
      assertEquals(20, trail.size());
      assertEquals(19, trail.get(0).messageId());
      assertEquals(0, trail.get(19).messageId());
      assertTrue(q.batteryKnown("bess-9"));
      assertTrue(q.batteryKnown("bess-8"));
      assertFalse(q.batteryKnown("bess-404"));
      assertThrows(IllegalArgumentException.class,
          () -> q.audit("bess-9", pageOf6.after(new Cursor(1, "not-a-number"))));
    }
  }
}
