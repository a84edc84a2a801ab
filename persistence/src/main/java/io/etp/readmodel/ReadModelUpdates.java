package io.etp.readmodel;

import io.etp.auction.AuctionOutcome;
import io.etp.view.ViewEvent;
import io.etp.view.ViewEvents;
import java.util.ArrayList;
import java.util.List;

/**
 * The read tables' rendering of the one mapping from persisted events to views ({@link ViewEvents}), pure: which row
 * changes one journal event makes. AuctionOpened → auction row; WinnerChosen → bid OFFERED; ConfirmMissed → bid
 * MISSED; TradeConfirmed → trade row and bid CONFIRMED; AuctionEnded → auction status; a battery status (Registered /
 * HealthChanged / DeviceFailed / Terminated) → telemetry row. Aggregator notices change nothing (every row an
 * aggregator's events could give is already journaled by the battery that decided it).
 */
public final class ReadModelUpdates {

  /** Longest failure detail stored. */
  static final int MAX_DETAIL = 512;

  private ReadModelUpdates() {}

  /**
   * @param persistenceId the entity's persistence id, e.g. {@code Battery|bess-1}
   * @param sequenceNr the event's sequence number in that entity's journal
   */
  public static List<RowChange> of(String persistenceId, long sequenceNr, Object event) {
    if (persistenceId.indexOf('|') < 0) {
      throw new IllegalArgumentException("persistence id '" + persistenceId + "' has no entity type prefix");
    }
    List<RowChange> changes = new ArrayList<>();
    for (ViewEvent view : ViewEvents.of(persistenceId, event)) {
      changes.addAll(rows(sequenceNr, view));
    }
    return changes;
  }

  private static List<RowChange> rows(long sequenceNr, ViewEvent view) {
    long at = view.at().toEpochMilli();
    if (view instanceof ViewEvent.AuctionOpened o) {
      return List.of(new RowChange.AuctionOpened(o.auctionId(), o.batteryId(), o.mechanism().name(), o.lotKwh(),
          o.reserveCPerKwh(), at, o.closesAt().toEpochMilli()));
    }
    if (view instanceof ViewEvent.WinnerChosen w) {
      return List.of(new RowChange.BidOffered(w.auctionId(), w.winnerId(), w.batteryId(), w.priceCPerKwh(),
          w.energyKwh(), w.bidders(), at));
    }
    if (view instanceof ViewEvent.ConfirmMissed m) {
      return List.of(new RowChange.BidStatus(m.auctionId(), m.aggregatorId(), "MISSED"));
    }
    if (view instanceof ViewEvent.TradeConfirmed t) {
      return List.of(
          new RowChange.Trade(t.auctionId(), t.batteryId(), t.aggregatorId(), t.energyKwh(), t.priceCPerKwh(), at),
          new RowChange.BidStatus(t.auctionId(), t.aggregatorId(), "CONFIRMED"));
    }
    if (view instanceof ViewEvent.AuctionEnded ended) {
      AuctionOutcome o = ended.outcome();
      return List.of(new RowChange.AuctionEnded(o.auctionId(), ended.status(), o.winnerId(),
          o.clearingPriceCPerKwh(), o.energyKwh(), o.bidders().size(), o.misses(), at));
    }
    if (view instanceof ViewEvent.BatteryStatus s) {
      String detail = s.detail() != null && s.detail().length() > MAX_DETAIL
          ? s.detail().substring(0, MAX_DETAIL) : s.detail();
      return List.of(new RowChange.Telemetry(s.batteryId(), sequenceNr, s.kind().name(), s.capacityKwh(),
          s.remainingKwh(), s.voltageV(), s.dischargeRateKw(), s.health(), detail, at));
    }
    return List.of();
  }
}
