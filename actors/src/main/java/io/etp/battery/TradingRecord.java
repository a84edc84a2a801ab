package io.etp.battery;

/**
 * A battery's record of one aggregator.
 *
 * @param confirmed trades the aggregator confirmed in time
 * @param missed accepts it did not confirm before the deadline
 * @param rejected auctions it bid in and did not win
 */
public record TradingRecord(long confirmed, long missed, long rejected) {

  public static final TradingRecord EMPTY = new TradingRecord(0, 0, 0);

  /**
   * Share of accepts confirmed in time, 0..1, counting one confirmed accept in the aggregator's favour (so a
   * newcomer starts at 1 and a single miss does not ban it for good): (confirmed + 1) / (confirmed + missed + 1).
   */
  public double reputation() {
    return (confirmed + 1.0) / (confirmed + missed + 1.0);
  }

  public TradingRecord withConfirmed() { return new TradingRecord(confirmed + 1, missed, rejected); }
  public TradingRecord withMissed() { return new TradingRecord(confirmed, missed + 1, rejected); }
  public TradingRecord withRejected() { return new TradingRecord(confirmed, missed, rejected + 1); }
}
