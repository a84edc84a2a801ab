package io.etp.aggregator;

import io.etp.auction.Mechanism;

/**
 * What a strategy knows when it prices a bid for one battery's lot.
 *
 * @param maxPriceCPerKwh the aggregator's hard ceiling, c/kWh: no strategy bids above it
 * @param reservePriceCPerKwh the reserve the battery disclosed, c/kWh (0 if it did not)
 * @param standingPriceCPerKwh the best bid the battery reported, c/kWh (0 if none)
 * @param mechanism how the battery sells
 * @param expectedPriceCPerKwh the price signal's value now, c/kWh
 * @param successRate the aggregator's share of auctions won so far, 0..1 (0.5 with no history)
 * @param meanClearingPriceCPerKwh mean clearing price it observed, c/kWh (0 with no history)
 */
public record BidContext(
    double maxPriceCPerKwh,
    double reservePriceCPerKwh,
    double standingPriceCPerKwh,
    Mechanism mechanism,
    double expectedPriceCPerKwh,
    double successRate,
    double meanClearingPriceCPerKwh) {}
