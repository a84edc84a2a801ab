package io.etp.readmodel;

import io.etp.money.PriceCPerKwh;
import io.etp.money.EnergyKwh;
import java.util.Optional;

/**
 * One change to the read tables (V6__read_models.sql), derived from one journal event by {@link ReadModelUpdates}.
 * Every change is idempotent: inserts are keyed by natural keys and skipped when the row exists, updates set
 * absolute values. So applying the same event twice leaves the tables as applying it once.
 */
public sealed interface RowChange {

  /** AuctionOpened: a new row in {@code auctions} with status OPEN. */
  record AuctionOpened(String auctionId, String batteryId, String mechanism, EnergyKwh lotKwh,
      PriceCPerKwh reserveCPerKwh, long openedAtMs, long closesAtMs) implements RowChange {}

  /** AuctionEnded: the auction's final status (COMPLETED or the termination code), winner and clearing price. */
  record AuctionEnded(String auctionId, String status, Optional<String> winnerId, PriceCPerKwh clearingCPerKwh,
      EnergyKwh energyKwh, int bidders, int misses, long endedAtMs) implements RowChange {}

  /** WinnerChosen: the lot was offered to {@code aggregatorId} at its bid (status OFFERED). */
  record BidOffered(String auctionId, String aggregatorId, String batteryId, PriceCPerKwh priceCPerKwh,
      EnergyKwh energyKwh, int bidders, long atMs) implements RowChange {}

  /** TradeConfirmed / ConfirmMissed: the offered bid's new status (CONFIRMED or MISSED). */
  record BidStatus(String auctionId, String aggregatorId, String status) implements RowChange {}

  /** TradeConfirmed: one row in {@code trades}. */
  record Trade(String auctionId, String batteryId, String aggregatorId, EnergyKwh energyKwh,
      PriceCPerKwh priceCPerKwh, long confirmedAtMs) implements RowChange {}

  /**
   * Registered, HealthChanged, DeviceFailed or Terminated: one row in {@code battery_telemetry}, keyed by the event's
   * sequence number in the battery's journal. Values the event does not carry are empty.
   */
  record Telemetry(String batteryId, long seqNr, String kind, Double capacityKwh, Double remainingKwh,
      Double voltageV, Double dischargeRateKw, String health, String detail, long atMs) implements RowChange {}
}
