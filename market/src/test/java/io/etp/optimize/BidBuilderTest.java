package io.etp.optimize;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BidBuilderTest {

  private final StorageDispatchOptimizer optimizer = new StorageDispatchOptimizer();

  @Test
  void lossyArbitrageBidsAtTheStoredEnergyValue() {
    // charge 1 kWh at 20, sell 0.81 kWh at 60 (battery 1 kW / 2 kWh, 90 %/90 %). One more kWh in storage at the end of
    // period 1 lets the discharge rise by 0.9 kWh worth 0.054; so the sell limit is 0.054/0.9 per kWh = 60 per MWh, and
    // a grid kWh bought in period 0 is worth 0.9 * 0.054 per kWh = 48.6 per MWh.
    StorageSpec spec = StorageSpec.of(1, 2, 0.9, 0.9);
    DispatchSchedule s = optimizer.optimise(DispatchProblem.of(spec, Duration.ofHours(1), List.of(20.0, 60.0)));
    List<PeriodBid> bids = BidBuilder.fromSchedule(s, spec);
    assertEquals(2, bids.size());
    assertEquals(new PeriodBid(0, BidSide.BUY, 1.0, 48.6), rounded(bids.get(0)));
    assertEquals(new PeriodBid(1, BidSide.SELL, 0.81, 60.0), rounded(bids.get(1)));
  }

  @Test
  void wearCostWidensTheBidOfferSpread() {
    StorageSpec spec = StorageSpec.of(1, 2, 0.9, 0.9).withThroughputCost(0.002);
    DispatchSchedule s = optimizer.optimise(DispatchProblem.of(spec, Duration.ofHours(1), List.of(20.0, 70.0)));
    for (PeriodBid bid : BidBuilder.fromSchedule(s, spec)) {
      double price = s.intervals().get(bid.period()).pricePerMwh();
      if (bid.side() == BidSide.BUY) {
        assertEquals(true, bid.limitPricePerMwh() >= price - 1e-6, "buy limit below forecast price: " + bid);
      } else {
        assertEquals(true, bid.limitPricePerMwh() <= price + 1e-6, "sell limit above forecast price: " + bid);
      }
    }
  }

  @Test
  void idlePeriodsProduceNoBids() {
    StorageSpec spec = StorageSpec.of(1, 2, 0.9, 0.9);
    DispatchSchedule s = optimizer.optimise(DispatchProblem.of(spec, Duration.ofHours(1), List.of(50.0, 60.0)));
    assertEquals(List.of(), BidBuilder.fromSchedule(s, spec));
  }

  private static PeriodBid rounded(PeriodBid b) {
    return new PeriodBid(b.period(), b.side(), Math.round(b.quantityKwh() * 1e6) / 1e6,
        Math.round(b.limitPricePerMwh() * 1e6) / 1e6);
  }
}
