package io.etp.auction;

import io.etp.money.EnergyKwh;
import io.etp.money.PriceCPerKwh;
import io.etp.protocol.v1.TerminationCode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * How an auction ended: what was offered, who won at what price, who took part.
 *
 * @param lotKwh energy offered, exact (io.etp.money)
 * @param reservePriceCPerKwh the lowest acceptable price, exact
 * @param clearingPriceCPerKwh the price the trade was made at, exact; 0 when there was no trade
 * @param energyKwh energy sold; 0 when there was no trade
 * @param bidders every aggregator that bid in the auction (each of them is told the end)
 * @param endedWith COMPLETED for a trade, else why it ended without one
 */
public record AuctionOutcome(
    String auctionId,
    String batteryId,
    Mechanism mechanism,
    EnergyKwh lotKwh,
    PriceCPerKwh reservePriceCPerKwh,
    Optional<String> winnerId,
    PriceCPerKwh clearingPriceCPerKwh,
    EnergyKwh energyKwh,
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

  /** Clearing price minus reserve, c/kWh, exact; 0 without a trade. */
  public PriceCPerKwh priceImprovementCPerKwh() {
    return traded() ? clearingPriceCPerKwh.minus(reservePriceCPerKwh) : PriceCPerKwh.ZERO;
  }

  /**
   * One readable line for logs. Prices and energies are written as their exact decimals without trailing zeros
   * (16.82 c/kWh, 5.75 kWh), never rounded by a format; only the improvement's percentage is a rounded ratio.
   */
  public String summary() {
    if (traded()) {
      PriceCPerKwh improvement = priceImprovementCPerKwh();
      return String.format(java.util.Locale.ROOT,
          "auction %s battery=%s mechanism=%s winner=%s clearing=%s c/kWh reserve=%s c/kWh improvement=%s%s c/kWh (%.1f%%) energy=%s kWh bidders=%d misses=%d",
          auctionId, batteryId, mechanism, winnerId.orElse("-"), plain(clearingPriceCPerKwh.value()),
          plain(reservePriceCPerKwh.value()), improvement.isNegative() ? "" : "+", plain(improvement.value()),
          reservePriceCPerKwh.value().signum() > 0
              ? improvement.value().movePointRight(2)
                  .divide(reservePriceCPerKwh.value(), 1, java.math.RoundingMode.HALF_EVEN).doubleValue()
              : 0.0,
          plain(energyKwh.value()), bidders.size(), misses);
    }
    return String.format(java.util.Locale.ROOT,
        "auction %s battery=%s mechanism=%s no trade (%s) reserve=%s c/kWh bidders=%d misses=%d",
        auctionId, batteryId, mechanism, endedWith.name().replace("TERMINATION_CODE_", ""),
        plain(reservePriceCPerKwh.value()), bidders.size(), misses);
  }

  private static String plain(java.math.BigDecimal v) {
    return io.etp.money.Decimals.plain(v).toPlainString();
  }
}
