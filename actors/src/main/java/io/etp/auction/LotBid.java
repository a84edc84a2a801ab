package io.etp.auction;

import java.time.Instant;

/**
 * One bid for a lot, as the auction book ranks it.
 *
 * @param bidderId the aggregator's entity id
 * @param priceCPerKwh price offered, c/kWh
 * @param energyKwh energy asked for, kWh (the winner buys this much at the clearing price)
 * @param receivedAt when the battery received it (earlier wins a tie)
 * @param reputation the bidder's reputation at this battery, 0..1 (higher wins a tie on time)
 * @param sequence arrival order inside the book, the last tie-breaker
 */
public record LotBid(
    String bidderId, double priceCPerKwh, double energyKwh, Instant receivedAt, double reputation, long sequence) {}
