package io.etp.node.cluster;

import io.etp.protocol.cluster.v1.AggregatorBidConfirmed;
import io.etp.protocol.cluster.v1.AggregatorNegotiationEnded;
import io.etp.protocol.cluster.v1.BatteryTradeConfirmed;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the cluster's journal and read model over JDBC, as an auditor would, and hands the rows to
 * {@link JournalAudit}: every journal row's writer, the batteries' TradeConfirmed events, the aggregators'
 * BidConfirmed and NegotiationEnded events (their protobuf payloads, decoded with the generated classes), and the read
 * model's {@code trades} table.
 */
public final class JournalCheck {

  private final String url;

  /** @param url the journal database's JDBC URL (user postgres, no password) */
  public JournalCheck(String url) {
    this.url = url;
  }

  /** One consistent read of everything (a repeatable-read transaction). */
  public JournalAudit audit() throws Exception {
    try (Connection c = DriverManager.getConnection(url, "postgres", "")) {
      c.setAutoCommit(false);
      c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      c.setReadOnly(true);
      List<JournalAudit.Row> rows = new ArrayList<>();
      List<JournalAudit.Trade> trades = new ArrayList<>();
      List<JournalAudit.Confirm> confirms = new ArrayList<>();
      List<JournalAudit.Ended> ended = new ArrayList<>();
      List<String> readModel = new ArrayList<>();
      try (Statement s = c.createStatement()) {
        s.setFetchSize(5_000);
        try (ResultSet r = s.executeQuery("SELECT persistence_id, sequence_number, writer FROM event_journal")) {
          while (r.next()) {
            rows.add(new JournalAudit.Row(r.getString(1), r.getLong(2), r.getString(3)));
          }
        }
        try (ResultSet r = s.executeQuery("SELECT persistence_id, event_ser_manifest, event_payload FROM event_journal"
            + " WHERE event_ser_manifest IN ('TradeConfirmed', 'BidConfirmed', 'NegotiationEnded')")) {
          while (r.next()) {
            String id = r.getString(1);
            String entity = id.substring(id.indexOf('|') + 1);
            byte[] payload = r.getBytes(3);
            switch (r.getString(2)) {
              case "TradeConfirmed" -> {
                BatteryTradeConfirmed t = BatteryTradeConfirmed.parseFrom(payload);
                trades.add(new JournalAudit.Trade(entity, t.getAuctionId(), t.getAggregatorId()));
              }
              case "BidConfirmed" -> confirms.add(new JournalAudit.Confirm(entity,
                  AggregatorBidConfirmed.parseFrom(payload).getAuctionId()));
              case "NegotiationEnded" -> {
                AggregatorNegotiationEnded e = AggregatorNegotiationEnded.parseFrom(payload);
                ended.add(new JournalAudit.Ended(entity, e.getAuctionId(), e.getCode().name()));
              }
              default -> throw new IllegalStateException(r.getString(2));
            }
          }
        }
        try (ResultSet r = s.executeQuery("SELECT auction_id FROM trades")) {
          while (r.next()) {
            readModel.add(r.getString(1));
          }
        }
      }
      c.commit();
      return JournalAudit.of(rows, trades, confirms, ended, readModel);
    }
  }

  /**
   * Audits until the read model holds every trade the journal held at the first audit (the projections catch up from
   * their offsets), or {@code patience} has passed; returns the last audit with {@code readModelMissing} limited to
   * those trades. The fleet keeps trading meanwhile, so trades confirmed after the first audit are always a second or
   * so ahead of the projection: they are not held against it (they are checked by the next audit).
   */
  public JournalAudit auditSettled(Duration patience) throws Exception {
    long started = System.nanoTime();
    long deadline = started + patience.toNanos();
    JournalAudit first = audit();
    java.util.Set<String> target = first.trades();
    JournalAudit a = first;
    while (!missingOf(a, target).isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(1_000);
      a = audit();
    }
    System.out.printf("[faults] read model: %d of %d journal trades not yet projected at the first audit, %d after %d ms%n",
        missingOf(first, target).size(), target.size(), missingOf(a, target).size(),
        (System.nanoTime() - started) / 1_000_000);
    return new JournalAudit(a.trades(), a.doubledTrades(), a.doubledConfirms(), a.tradesNeverConfirmed(),
        a.tradesUndoneByAggregator(), a.interleavedWriters(), missingOf(a, target), a.readModelExtra(), a.events(),
        a.confirmsWithoutTrade());
  }

  private static java.util.Set<String> missingOf(JournalAudit a, java.util.Set<String> target) {
    java.util.Set<String> missing = new java.util.TreeSet<>(a.readModelMissing());
    missing.retainAll(target);
    return missing;
  }

  /** Audits until at least {@code count} trades are confirmed, failing after {@code patience}. */
  public JournalAudit awaitTrades(int count, Duration patience) throws Exception {
    long deadline = System.nanoTime() + patience.toNanos();
    while (true) {
      JournalAudit a;
      try {
        a = audit();
      } catch (SQLException databaseDown) {
        a = null;
      }
      if (a != null && a.trades().size() >= count) {
        return a;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("fewer than " + count + " confirmed trades after " + patience + ": "
            + (a == null ? "database unreachable" : a.summary()));
      }
      Thread.sleep(1_000);
    }
  }
}
