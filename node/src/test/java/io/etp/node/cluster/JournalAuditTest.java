package io.etp.node.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JournalAuditTest {

  private static final List<JournalAudit.Row> NO_ROWS = List.of();

  @Test
  void aConsistentJournalHasNoProblems() {
    JournalAudit a = JournalAudit.of(
        List.of(row("Battery|b1", 1, "w1"), row("Battery|b1", 2, "w1"), row("Battery|b1", 3, "w2")),
        List.of(trade("b1", "a1", "agg-1")), List.of(confirm("agg-1", "a1"), confirm("agg-2", "a2")),
        List.of(new JournalAudit.Ended("agg-1", "a1", JournalAudit.COMPLETED)), List.of("a1"));
    assertEquals(List.of(), a.problems());
    assertEquals(Set.of("a1"), a.trades());
    assertEquals(1, a.confirmsWithoutTrade());
    assertTrue(a.readModelMissing().isEmpty() && a.readModelExtra().isEmpty());
  }

  @Test
  void findsAnAuctionTradedTwice() {
    JournalAudit a = JournalAudit.of(NO_ROWS, List.of(trade("b1", "a1", "agg-1"), trade("b1", "a1", "agg-2")),
        List.of(confirm("agg-1", "a1"), confirm("agg-2", "a1")), List.of(), List.of("a1"));
    assertEquals(Set.of("a1 x2"), a.doubledTrades());
    assertEquals(1, a.problems().size());
  }

  @Test
  void findsAnAggregatorThatConfirmedOneAuctionTwice() {
    JournalAudit a = JournalAudit.of(NO_ROWS, List.of(trade("b1", "a1", "agg-1")),
        List.of(confirm("agg-1", "a1"), confirm("agg-1", "a1")), List.of(), List.of("a1"));
    assertEquals(Set.of("agg-1/a1 x2"), a.doubledConfirms());
  }

  @Test
  void findsTradesNeverConfirmedAndTradesTheAggregatorUndid() {
    JournalAudit a = JournalAudit.of(NO_ROWS, List.of(trade("b1", "a1", "agg-1"), trade("b2", "a2", "agg-1")),
        List.of(confirm("agg-1", "a2")),
        List.of(new JournalAudit.Ended("agg-1", "a2", "TERMINATION_CODE_CANCELLED")), List.of("a1", "a2"));
    assertEquals(Set.of("a1"), a.tradesNeverConfirmed());
    assertEquals(Set.of("a2 (agg-1: TERMINATION_CODE_CANCELLED)"), a.tradesUndoneByAggregator());
  }

  @Test
  void findsTwoIncarnationsWritingOneTwinAtOnce() {
    JournalAudit a = JournalAudit.of(List.of(row("Battery|b1", 3, "w1"), row("Battery|b1", 1, "w1"),
            row("Battery|b1", 2, "w2"), row("Battery|b2", 1, "w3"), row("Battery|b2", 2, "w4")),
        List.of(), List.of(), List.of(), List.of());
    assertEquals(Set.of("Battery|b1"), a.interleavedWriters());
  }

  @Test
  void comparesWithAnEarlierAuditAndTheReadModel() {
    JournalAudit earlier = JournalAudit.of(NO_ROWS, List.of(trade("b1", "a1", "agg-1"), trade("b1", "a2", "agg-1")),
        List.of(confirm("agg-1", "a1"), confirm("agg-1", "a2")), List.of(), List.of("a1", "a2"));
    JournalAudit later = JournalAudit.of(NO_ROWS, List.of(trade("b1", "a1", "agg-1"), trade("b1", "a3", "agg-1")),
        List.of(confirm("agg-1", "a1"), confirm("agg-1", "a3")), List.of(), List.of("a1", "a9"));
    assertEquals(Set.of("a2"), later.lostSince(earlier));
    assertEquals(1, later.newSince(earlier));
    assertEquals(Set.of("a3"), later.readModelMissing());
    assertEquals(Set.of("a9"), later.readModelExtra());
  }

  private static JournalAudit.Row row(String id, long seq, String writer) {
    return new JournalAudit.Row(id, seq, writer);
  }

  private static JournalAudit.Trade trade(String battery, String auction, String aggregator) {
    return new JournalAudit.Trade(battery, auction, aggregator);
  }

  private static JournalAudit.Confirm confirm(String aggregator, String auction) {
    return new JournalAudit.Confirm(aggregator, auction);
  }
}
