package io.etp.auction;

import static org.junit.jupiter.api.Assertions.*;

import io.etp.money.EnergyKwh;
import io.etp.money.PriceCPerKwh;
import io.etp.protocol.v1.RejectReason;
import io.etp.protocol.v1.TerminationCode;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AuctionBookTest {

  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  static final AuctionRules ASCENDING =
      new AuctionRules(Mechanism.ASCENDING, Duration.ofSeconds(2), 0.25, Duration.ofMillis(500), Duration.ofMillis(500), 2);
  static final AuctionRules SEALED = ASCENDING.withMechanism(Mechanism.SEALED_SECOND_PRICE);

  static AuctionBook book(AuctionRules rules) {
    return new AuctionBook("a1", "bess-1", EnergyKwh.ofDouble(6.5), PriceCPerKwh.ofDouble(14.0), rules, T0);
  }

  static Instant at(long ms) { return T0.plusMillis(ms); }

  @Test
  void rejectsBidBelowReserveInBothMechanisms() {
    for (AuctionRules rules : new AuctionRules[] {ASCENDING, SEALED}) {
      AuctionBook b = book(rules);
      var r = b.place("agg-1", 13.99, 5, 1.0, at(10));
      assertEquals(RejectReason.REJECT_REASON_BELOW_RESERVE, ((AuctionBook.PlaceResult.Rejected) r).reason());
      var p = b.close(at(2000));
      assertInstanceOf(AuctionBook.Progress.Ended.class, p);
      assertEquals(TerminationCode.TERMINATION_CODE_NO_ACCEPTABLE_BID, ((AuctionBook.Progress.Ended) p).outcome().endedWith());
      assertTrue(((AuctionBook.Progress.Ended) p).outcome().bidders().contains("agg-1"));
    }
  }

  @Test
  void rejectsMoreEnergyThanTheLot() {
    var r = book(ASCENDING).place("agg-1", 15, 6.6, 1.0, at(10));
    assertEquals(RejectReason.REJECT_REASON_ENERGY_UNAVAILABLE, ((AuctionBook.PlaceResult.Rejected) r).reason());
  }

  @Test
  void ascendingRequiresTheMinimumIncrementAndReportsWhoWasOutbid() {
    AuctionBook b = book(ASCENDING);
    assertInstanceOf(AuctionBook.PlaceResult.Leading.class, b.place("agg-1", 15.0, 5, 1.0, at(10)));
    var tooSmall = b.place("agg-2", 15.1, 5, 1.0, at(20));
    assertEquals(RejectReason.REJECT_REASON_BELOW_MIN_INCREMENT, ((AuctionBook.PlaceResult.Rejected) tooSmall).reason());
    var lower = b.place("agg-2", 14.5, 5, 1.0, at(30));
    assertEquals(RejectReason.REJECT_REASON_OUTBID, ((AuctionBook.PlaceResult.Rejected) lower).reason());
    var leading = (AuctionBook.PlaceResult.Leading) b.place("agg-2", 15.25, 5, 1.0, at(40));
    assertEquals("agg-1", leading.outbid().orElseThrow());
  }

  @Test
  void ascendingSoftCloseExtendsTheCloseOnLateBids() {
    AuctionBook b = book(ASCENDING);
    b.place("agg-1", 15.0, 5, 1.0, at(10));
    var late = (AuctionBook.PlaceResult.Leading) b.place("agg-2", 16.0, 5, 1.0, at(1800));
    assertEquals(at(2300), late.closesAt());
    assertInstanceOf(AuctionBook.Progress.Extended.class, b.close(at(2000)));
    var awarded = (AuctionBook.Progress.Awarded) b.close(at(2300));
    assertEquals("agg-2", awarded.winner().bidderId());
    assertEquals(PriceCPerKwh.ofDouble(16.0), awarded.clearingPriceCPerKwh());
  }

  @Test
  void ascendingWinnerPaysItsOwnBid() {
    AuctionBook b = book(ASCENDING);
    b.place("agg-1", 15.0, 5, 1.0, at(10));
    b.place("agg-2", 16.0, 5, 1.0, at(20));
    var awarded = (AuctionBook.Progress.Awarded) b.close(at(2000));
    assertEquals("agg-2", awarded.winner().bidderId());
    assertEquals(PriceCPerKwh.ofDouble(16.0), awarded.clearingPriceCPerKwh());
    assertEquals(RejectReason.REJECT_REASON_OUTBID, awarded.others().get("agg-1"));
  }

  @Test
  void sealedWinnerPaysTheSecondHighestPrice() {
    AuctionBook b = book(SEALED);
    b.place("agg-1", 15.0, 5, 1.0, at(10));
    b.place("agg-2", 18.0, 5, 1.0, at(20));
    b.place("agg-3", 16.5, 5, 1.0, at(30));
    var awarded = (AuctionBook.Progress.Awarded) b.close(at(2000));
    assertEquals("agg-2", awarded.winner().bidderId());
    assertEquals(PriceCPerKwh.ofDouble(16.5), awarded.clearingPriceCPerKwh());
  }

  @Test
  void sealedSingleBidderPaysTheReserve() {
    AuctionBook b = book(SEALED);
    b.place("agg-1", 17.0, 5, 1.0, at(10));
    var awarded = (AuctionBook.Progress.Awarded) b.close(at(2000));
    assertEquals(PriceCPerKwh.ofDouble(14.0), awarded.clearingPriceCPerKwh());
  }

  @Test
  void tieIsBrokenByTimeThenReputation() {
    AuctionBook b = book(SEALED);
    b.place("late", 16.0, 5, 1.0, at(20));
    b.place("early", 16.0, 5, 0.6, at(10));
    assertEquals("early", ((AuctionBook.Progress.Awarded) b.close(at(2000))).winner().bidderId());

    AuctionBook c = book(SEALED);
    c.place("trusted", 16.0, 5, 0.9, at(10));
    c.place("doubtful", 16.0, 5, 0.6, at(10));
    assertEquals("trusted", ((AuctionBook.Progress.Awarded) c.close(at(2000))).winner().bidderId());
  }

  @Test
  void rejectsBidsAfterTheClose() {
    AuctionBook b = book(SEALED);
    var r = b.place("agg-1", 16.0, 5, 1.0, at(2000));
    assertEquals(RejectReason.REJECT_REASON_AUCTION_CLOSED, ((AuctionBook.PlaceResult.Rejected) r).reason());
  }

  @Test
  void secondBestWinsWhenWinnerMissesConfirmDeadline() {
    AuctionBook b = book(SEALED);
    b.place("agg-1", 15.0, 5, 1.0, at(10));
    b.place("agg-2", 18.0, 5, 1.0, at(20));
    b.place("agg-3", 16.5, 5, 1.0, at(30));
    var first = (AuctionBook.Progress.Awarded) b.close(at(2000));
    var second = (AuctionBook.Progress.Awarded) b.confirmDeadlineMissed(first.award(), at(2500));
    assertEquals("agg-3", second.winner().bidderId());
    assertEquals(PriceCPerKwh.ofDouble(15.0), second.clearingPriceCPerKwh());
    assertInstanceOf(AuctionBook.ConfirmResult.NotAwaited.class, b.confirm("agg-2", at(2600)));
    var sold = (AuctionBook.ConfirmResult.Sold) b.confirm("agg-3", at(2700));
    assertEquals(1, sold.outcome().misses());
    assertEquals(PriceCPerKwh.ofDouble(15.0), sold.outcome().clearingPriceCPerKwh());
  }

  @Test
  void staleDeadlineTimerIsIgnored() {
    AuctionBook b = book(ASCENDING);
    b.place("agg-1", 15.0, 5, 1.0, at(10));
    var first = (AuctionBook.Progress.Awarded) b.close(at(2000));
    assertInstanceOf(AuctionBook.Progress.Unchanged.class, b.confirmDeadlineMissed(first.award() + 1, at(2500)));
    assertInstanceOf(AuctionBook.ConfirmResult.Sold.class, b.confirm("agg-1", at(2400)));
    assertInstanceOf(AuctionBook.Progress.Unchanged.class, b.confirmDeadlineMissed(first.award(), at(2500)));
  }

  @Test
  void auctionEndsAfterMaxMisses() {
    AuctionBook b = book(ASCENDING);
    b.place("agg-1", 15.0, 5, 1.0, at(10));
    b.place("agg-2", 16.0, 5, 1.0, at(20));
    b.place("agg-3", 17.0, 5, 1.0, at(30));
    var a1 = (AuctionBook.Progress.Awarded) b.close(at(2000));
    var a2 = (AuctionBook.Progress.Awarded) b.confirmDeadlineMissed(a1.award(), at(2500));
    var end = (AuctionBook.Progress.Ended) b.confirmDeadlineMissed(a2.award(), at(3000));
    assertEquals(TerminationCode.TERMINATION_CODE_CONFIRM_DEADLINE_MISSED, end.outcome().endedWith());
    assertEquals(2, end.outcome().misses());
    assertEquals(3, end.outcome().bidders().size());
  }

  @Test
  void abortEndsWithTheGivenCodeAndListsEveryBidder() {
    AuctionBook b = book(ASCENDING);
    b.place("agg-1", 15.0, 5, 1.0, at(10));
    b.place("agg-2", 13.0, 5, 1.0, at(20));
    AuctionOutcome o = b.abort(TerminationCode.TERMINATION_CODE_DEVICE_FAILURE, at(30));
    assertEquals(TerminationCode.TERMINATION_CODE_DEVICE_FAILURE, o.endedWith());
    assertEquals(java.util.List.of("agg-1", "agg-2"), o.bidders());
    assertFalse(o.traded());
    assertInstanceOf(AuctionBook.ConfirmResult.NotAwaited.class, b.confirm("agg-1", at(40)));
  }

  @Test
  void outcomeRecordsPriceImprovementOverReserve() {
    AuctionBook b = book(ASCENDING);
    b.place("agg-1", 15.0, 5, 1.0, at(10));
    b.place("agg-2", 16.0, 4, 1.0, at(20));
    b.close(at(2000));
    var sold = (AuctionBook.ConfirmResult.Sold) b.confirm("agg-2", at(2100));
    assertEquals(PriceCPerKwh.ofDouble(2.0), sold.outcome().priceImprovementCPerKwh());
    assertEquals(EnergyKwh.ofDouble(4.0), sold.outcome().energyKwh());
    assertEquals(2, sold.outcome().bidders().size());
    assertTrue(sold.outcome().summary().contains("winner=agg-2"));
  }
}
