package io.etp.battery;

import io.etp.money.EnergyKwh;
import io.etp.money.PriceCPerKwh;
import io.etp.protocol.v1.BatteryHealth;
import io.etp.protocol.v1.RejectReason;
import java.math.BigDecimal;

/**
 * Decides whether a bid may enter this battery's auction, before the auction book ranks it.
 * Pure: the same inputs give the same decision.
 */
public final class BidEvaluation {

  private BidEvaluation() {}

  /**
   * The facts about the battery a bid is judged against.
   *
   * @param scheduleRoomKwh what the battery's {@link DeliverySchedule} can still deliver in the period a trade made
   *     now is for ({@link DeliverySchedule#dischargeable}: power limit, minimum state of charge)
   */
  public record Seller(
      Availability availability, BatteryHealth health, double forSaleKwh, AcceptanceCriteria criteria,
      double scheduleRoomKwh) {

    /** A seller whose schedule does not limit it further than {@code forSaleKwh}. */
    public Seller(Availability availability, BatteryHealth health, double forSaleKwh, AcceptanceCriteria criteria) {
      this(availability, health, forSaleKwh, criteria, Double.POSITIVE_INFINITY);
    }
  }

  /** The bid as received. */
  public record Offer(String aggregatorId, double priceCPerKwh, double energyKwh, double reputation) {}

  public sealed interface Decision {
    record Eligible(double lotKwh) implements Decision {}
    record Refused(RejectReason reason, String detail) implements Decision {}
  }

  /**
   * Checks in order: the battery can trade (online, not critical or failed), the aggregator's reputation,
   * the energy asked for (per-trade maximum, what the schedule can deliver, then what is for sale minus the safety
   * margin), the price
   * against the reserve. {@code lotKwh} of an eligible bid is what a new auction would offer.
   */
  public static Decision decide(Seller seller, Offer offer) {
    AcceptanceCriteria c = seller.criteria();
    if (seller.availability() != Availability.ONLINE) {
      return refused(seller.availability() == Availability.FAILED
          ? RejectReason.REJECT_REASON_UNHEALTHY : RejectReason.REJECT_REASON_AUCTION_CLOSED,
          "battery is " + seller.availability());
    }
    if (seller.health() == BatteryHealth.BATTERY_HEALTH_CRITICAL
        || seller.health() == BatteryHealth.BATTERY_HEALTH_FAILED) {
      return refused(RejectReason.REJECT_REASON_UNHEALTHY, "health " + seller.health());
    }
    if (offer.reputation() < c.minReputation()) {
      return refused(RejectReason.REJECT_REASON_LOW_REPUTATION,
          String.format(java.util.Locale.ROOT, "reputation %.2f < %.2f", offer.reputation(), c.minReputation()));
    }
    if (!(offer.energyKwh() > 0) || !Double.isFinite(offer.energyKwh())) {
      return refused(RejectReason.REJECT_REASON_ENERGY_UNAVAILABLE, "no energy asked for");
    }
    // what is traded is exact (io.etp.money): the bid's doubles are compared as the exact values they become
    EnergyKwh asked = EnergyKwh.ofDouble(offer.energyKwh());
    if (asked.isZero()) {
      return refused(RejectReason.REJECT_REASON_ENERGY_UNAVAILABLE,
          "less than " + BigDecimal.ONE.movePointLeft(EnergyKwh.SCALE).toPlainString() + " kWh asked for");
    }
    if (offer.energyKwh() > c.maxEnergyPerTradeKwh()) {
      return refused(RejectReason.REJECT_REASON_EXCEEDS_TRADE_LIMIT,
          String.format(java.util.Locale.ROOT, "%.2f kWh > %.2f kWh per trade", offer.energyKwh(),
              c.maxEnergyPerTradeKwh()));
    }
    if (Double.isFinite(seller.scheduleRoomKwh())
        && asked.compareTo(EnergyKwh.ofDouble(seller.scheduleRoomKwh())) > 0) {
      return refused(RejectReason.REJECT_REASON_ENERGY_UNAVAILABLE,
          String.format(java.util.Locale.ROOT, "%.3f kWh > %.3f kWh the schedule can deliver in the next period"
              + " (power limit, minimum state of charge)", offer.energyKwh(), seller.scheduleRoomKwh()));
    }
    double lot = lotKwh(seller);
    if (asked.compareTo(EnergyKwh.ofDouble(lot)) > 0) {
      return refused(RejectReason.REJECT_REASON_ENERGY_UNAVAILABLE,
          String.format(java.util.Locale.ROOT, "%.2f kWh > %.2f kWh offered", offer.energyKwh(), lot));
    }
    if (!Double.isFinite(offer.priceCPerKwh())
        || PriceCPerKwh.ofDouble(offer.priceCPerKwh()).compareTo(PriceCPerKwh.ofDouble(c.reservePriceCPerKwh())) < 0) {
      return refused(RejectReason.REJECT_REASON_BELOW_RESERVE,
          String.format(java.util.Locale.ROOT, "%.2f < reserve %.2f c/kWh", offer.priceCPerKwh(),
              c.reservePriceCPerKwh()));
    }
    return new Decision.Eligible(lot);
  }

  /**
   * What the battery offers in one lot: energy for sale minus the safety margin, at most one trade's maximum and at
   * most what its schedule can deliver.
   */
  public static double lotKwh(Seller seller) {
    AcceptanceCriteria c = seller.criteria();
    return Math.max(0, Math.min(Math.min(seller.forSaleKwh() - c.safetyMarginKwh(), c.maxEnergyPerTradeKwh()),
        seller.scheduleRoomKwh()));
  }

  private static Decision refused(RejectReason reason, String detail) {
    return new Decision.Refused(reason, detail);
  }
}
