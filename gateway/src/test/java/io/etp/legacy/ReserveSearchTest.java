package io.etp.legacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class ReserveSearchTest {

  /** The prototype's rule: BidReject when bidPrice < reserve, else BidAccept; records every bid. */
  private static final class Prototype implements ReserveSearch.Bidder {
    final double reserve;
    final List<Double> bids = new ArrayList<>();

    Prototype(double reserve) {
      this.reserve = reserve;
    }

    @Override
    public boolean accepts(double price) {
      bids.add(price);
      return !(price < reserve);
    }
  }

  @Test
  void findsTheReserveToTheCentWithFewBids() throws IOException {
    for (double reserve : new double[] {14.0, 13.37, 0.01, 99.99, 100.0}) {
      Prototype p = new Prototype(reserve);
      assertEquals(OptionalDouble.of(reserve), ReserveSearch.lowestAccepted(p, 100.0), "reserve " + reserve);
      assertTrue(p.bids.size() <= 15, p.bids.size() + " bids for reserve " + reserve);
      assertTrue(p.bids.stream().allMatch(b -> b >= 0 && b <= 100.0), "bids within [0, max]: " + p.bids);
    }
  }

  @Test
  void aBatteryThatAcceptsEverythingHasReserveZero() throws IOException {
    assertEquals(OptionalDouble.of(0.0), ReserveSearch.lowestAccepted(new Prototype(0), 50.0));
  }

  @Test
  void aReserveAboveTheMaximumIsNotFound() throws IOException {
    Prototype p = new Prototype(20.0);
    assertEquals(OptionalDouble.empty(), ReserveSearch.lowestAccepted(p, 18.5));
    assertEquals(List.of(18.5), p.bids, "one bid at the maximum, then stop");
  }

  @Test
  void aFractionalReserveRoundsUpToTheNextCent() throws IOException {
    assertEquals(OptionalDouble.of(14.01), ReserveSearch.lowestAccepted(new Prototype(14.001), 100.0));
  }

  @Test
  void aFailingBidFailsTheSearchAndABadMaximumIsRefused() {
    assertThrows(IOException.class, () -> ReserveSearch.lowestAccepted(price -> {
      throw new IOException("gone");
    }, 100.0));
    assertThrows(IllegalArgumentException.class, () -> ReserveSearch.lowestAccepted(p -> true, -1));
    assertThrows(IllegalArgumentException.class, () -> ReserveSearch.lowestAccepted(p -> true, Double.NaN));
  }
}
