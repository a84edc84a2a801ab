package io.etp.trading;

import static org.junit.jupiter.api.Assertions.*;

import io.etp.money.EnergyKwh;
import io.etp.money.PriceCPerKwh;
import io.etp.aggregator.Aggregator;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** One aggregator negotiating with 100 batteries at once on a one-node cluster. */
class ScaleTest extends TradingClusterTestBase {

  static final int BATTERIES = 100;

  @Test
  void oneAggregatorCompletesAuctionsWithAHundredBatteriesAtOnce() {
    IntStream.rangeClosed(1, BATTERIES).forEach(i -> register("scale-bess-" + i));
    tap.awaitAssert(Duration.ofSeconds(20), Duration.ofMillis(250), () -> {
      assertEquals(BATTERIES, IntStream.rangeClosed(1, BATTERIES)
          .filter(i -> battery("scale-bess-" + i).availability() == io.etp.battery.Availability.ONLINE).count());
      return null;
    });
    setTargets("scale-agg", 10_000, 18.5, 100_000_000);

    tap.awaitAssert(Duration.ofSeconds(60), Duration.ofMillis(500), () -> {
      Aggregator.State agg = aggregator("scale-agg");
      assertEquals(BATTERIES, agg.won(), "auctions won so far");
      return null;
    });
    Aggregator.State agg = aggregator("scale-agg");
    assertEquals(BATTERIES * 6.5, agg.boughtKwh(), 1e-6);
    assertEquals(BATTERIES, agg.records().size());
    for (int i = 1; i <= BATTERIES; i++) {
      var state = battery("scale-bess-" + i);
      assertTrue(state.soldKwh() <= state.offeredKwh(), "energy sold never exceeds energy offered");
      var outcome = state.lastOutcome().orElseThrow();
      assertTrue(outcome.traded(), outcome.summary());
      assertEquals("scale-agg", outcome.winnerId().orElseThrow());
      assertTrue(outcome.clearingPriceCPerKwh().compareTo(PriceCPerKwh.parse("14")) >= 0);
    }
  }
}
