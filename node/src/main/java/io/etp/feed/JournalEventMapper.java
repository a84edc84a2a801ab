package io.etp.feed;

import io.etp.money.PriceCPerKwh;
import io.etp.auction.AuctionOutcome;
import io.etp.battery.BidAudit;
import io.etp.live.LiveEvent;
import io.etp.live.LiveEventType;
import io.etp.view.ViewEvent;
import io.etp.view.ViewEvents;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The live stream's rendering (and, through the {@link MarketWindow}, the dashboard's REST views') of the one mapping
 * from persisted records to views, {@link ViewEvents}, which the read models' projection renders too. Used by every
 * node's tails: journal events as {@link JournalTail} reads them and bid-audit rows as {@link BidAuditTail} reads
 * them. Each live event carries the identity of the record it came from ({@link LiveEvent#eventId()}:
 * {@code <persistence id>/<sequence nr>} or {@code bid/<row id>}), the same on every node.
 *
 * <p>AuctionOpened → AUCTION_OPENED, WinnerChosen → BID_ACCEPTED, TradeConfirmed → TRADE_CONFIRMED, AuctionEnded →
 * AUCTION_ENDED (a trade) or AUCTION_TERMINATED (no trade, with the reason), a battery status → BATTERY_STATUS (a
 * failure → DEVICE_FAILURE), an aggregator notice → ALERT (INFO), a bid decision → BID_PLACED or BID_REJECTED.
 * ConfirmMissed is not shown live (the read models mark the bid MISSED; the auction's end tells the outcome).
 *
 * <p>One instance per tail stream (not thread-safe): it remembers the reserve price of the auctions it saw open
 * (bounded), so that TRADE_CONFIRMED carries the reserve next to the clearing price.
 */
final class JournalEventMapper {

  private static final int REMEMBERED_AUCTIONS = 10_000;

  private final Map<String, PriceCPerKwh> reserves = new LinkedHashMap<>(256, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, PriceCPerKwh> eldest) {
      return size() > REMEMBERED_AUCTIONS;
    }
  };

  /**
   * The live events for event number {@code sequenceNr} of the entity with {@code persistenceId}, each with the
   * event id {@code <persistenceId>/<sequenceNr>}.
   */
  List<LiveEvent> toLive(String persistenceId, long sequenceNr, Object event) {
    String id = persistenceId + "/" + sequenceNr;
    return toLive(persistenceId, event).stream().map(e -> e.withEventId(id)).toList();
  }

  /**
   * A bid-audit row: LEADING and SEALED as BID_PLACED, REJECTED and LOST as BID_REJECTED with the reason, with the
   * event id {@code bid/<rowId>}. AWARDED and CONFIRMED map to nothing: the journal's WinnerChosen and TradeConfirmed
   * show them (BID_ACCEPTED, TRADE_CONFIRMED).
   */
  static List<LiveEvent> bid(long rowId, BidAudit audit) {
    LiveEvent event = bid((ViewEvent.BidDecided) ViewEvents.bid(rowId, audit));
    return event == null ? List.of() : List.of(event.withEventId("bid/" + rowId));
  }

  private static LiveEvent bid(ViewEvent.BidDecided view) {
    BidAudit audit = view.audit();
    String auction = audit.auctionId().isEmpty() ? null : audit.auctionId();
    return switch (audit.decision()) {
      case LEADING, SEALED -> LiveEvent.of(LiveEventType.BID_PLACED, audit.at(), audit.batteryId(),
          audit.aggregatorId(), auction, LiveEvent.Payload.EMPTY.withPrice(audit.priceCPerKwh())
              .withEnergy(audit.energyKwh()).withStatus(audit.decision().name()));
      case REJECTED, LOST -> {
        LiveEvent.Payload payload = LiveEvent.Payload.EMPTY
            .withReason(audit.reason().name().replace("REJECT_REASON_", "")).withStatus(audit.decision().name());
        if (audit.decision() == BidAudit.Decision.REJECTED) {
          payload = payload.withPrice(audit.priceCPerKwh()).withEnergy(audit.energyKwh());
        }
        yield LiveEvent.of(LiveEventType.BID_REJECTED, audit.at(), audit.batteryId(), audit.aggregatorId(), auction,
            payload);
      }
      case AWARDED, CONFIRMED -> null;
    };
  }

  /** The live events for one journal event of the entity with {@code persistenceId} ("Battery|bess-1"). */
  List<LiveEvent> toLive(String persistenceId, Object event) {
    return ViewEvents.of(persistenceId, event).stream().map(this::live).filter(java.util.Objects::nonNull).toList();
  }

  private LiveEvent live(ViewEvent view) {
    LiveEvent.Payload p = LiveEvent.Payload.EMPTY;
    if (view instanceof ViewEvent.AuctionOpened e) {
      reserves.put(e.auctionId(), e.reserveCPerKwh());
      return LiveEvent.of(LiveEventType.AUCTION_OPENED, e.at(), e.batteryId(), null, e.auctionId(),
          p.withReserve(e.reserveCPerKwh()).withEnergy(e.lotKwh())
              .withMessage(e.mechanism() + ", closes at " + e.closesAt()));
    }
    if (view instanceof ViewEvent.WinnerChosen e) {
      return LiveEvent.of(LiveEventType.BID_ACCEPTED, e.at(), e.batteryId(), e.winnerId(), e.auctionId(),
          p.withPrice(e.priceCPerKwh()).withEnergy(e.energyKwh()));
    }
    if (view instanceof ViewEvent.TradeConfirmed e) {
      LiveEvent.Payload trade = p.withPrice(e.priceCPerKwh()).withEnergy(e.energyKwh());
      PriceCPerKwh reserve = reserves.get(e.auctionId());
      if (reserve != null) {
        trade = trade.withReserve(reserve);
      }
      return LiveEvent.of(LiveEventType.TRADE_CONFIRMED, e.at(), e.batteryId(), e.aggregatorId(), e.auctionId(),
          trade);
    }
    if (view instanceof ViewEvent.AuctionEnded e) {
      AuctionOutcome o = e.outcome();
      reserves.remove(o.auctionId());
      if (o.traded()) {
        return LiveEvent.of(LiveEventType.AUCTION_ENDED, o.endedAt(), e.batteryId(), o.winnerId().orElse(null),
            o.auctionId(), p.withPrice(o.clearingPriceCPerKwh()).withReserve(o.reservePriceCPerKwh())
                .withEnergy(o.energyKwh()).withMessage(o.summary()));
      }
      return LiveEvent.of(LiveEventType.AUCTION_TERMINATED, o.endedAt(), e.batteryId(), null, o.auctionId(),
          p.withReserve(o.reservePriceCPerKwh()).withEnergy(o.lotKwh()).withReason(e.status())
              .withMessage(o.summary()));
    }
    if (view instanceof ViewEvent.BatteryStatus s) {
      return switch (s.kind()) {
        case REGISTERED -> LiveEvent.of(LiveEventType.BATTERY_STATUS, s.at(), s.batteryId(), null, null,
            p.withEnergy(s.remainingKwh()).withCapacity(s.capacityKwh()).withDeviceHealth(s.health())
                .withVoltage(s.voltageV()).withDischargeRate(s.dischargeRateKw()).withStatus("ONLINE"));
        case HEALTH -> LiveEvent.of(LiveEventType.BATTERY_STATUS, s.at(), s.batteryId(), null, null,
            p.withDeviceHealth(s.health()));
        case FAILED -> LiveEvent.of(LiveEventType.DEVICE_FAILURE, s.at(), s.batteryId(), null, null,
            p.withSeverity("CRITICAL").withReason(s.detail() == null || s.detail().isEmpty() ? "device failure"
                : s.detail()).withStatus("FAILED"));
        case TERMINATED -> LiveEvent.of(LiveEventType.BATTERY_STATUS, s.at(), s.batteryId(), null, null,
            p.withStatus("OFFLINE"));
      };
    }
    if (view instanceof ViewEvent.AggregatorNotice n) {
      return LiveEvent.of(LiveEventType.ALERT, n.at(), n.aggregatorId(), n.aggregatorId(), null,
          p.withSeverity("INFO").withMessage(n.text()));
    }
    return null; // ConfirmMissed: not shown live
  }
}
