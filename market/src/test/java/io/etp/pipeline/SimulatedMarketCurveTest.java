package io.etp.pipeline;

import static org.junit.jupiter.api.Assertions.*;

import io.etp.clearing.ClearingResult;
import io.etp.clearing.Order;
import io.etp.clearing.UniformPriceAuction;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatedMarketCurveTest {

  static final SimulatedMarketCurve CURVE = new SimulatedMarketCurve(1000, 2, 10);

  static double clearingPrice(List<Order> orders) {
    return ((ClearingResult.Cleared) UniformPriceAuction.clear(orders)).pricePerMwh();
  }

  @Test
  void withoutTheFleetThePeriodClearsAtTheRealPrice() {
    assertEquals(87.5, clearingPrice(CURVE.orders(3, 87.5)), 1e-9);
    assertEquals(-12.0, clearingPrice(CURVE.orders(3, -12.0)), 1e-9);
  }

  @Test
  void aSmallOfferBelowTheRealPriceIsFilledAtIt() {
    List<Order> orders = new ArrayList<>(CURVE.orders(0, 50));
    orders.add(Order.sell("fleet", "bess-1", 400, 30));
    ClearingResult.Cleared c = (ClearingResult.Cleared) UniformPriceAuction.clear(orders);
    assertEquals(50, c.pricePerMwh(), 1e-9);
    double filled = c.fills().stream().filter(f -> f.order().orderId().equals("fleet")).mapToDouble(f -> f.filledKwh())
        .sum();
    assertEquals(400, filled, 1e-9);
  }

  @Test
  void supplyBeyondOneStepPushesThePriceDown() {
    List<Order> orders = new ArrayList<>(CURVE.orders(0, 50));
    // 5 steps more supply: the curves now cross 2.5 steps (5 per MWh) lower
    orders.add(Order.sell("fleet", "bess-1", 5000, 0));
    double price = clearingPrice(orders);
    assertTrue(price >= 44 && price <= 46, "price " + price);
  }
}
