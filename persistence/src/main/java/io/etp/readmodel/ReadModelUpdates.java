package io.etp.readmodel;

import io.etp.auction.AuctionOutcome;
import io.etp.battery.Battery;
import java.util.List;

/**
 * The read-side decision, pure: which row changes one journal event makes. AuctionOpened → auction row;
 * WinnerChosen → bid OFFERED; ConfirmMissed → bid MISSED; TradeConfirmed → trade row and bid CONFIRMED;
 * AuctionEnded → auction status; Registered / HealthChanged / DeviceFailed / Terminated → telemetry row. Other
 * events (criteria and rule changes, aggregator events, which repeat what the battery journals) change nothing.
 */
public final class ReadModelUpdates {

  private ReadModelUpdates() {}

  /**
   * @param persistenceId the entity's persistence id, e.g. {@code Battery|bess-1}
   * @param sequenceNr the event's sequence number in that entity's journal
   */
  public static List<RowChange> of(String persistenceId, long sequenceNr, Object event) {
    int bar = persistenceId.indexOf('|');
    if (bar < 0) {
      throw new IllegalArgumentException("persistence id '" + persistenceId + "' has no entity type prefix");
    }
    if (!(event instanceof Battery.Event e) || !persistenceId.startsWith("Battery|")) {
      return List.of();
    }
    String batteryId = persistenceId.substring(bar + 1);
    long at = e.at().toEpochMilli();
    if (e instanceof Battery.AuctionOpened o) {
      return List.of(new RowChange.AuctionOpened(o.auctionId(), batteryId, o.mechanism().name(), o.lotKwh(),
          o.reservePriceCPerKwh(), at, o.closesAt().toEpochMilli()));
    }
    if (e instanceof Battery.WinnerChosen w) {
      return List.of(new RowChange.BidOffered(w.auctionId(), w.winnerId(), batteryId, w.priceCPerKwh(),
          w.energyKwh(), w.bidders().size(), at));
    }
    if (e instanceof Battery.ConfirmMissed m) {
      return List.of(new RowChange.BidStatus(m.auctionId(), m.aggregatorId(), "MISSED"));
    }
    if (e instanceof Battery.TradeConfirmed t) {
      return List.of(
          new RowChange.Trade(t.auctionId(), batteryId, t.aggregatorId(), t.energyKwh(), t.priceCPerKwh(), at),
          new RowChange.BidStatus(t.auctionId(), t.aggregatorId(), "CONFIRMED"));
    }
    if (e instanceof Battery.AuctionEnded ended) {
      AuctionOutcome o = ended.outcome();
      String status = o.endedWith().name().replace("TERMINATION_CODE_", "");
      return List.of(new RowChange.AuctionEnded(o.auctionId(), status, o.winnerId(), o.clearingPriceCPerKwh(),
          o.energyKwh(), o.bidders().size(), o.misses(), at));
    }
    if (e instanceof Battery.Registered r) {
      var s = r.spec();
      return List.of(new RowChange.Telemetry(batteryId, sequenceNr, "REGISTERED", s.capacityKwh(), s.remainingKwh(),
          s.voltageV(), s.dischargeRateKw(), health(s.health()), null, at));
    }
    if (e instanceof Battery.HealthChanged h) {
      return List.of(new RowChange.Telemetry(batteryId, sequenceNr, "HEALTH", null, null, null, null,
          health(h.health()), null, at));
    }
    if (e instanceof Battery.DeviceFailed f) {
      return List.of(new RowChange.Telemetry(batteryId, sequenceNr, "FAILED", null, null, null, null, null,
          f.detail().length() > 512 ? f.detail().substring(0, 512) : f.detail(), at));
    }
    if (e instanceof Battery.Terminated) {
      return List.of(new RowChange.Telemetry(batteryId, sequenceNr, "TERMINATED", null, null, null, null, null, null,
          at));
    }
    return List.of();
  }

  private static String health(io.etp.protocol.v1.BatteryHealth health) {
    return health.name().replace("BATTERY_HEALTH_", "");
  }
}
