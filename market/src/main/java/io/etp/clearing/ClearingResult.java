package io.etp.clearing;

import java.util.List;

/** Outcome of one period's auction. */
public sealed interface ClearingResult {

  /** Energy traded, kWh. */
  double volumeKwh();

  /**
   * The curves cross: every fill executes at {@code pricePerMwh}.
   *
   * @param pricePerMwh uniform clearing price, currency/MWh
   * @param volumeKwh   traded energy, kWh (sum of buy fills = sum of sell fills)
   * @param fills       orders with a non-zero fill, buys first by limit descending, then sells by limit ascending
   */
  record Cleared(double pricePerMwh, double volumeKwh, List<Fill> fills) implements ClearingResult {
    public Cleared {
      fills = List.copyOf(fills);
    }
  }

  /** The curves do not cross (or one is empty): nothing trades and there is no price. */
  record NoTrade(String reason) implements ClearingResult {
    @Override
    public double volumeKwh() {
      return 0;
    }
  }
}
