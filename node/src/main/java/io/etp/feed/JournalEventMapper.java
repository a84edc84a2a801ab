package io.etp.feed;

import io.etp.aggregator.Aggregator;
import io.etp.auction.AuctionOutcome;
import io.etp.battery.Battery;
import io.etp.battery.BidAudit;
import io.etp.live.LiveEvent;
import io.etp.live.LiveEventType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one mapping from persisted records to the live stream (and, through the {@link MarketWindow}, the dashboard's
 * REST views), used by every node's tails: journal events as {@link JournalTail} reads them and bid-audit rows as
 * {@link BidAuditTail} reads them. Each live event carries the identity of the record it came from
 * ({@link LiveEvent#eventId()}: {@code <persistence id>/<sequence nr>} or {@code bid/<row id>}), the same on every node.
 *
 * <p>Journal events:
 * AuctionOpened → AUCTION_OPENED, WinnerChosen → BID_ACCEPTED, TradeConfirmed → TRADE_CONFIRMED, AuctionEnded →
 * AUCTION_ENDED (a trade) or AUCTION_TERMINATED (no trade, with the reason), DeviceFailed → DEVICE_FAILURE,
 * Registered and HealthChanged → BATTERY_STATUS; an aggregator's TargetsSet, StrategyChanged, Paused and Resumed →
 * ALERT (INFO). Other events (ConfirmMissed, CriteriaChanged, BidConfirmed, NegotiationEnded, ...) are not shown.
 *
 * <p>One instance per tail stream (not thread-safe): it remembers the reserve price of the auctions it saw open
 * (bounded), so that TRADE_CONFIRMED carries the reserve next to the clearing price.
 */
final class JournalEventMapper {

  private static final int REMEMBERED_AUCTIONS = 10_000;

  private final Map<String, Double> reserves = new LinkedHashMap<>(256, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Double> eldest) {
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
    String auction = audit.auctionId().isEmpty() ? null : audit.auctionId();
    LiveEvent event = switch (audit.decision()) {
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
    return event == null ? List.of() : List.of(event.withEventId("bid/" + rowId));
  }

  /** The live events for one journal event of the entity with {@code persistenceId} ("Battery|bess-1"). */
  List<LiveEvent> toLive(String persistenceId, Object event) {
    String entityId = persistenceId.substring(persistenceId.indexOf('|') + 1);
    if (event instanceof Battery.Event e) {
      return battery(entityId, e);
    }
    if (event instanceof Aggregator.Event e) {
      return aggregator(entityId, e).map(List::of).orElse(List.of());
    }
    return List.of();
  }

  private List<LiveEvent> battery(String batteryId, Battery.Event event) {
    LiveEvent.Payload p = LiveEvent.Payload.EMPTY;
    if (event instanceof Battery.AuctionOpened e) {
      reserves.put(e.auctionId(), e.reservePriceCPerKwh());
      return List.of(LiveEvent.of(LiveEventType.AUCTION_OPENED, e.at(), batteryId, null, e.auctionId(),
          p.withReserve(e.reservePriceCPerKwh()).withEnergy(e.lotKwh())
              .withMessage(e.mechanism() + ", closes at " + e.closesAt())));
    }
    if (event instanceof Battery.WinnerChosen e) {
      return List.of(LiveEvent.of(LiveEventType.BID_ACCEPTED, e.at(), batteryId, e.winnerId(), e.auctionId(),
          p.withPrice(e.priceCPerKwh()).withEnergy(e.energyKwh())));
    }
    if (event instanceof Battery.TradeConfirmed e) {
      LiveEvent.Payload trade = p.withPrice(e.priceCPerKwh()).withEnergy(e.energyKwh());
      Double reserve = reserves.get(e.auctionId());
      if (reserve != null) {
        trade = trade.withReserve(reserve);
      }
      return List.of(LiveEvent.of(LiveEventType.TRADE_CONFIRMED, e.at(), batteryId, e.aggregatorId(), e.auctionId(),
          trade));
    }
    if (event instanceof Battery.AuctionEnded e) {
      AuctionOutcome o = e.outcome();
      reserves.remove(o.auctionId());
      if (o.traded()) {
        return List.of(LiveEvent.of(LiveEventType.AUCTION_ENDED, o.endedAt(), batteryId, o.winnerId().orElse(null),
            o.auctionId(), p.withPrice(o.clearingPriceCPerKwh()).withReserve(o.reservePriceCPerKwh())
                .withEnergy(o.energyKwh()).withMessage(o.summary())));
      }
      return List.of(LiveEvent.of(LiveEventType.AUCTION_TERMINATED, o.endedAt(), batteryId, null, o.auctionId(),
          p.withReserve(o.reservePriceCPerKwh()).withEnergy(o.lotKwh()).withReason(codeName(o))
              .withMessage(o.summary())));
    }
    if (event instanceof Battery.DeviceFailed e) {
      return List.of(LiveEvent.of(LiveEventType.DEVICE_FAILURE, e.at(), batteryId, null, null,
          p.withSeverity("CRITICAL").withReason(e.detail().isEmpty() ? "device failure" : e.detail())
              .withStatus("FAILED")));
    }
    if (event instanceof Battery.Registered e) {
      return List.of(LiveEvent.of(LiveEventType.BATTERY_STATUS, e.at(), batteryId, null, null,
          p.withEnergy(e.spec().remainingKwh()).withCapacity(e.spec().capacityKwh())
              .withDeviceHealth(TelemetryFeed.healthName(e.spec().health())).withVoltage(e.spec().voltageV())
              .withDischargeRate(e.spec().dischargeRateKw()).withStatus("ONLINE")));
    }
    if (event instanceof Battery.HealthChanged e) {
      return List.of(LiveEvent.of(LiveEventType.BATTERY_STATUS, e.at(), batteryId, null, null,
          p.withDeviceHealth(TelemetryFeed.healthName(e.health()))));
    }
    if (event instanceof Battery.Terminated e) {
      return List.of(LiveEvent.of(LiveEventType.BATTERY_STATUS, e.at(), batteryId, null, null,
          p.withStatus("OFFLINE")));
    }
    return List.of();
  }

  private static Optional<LiveEvent> aggregator(String aggregatorId, Aggregator.Event event) {
    String text;
    if (event instanceof Aggregator.TargetsSet e) {
      text = String.format(java.util.Locale.ROOT, "targets: %.2f kWh, max %.2f c/kWh, budget %.0f c",
          e.requirementKwh(), e.maxPriceCPerKwh(), e.budgetC());
    } else if (event instanceof Aggregator.StrategyChanged e) {
      text = "strategy: " + e.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    } else if (event instanceof Aggregator.Paused) {
      text = "paused";
    } else if (event instanceof Aggregator.Resumed) {
      text = "resumed";
    } else {
      return Optional.empty();
    }
    return Optional.of(LiveEvent.of(LiveEventType.ALERT, event.at(), aggregatorId, aggregatorId, null,
        LiveEvent.Payload.EMPTY.withSeverity("INFO").withMessage("aggregator " + aggregatorId + " " + text)));
  }

  private static String codeName(AuctionOutcome o) {
    return o.endedWith().name().replace("TERMINATION_CODE_", "");
  }
}
