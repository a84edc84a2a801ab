package io.etp.clearing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class UniformPriceAuctionPropertiesTest {

  @Property(tries = 300)
  void clearingBalancesAndRespectsEveryLimit(
      @ForAll @Size(min = 1, max = 8) List<@IntRange(min = -20, max = 100) Integer> bidPrices,
      @ForAll @Size(min = 1, max = 8) List<@IntRange(min = -20, max = 100) Integer> offerPrices,
      @ForAll @Size(value = 16) List<@IntRange(min = 1, max = 50) Integer> quantities) {
    List<Order> orders = new ArrayList<>();
    for (int i = 0; i < bidPrices.size(); i++) {
      orders.add(Order.buy("b" + i, "P" + i, quantities.get(i), bidPrices.get(i)));
    }
    for (int i = 0; i < offerPrices.size(); i++) {
      orders.add(Order.sell("s" + i, "Q" + i, quantities.get(8 + i), offerPrices.get(i)));
    }
    ClearingResult result = UniformPriceAuction.clear(orders);
    int bestBid = bidPrices.stream().max(Integer::compare).orElseThrow();
    int bestOffer = offerPrices.stream().min(Integer::compare).orElseThrow();
    if (!(result instanceof ClearingResult.Cleared cleared)) {
      assertTrue(bestBid < bestOffer, "no trade although best bid " + bestBid + " >= best offer " + bestOffer);
      return;
    }
    double price = cleared.pricePerMwh();
    Map<String, Double> filled = new HashMap<>();
    double bought = 0;
    double sold = 0;
    for (Fill f : cleared.fills()) {
      filled.put(f.order().orderId(), f.filledKwh());
      assertTrue(f.filledKwh() > 0 && f.filledKwh() <= f.order().quantityKwh() + 1e-9);
      if (f.order().side() == OrderSide.BUY) {
        bought += f.filledKwh();
        assertTrue(f.order().limitPricePerMwh() >= price - 1e-9, "buyer filled above its limit: " + f);
      } else {
        sold += f.filledKwh();
        assertTrue(f.order().limitPricePerMwh() <= price + 1e-9, "seller filled below its limit: " + f);
      }
    }
    assertEquals(cleared.volumeKwh(), bought, 1e-9);
    assertEquals(cleared.volumeKwh(), sold, 1e-9);
    for (Order o : orders) {
      boolean strictlyInTheMoney = o.side() == OrderSide.BUY ? o.limitPricePerMwh() > price : o.limitPricePerMwh() < price;
      if (strictlyInTheMoney) {
        assertEquals(o.quantityKwh(), filled.getOrDefault(o.orderId(), 0.0), 1e-9, "in the money but not filled: " + o);
      }
    }
  }
}
