package io.etp.auction;

import static org.junit.jupiter.api.Assertions.*;

import io.etp.money.EnergyKwh;
import io.etp.money.PriceCPerKwh;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The auction book's invariants over random bid sequences, for both mechanisms. */
class AuctionBookPropertyTest {

  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  static final EnergyKwh LOT = EnergyKwh.parse("6.5");
  static final PriceCPerKwh RESERVE = PriceCPerKwh.parse("14.0");

  /** One step: a bid, a close attempt, a deadline miss, a confirm by some bidder, or a failure. */
  record Step(int kind, int bidder, double price, double energy, int advanceMs) {}

  @Provide
  Arbitrary<List<Step>> steps() {
    Arbitrary<Step> step = Combinators.combine(
            Arbitraries.integers().between(0, 20), // 0..14 bid, 15..16 close, 17..18 miss, 19 confirm, 20 abort
            Arbitraries.integers().between(0, 5),
            Arbitraries.doubles().between(10.0, 20.0).ofScale(2),
            Arbitraries.doubles().between(0.0, 8.0).ofScale(2),
            Arbitraries.integers().between(0, 800))
        .as(Step::new);
    return step.list().ofMinSize(1).ofMaxSize(60);
  }

  @Provide
  Arbitrary<Mechanism> mechanisms() {
    return Arbitraries.of(Mechanism.class);
  }

  @Property(tries = 500)
  void invariantsHoldForAnyBidSequence(@ForAll("steps") List<Step> steps, @ForAll("mechanisms") Mechanism mechanism,
      @ForAll boolean abortAllowed) {
    AuctionRules rules = new AuctionRules(mechanism, Duration.ofSeconds(2), 0.25, Duration.ofMillis(500),
        Duration.ofMillis(500), 2);
    AuctionBook book = new AuctionBook("a", "bess", LOT, RESERVE, rules, T0);
    Instant now = T0;
    Set<String> placed = new HashSet<>();
    int sales = 0;
    EnergyKwh soldKwh = EnergyKwh.ZERO;
    int lastAward = 0;
    for (Step s : steps) {
      now = now.plusMillis(s.advanceMs());
      String bidder = "agg-" + s.bidder();
      if (s.kind() <= 14) {
        if (book.phase() != AuctionBook.Phase.ENDED) placed.add(bidder); // later bids are refused as AUCTION_CLOSED
        book.place(bidder, s.price(), s.energy(), 0.5 + s.bidder() / 10.0, now);
      } else if (s.kind() <= 16) {
        lastAward = check(book.close(now), lastAward);
      } else if (s.kind() <= 18) {
        lastAward = check(book.confirmDeadlineMissed(lastAward, now), lastAward);
      } else if (s.kind() == 19) {
        if (book.confirm(bidder, now) instanceof AuctionBook.ConfirmResult.Sold sold) {
          sales++;
          soldKwh = soldKwh.plus(sold.outcome().energyKwh());
          assertTrue(sold.outcome().clearingPriceCPerKwh().compareTo(RESERVE) >= 0, "no trade below reserve");
          assertEquals(bidder, sold.outcome().winnerId().orElseThrow());
        }
      } else if (abortAllowed) {
        book.abort(io.etp.protocol.v1.TerminationCode.TERMINATION_CODE_DEVICE_FAILURE, now);
      }
    }
    // drive the auction to its end: close, then let every awarded winner miss
    now = now.plusSeconds(60);
    lastAward = check(book.close(now), lastAward);
    for (int i = 0; i < 10 && book.phase() == AuctionBook.Phase.AWAITING_CONFIRM; i++) {
      lastAward = check(book.confirmDeadlineMissed(lastAward, now), lastAward);
    }
    assertEquals(AuctionBook.Phase.ENDED, book.phase());
    AuctionOutcome outcome = book.outcome().orElseThrow();
    assertTrue(sales <= 1, "at most one winner per lot");
    assertTrue(soldKwh.compareTo(LOT) <= 0, "energy sold never exceeds energy offered");
    assertEquals(sales == 1, outcome.traded());
    if (outcome.traded()) {
      assertTrue(outcome.clearingPriceCPerKwh().compareTo(RESERVE) >= 0, "no trade below reserve");
      assertTrue(outcome.energyKwh().compareTo(LOT) <= 0);
    }
    assertTrue(new HashSet<>(outcome.bidders()).containsAll(placed), "every bidder hears the end");
  }

  private static int check(AuctionBook.Progress p, int lastAward) {
    if (p instanceof AuctionBook.Progress.Awarded a) {
      // a bid's wire double enters the book as its exact price (io.etp.money's rule): the invariants hold on those
      PriceCPerKwh winnerPrice = PriceCPerKwh.ofDouble(a.winner().priceCPerKwh());
      assertTrue(winnerPrice.compareTo(RESERVE) >= 0);
      assertTrue(a.clearingPriceCPerKwh().compareTo(RESERVE) >= 0);
      assertTrue(a.clearingPriceCPerKwh().compareTo(winnerPrice) <= 0);
      assertTrue(EnergyKwh.ofDouble(a.winner().energyKwh()).compareTo(LOT) <= 0);
      assertFalse(a.others().containsKey(a.winner().bidderId()));
      return a.award();
    }
    return lastAward;
  }
}
