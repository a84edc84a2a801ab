package io.etp.view;

import io.etp.money.PriceCPerKwh;
import io.etp.money.EnergyKwh;
import io.etp.auction.AuctionOutcome;
import io.etp.auction.Mechanism;
import io.etp.battery.BidAudit;
import java.time.Instant;

/**
 * What one persisted record means to the views, as {@link ViewEvents} decides it: the live stream, the dashboard's
 * market window and the read tables all take these and only render them (as a live event, as rows). Values a record
 * does not carry are {@code null}.
 */
public sealed interface ViewEvent {

  /** When it happened at the source. */
  Instant at();

  /** A battery opened an auction of its lot. */
  record AuctionOpened(String batteryId, String auctionId, Mechanism mechanism, EnergyKwh lotKwh,
      PriceCPerKwh reserveCPerKwh, Instant at, Instant closesAt) implements ViewEvent {}

  /** The lot was offered to {@code winnerId} at its bid (BidAccept); {@code bidders} bid in the auction. */
  record WinnerChosen(String batteryId, String auctionId, String winnerId, PriceCPerKwh priceCPerKwh,
      EnergyKwh energyKwh,
      int bidders, Instant at) implements ViewEvent {}

  /** The offered winner did not confirm in time. */
  record ConfirmMissed(String batteryId, String auctionId, String aggregatorId, Instant at) implements ViewEvent {}

  /** A confirmed trade. */
  record TradeConfirmed(String batteryId, String auctionId, String aggregatorId, EnergyKwh energyKwh,
      PriceCPerKwh priceCPerKwh, Instant at) implements ViewEvent {}

  /** An auction ended; {@code status} is COMPLETED or the termination code without its prefix. */
  record AuctionEnded(String batteryId, AuctionOutcome outcome, String status, Instant at) implements ViewEvent {}

  /** What a battery's status became: registered (with its values), health changed, failed, terminated. */
  record BatteryStatus(String batteryId, StatusKind kind, Double capacityKwh, Double remainingKwh, Double voltageV,
      Double dischargeRateKw, String health, String detail, Instant at) implements ViewEvent {}

  /** The kinds of {@link BatteryStatus}. */
  enum StatusKind { REGISTERED, HEALTH, FAILED, TERMINATED }

  /** An aggregator's operator-visible change (targets, strategy, paused, resumed), as one line of text. */
  record AggregatorNotice(String aggregatorId, String text, Instant at) implements ViewEvent {}

  /** A bid a battery decided (a {@code bid_audit} row). */
  record BidDecided(long rowId, BidAudit audit) implements ViewEvent {
    @Override
    public Instant at() {
      return audit.at();
    }
  }
}
