package io.etp.node.cluster;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the journal says about the trades, decided without a database (the rows come from {@link JournalCheck}):
 * confirmed trades are the batteries' {@code TradeConfirmed} events, one per auction; the aggregators' side is their
 * {@code BidConfirmed} (persisted before the BidConfirm is sent) and {@code NegotiationEnded} (with the battery's
 * termination code).
 *
 * <p>The checks: an auction with more than one confirmed trade (doubled); an aggregator that confirmed the same
 * auction twice (bought twice); a battery trade its aggregator never confirmed; a battery trade its aggregator later
 * counted as not made (ended with another code than COMPLETED); a persistence id written by two incarnations at once
 * (a writer that comes back after another one wrote: two twins of one battery alive in a split brain); confirmed
 * trades of an earlier audit that are gone (lost); journal trades missing from the read model, and read-model trades
 * the journal does not hold.
 */
public record JournalAudit(
    Set<String> trades,
    Set<String> doubledTrades,
    Set<String> doubledConfirms,
    Set<String> tradesNeverConfirmed,
    Set<String> tradesUndoneByAggregator,
    Set<String> interleavedWriters,
    Set<String> readModelMissing,
    Set<String> readModelExtra,
    long events,
    long confirmsWithoutTrade) {

  /** A journal row: which incarnation ({@code writer}) wrote event {@code seqNr} of {@code persistenceId}. */
  public record Row(String persistenceId, long seqNr, String writer) {}

  /** A battery's TradeConfirmed. */
  public record Trade(String batteryId, String auctionId, String aggregatorId) {}

  /** An aggregator's BidConfirmed. */
  public record Confirm(String aggregatorId, String auctionId) {}

  /** An aggregator's NegotiationEnded, with the termination code's name. */
  public record Ended(String aggregatorId, String auctionId, String code) {}

  public static final String COMPLETED = "TERMINATION_CODE_COMPLETED";

  /**
   * @param rows every journal row (any order)
   * @param trades every TradeConfirmed
   * @param confirms every BidConfirmed
   * @param ended every NegotiationEnded
   * @param readModel the auction ids in the read model's {@code trades} table
   */
  public static JournalAudit of(Collection<Row> rows, Collection<Trade> trades, Collection<Confirm> confirms,
      Collection<Ended> ended, Collection<String> readModel) {
    Map<String, Integer> perAuction = new HashMap<>();
    trades.forEach(t -> perAuction.merge(t.auctionId(), 1, Integer::sum));
    Set<String> doubled = keysAbove(perAuction);

    Map<String, Integer> perConfirm = new HashMap<>();
    confirms.forEach(c -> perConfirm.merge(c.aggregatorId() + "/" + c.auctionId(), 1, Integer::sum));
    Set<String> doubledConfirms = keysAbove(perConfirm);

    Set<String> confirmed = new HashSet<>(perConfirm.keySet());
    Map<String, String> endings = new HashMap<>();
    ended.forEach(e -> endings.put(e.aggregatorId() + "/" + e.auctionId(), e.code()));
    Set<String> never = new TreeSet<>();
    Set<String> undone = new TreeSet<>();
    Set<String> traded = new TreeSet<>();
    Set<String> tradedKeys = new HashSet<>();
    for (Trade t : trades) {
      traded.add(t.auctionId());
      String key = t.aggregatorId() + "/" + t.auctionId();
      tradedKeys.add(key);
      if (!confirmed.contains(key)) {
        never.add(t.auctionId());
      }
      String code = endings.get(key);
      if (code != null && !code.equals(COMPLETED)) {
        undone.add(t.auctionId() + " (" + t.aggregatorId() + ": " + code + ")");
      }
    }
    long confirmsWithoutTrade = confirmed.stream().filter(k -> !tradedKeys.contains(k)).count();

    Set<String> readModelSet = new HashSet<>(readModel);
    Set<String> missing = new TreeSet<>(traded);
    missing.removeAll(readModelSet);
    Set<String> extra = new TreeSet<>(readModelSet);
    extra.removeAll(traded);
    return new JournalAudit(traded, doubled, doubledConfirms, never, undone, interleaved(rows), missing, extra,
        rows.size(), confirmsWithoutTrade);
  }

  /** The confirmed trades of {@code earlier} that this audit no longer finds. */
  public Set<String> lostSince(JournalAudit earlier) {
    Set<String> lost = new TreeSet<>(earlier.trades());
    lost.removeAll(trades);
    return lost;
  }

  /** Trades confirmed since {@code earlier}. */
  public int newSince(JournalAudit earlier) {
    Set<String> added = new HashSet<>(trades);
    added.removeAll(earlier.trades());
    return added.size();
  }

  /** The problems found, one line each; empty when the journal is consistent. */
  public List<String> problems() {
    List<String> p = new ArrayList<>();
    add(p, "auctions with more than one confirmed trade", doubledTrades);
    add(p, "aggregator confirmations of one auction made twice", doubledConfirms);
    add(p, "trades their aggregator never confirmed", tradesNeverConfirmed);
    add(p, "trades their aggregator counted as not made", tradesUndoneByAggregator);
    add(p, "persistence ids written by two incarnations at once", interleavedWriters);
    return p;
  }

  private static void add(List<String> p, String what, Set<String> found) {
    if (!found.isEmpty()) {
      p.add(found.size() + " " + what + ": " + first(found, 10));
    }
  }

  static String first(Set<String> s, int n) {
    return s.stream().limit(n).toList() + (s.size() > n ? " ..." : "");
  }

  /**
   * The persistence ids in which a writer wrote again after another writer had written: a twin's incarnations follow
   * each other (each recovers, then writes), so a writer never comes back unless two were alive at once.
   */
  static Set<String> interleaved(Collection<Row> rows) {
    Map<String, List<Row>> byId = new LinkedHashMap<>();
    rows.forEach(r -> byId.computeIfAbsent(r.persistenceId(), k -> new ArrayList<>()).add(r));
    Set<String> found = new TreeSet<>();
    byId.forEach((id, list) -> {
      list.sort((a, b) -> Long.compare(a.seqNr(), b.seqNr()));
      Set<String> finished = new HashSet<>();
      String current = null;
      for (Row r : list) {
        if (!r.writer().equals(current)) {
          if (finished.contains(r.writer())) {
            found.add(id);
            break;
          }
          if (current != null) {
            finished.add(current);
          }
          current = r.writer();
        }
      }
    });
    return found;
  }

  private static Set<String> keysAbove(Map<String, Integer> counts) {
    Set<String> s = new TreeSet<>();
    counts.forEach((k, v) -> {
      if (v > 1) {
        s.add(k + " x" + v);
      }
    });
    return s;
  }

  /** One line of figures. */
  public String summary() {
    return String.format("%d confirmed trades, %d doubled, %d aggregator double confirms, %d never confirmed, "
            + "%d undone by their aggregator, %d split-brain writers, %d journal events, %d confirms without a trade "
            + "(deadline missed or auction cancelled), read model: %d missing, %d extra",
        trades.size(), doubledTrades.size(), doubledConfirms.size(), tradesNeverConfirmed.size(),
        tradesUndoneByAggregator.size(), interleavedWriters.size(), events, confirmsWithoutTrade,
        readModelMissing.size(), readModelExtra.size());
  }
}
