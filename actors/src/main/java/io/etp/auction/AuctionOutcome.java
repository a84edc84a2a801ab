package io.etp.auction;

import io.etp.protocol.v1.TerminationCode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * How an auction ended: what was offered, who won at what price, who took part.
 *
 * @param clearingPriceCPerKwh the price the trade was made at; 0 when there was no trade
 * @param energyKwh energy sold; 0 when there was no trade
 * @param bidders every aggregator that bid in the auction (each of them is told the end)
 * @param endedWith COMPLETED for a trade, else why it ended without one
 */
public record AuctionOutcome(
    String auctionId,
    String batteryId,
    Mechanism mechanism,
    double lotKwh,
    double reservePriceCPerKwh,
    Optional<String> winnerId,
    double clearingPriceCPerKwh,
    double energyKwh,
    List<String> bidders,
    int misses,
    TerminationCode endedWith,
    Instant endedAt) {

  public AuctionOutcome {
    bidders = List.copyOf(bidders);
  }

  public boolean traded() {
    return endedWith == TerminationCode.TERMINATION_CODE_COMPLETED;
  }

  /** Clearing price minus reserve, c/kWh; 0 without a trade. */
  public double priceImprovementCPerKwh() {
    return traded() ? clearingPriceCPerKwh - reservePriceCPerKwh : 0.0;
  }

  /** One readable line for logs. */
  public String summary() {
    if (traded()) {
      return String.format(java.util.Locale.ROOT,
          "auction %s battery=%s mechanism=%s winner=%s clearing=%.2f c/kWh reserve=%.2f improvement=%+.2f (%.1f%%) energy=%.2f kWh bidders=%d misses=%d",
          auctionId, batteryId, mechanism, winnerId.orElse("-"), clearingPriceCPerKwh, reservePriceCPerKwh,
          priceImprovementCPerKwh(),
          reservePriceCPerKwh > 0 ? 100.0 * priceImprovementCPerKwh() / reservePriceCPerKwh : 0.0,
          energyKwh, bidders.size(), misses);
    }
    return String.format(java.util.Locale.ROOT,
        "auction %s battery=%s mechanism=%s no trade (%s) reserve=%.2f c/kWh bidders=%d misses=%d",
        auctionId, batteryId, mechanism, endedWith.name().replace("TERMINATION_CODE_", ""), reservePriceCPerKwh,
        bidders.size(), misses);
  }
}
