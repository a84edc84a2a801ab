package io.etp.clearing;

/** How much of an order was executed at the uniform clearing price. */
public record Fill(Order order, double filledKwh) {

  /** True when the whole order quantity was executed. */
  public boolean complete() {
    return filledKwh >= order.quantityKwh() * (1 - 1e-12);
  }
}
