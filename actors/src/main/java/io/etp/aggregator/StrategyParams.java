package io.etp.aggregator;

/**
 * Parameters of the bidding strategies (each uses the ones it needs).
 *
 * @param startPriceCPerKwh fixed increment: the opening bid, c/kWh
 * @param incrementCPerKwh raise per reject, c/kWh (> 0)
 * @param marginCPerKwh value-based: bid at most expected value minus this, c/kWh
 * @param targetSuccessRate adaptive: the share of auctions it aims to win, 0..1
 */
public record StrategyParams(
    double startPriceCPerKwh, double incrementCPerKwh, double marginCPerKwh, double targetSuccessRate) {

  public StrategyParams {
    if (!(incrementCPerKwh > 0)) throw new IllegalArgumentException("increment must be > 0");
    if (!(targetSuccessRate >= 0 && targetSuccessRate <= 1)) throw new IllegalArgumentException("target 0..1");
    if (!(startPriceCPerKwh >= 0) || !(marginCPerKwh >= 0)) throw new IllegalArgumentException("negative parameter");
  }
}
