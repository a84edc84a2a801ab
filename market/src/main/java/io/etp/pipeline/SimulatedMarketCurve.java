package io.etp.pipeline;

import io.etp.clearing.Order;
import java.util.ArrayList;
import java.util.List;

/**
 * The rest of the market for one period, derived from the real price: a stepped demand curve and a stepped supply curve
 * that cross exactly at the real price, each step {@code stepKwh} wide and {@code stepPerMwh} apart, {@code steps} on
 * each side of the crossing. Without the fleet the period clears at the real price; the fleet's orders shift the curves
 * and move the price by about {@code stepPerMwh} per {@code stepKwh} they add. Pure.
 *
 * @param stepKwh    width of each step, kWh
 * @param stepPerMwh price distance between steps, currency/MWh
 * @param steps      steps on each side of the crossing
 */
public record SimulatedMarketCurve(double stepKwh, double stepPerMwh, int steps) {

  public static final String PARTICIPANT = "market";

  public SimulatedMarketCurve {
    if (!(stepKwh > 0) || !(stepPerMwh > 0) || steps < 1) {
      throw new IllegalArgumentException("step size, step price and steps must be positive");
    }
  }

  /** Demand and supply orders of one period crossing at {@code realPricePerMwh}. */
  public List<Order> orders(int period, double realPricePerMwh) {
    List<Order> orders = new ArrayList<>(4 * steps + 2);
    for (int i = -steps; i <= steps; i++) {
      orders.add(Order.buy("d" + period + "_" + i, PARTICIPANT, stepKwh, realPricePerMwh - i * stepPerMwh));
      orders.add(Order.sell("s" + period + "_" + i, PARTICIPANT, stepKwh, realPricePerMwh + i * stepPerMwh));
    }
    return orders;
  }
}
