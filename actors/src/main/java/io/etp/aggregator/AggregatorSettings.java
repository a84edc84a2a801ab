package io.etp.aggregator;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * Aggregator defaults, read once from {@code etp.aggregator}.
 *
 * @param queryInterval how often it queries the batteries it is not negotiating with
 * @param negotiationTimeout a negotiation without news for this long is dropped
 * @param maxConcurrentNegotiations at most this many batteries at once
 * @param minLotKwh lots smaller than this are not bid for
 */
public record AggregatorSettings(
    Duration queryInterval,
    Duration negotiationTimeout,
    int maxConcurrentNegotiations,
    double minLotKwh,
    StrategyKind strategy,
    StrategyParams strategyParams,
    MarketTiming timing,
    PriceSignal.Configured priceSignal,
    int snapshotEvery) {

  public static AggregatorSettings fromConfig(Config etp) {
    Config a = etp.getConfig("aggregator");
    Config s = a.getConfig("strategy");
    Config p = a.getConfig("price-signal");
    return new AggregatorSettings(
        a.getDuration("query-interval"),
        a.getDuration("negotiation-timeout"),
        a.getInt("max-concurrent-negotiations"),
        a.getDouble("min-lot-kwh"),
        StrategyKind.parse(s.getString("kind")),
        new StrategyParams(s.getDouble("start-price-c-per-kwh"), s.getDouble("increment-c-per-kwh"),
            s.getDouble("margin-c-per-kwh"), s.getDouble("target-success-rate")),
        new MarketTiming(a.getDouble("hold-back-when-trend-below-c-per-kwh-per-hour")),
        new PriceSignal.Configured(p.getDouble("expected-c-per-kwh"), p.getDouble("trend-c-per-kwh-per-hour")),
        a.getInt("snapshot-every"));
  }

  public static AggregatorSettings defaults() {
    return new AggregatorSettings(Duration.ofSeconds(1), Duration.ofSeconds(10), 200, 0.1,
        StrategyKind.FIXED_INCREMENT, new StrategyParams(12.0, 1.0, 0.5, 0.5), new MarketTiming(1.0),
        new PriceSignal.Configured(17.0, 0.0), 100);
  }

  public AggregatorSettings withQueryInterval(Duration d) {
    return new AggregatorSettings(d, negotiationTimeout, maxConcurrentNegotiations, minLotKwh, strategy,
        strategyParams, timing, priceSignal, snapshotEvery);
  }
}
