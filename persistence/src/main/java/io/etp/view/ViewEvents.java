package io.etp.view;

import io.etp.aggregator.Aggregator;
import io.etp.auction.AuctionOutcome;
import io.etp.battery.Battery;
import io.etp.battery.BidAudit;
import io.etp.protocol.v1.BatteryHealth;
import java.util.List;
import java.util.Locale;

/**
 * The one mapping from persisted records to views, pure: which {@link ViewEvent} a journal event or a bid-audit row
 * is. The live stream and the dashboard (through the node's journal and bid-audit tails) and the read models (through
 * the projection's handler) all map records here, so a bid, a trade or a status change means the same thing in
 * every view and on every node.
 *
 * <p>Battery journal: AuctionOpened, WinnerChosen, ConfirmMissed, TradeConfirmed, AuctionEnded as themselves;
 * Registered, HealthChanged, DeviceFailed and Terminated as a {@link ViewEvent.BatteryStatus}. Aggregator journal:
 * TargetsSet, StrategyChanged, Paused and Resumed as an {@link ViewEvent.AggregatorNotice}. Every other event
 * (CriteriaChanged, AuctionRulesChanged, BidConfirmed, NegotiationEnded, ...) is no view's business: nothing.
 */
public final class ViewEvents {

  private ViewEvents() {}

  /**
   * The view of one journal event of the entity with {@code persistenceId} ({@code Battery|bess-1},
   * {@code Aggregator|agg-1}): none or one.
   */
  public static List<ViewEvent> of(String persistenceId, Object event) {
    String entityId = persistenceId.substring(persistenceId.indexOf('|') + 1);
    if (event instanceof Battery.Event e && persistenceId.startsWith("Battery|")) {
      ViewEvent view = battery(entityId, e);
      return view == null ? List.of() : List.of(view);
    }
    if (event instanceof Aggregator.Event e && persistenceId.startsWith("Aggregator|")) {
      ViewEvent view = aggregator(entityId, e);
      return view == null ? List.of() : List.of(view);
    }
    return List.of();
  }

  /** The view of one bid-audit row. */
  public static ViewEvent bid(long rowId, BidAudit audit) {
    return new ViewEvent.BidDecided(rowId, audit);
  }

  /** GOOD, DEGRADED, CRITICAL, FAILED (UNSPECIFIED when the device did not say). */
  public static String healthName(BatteryHealth health) {
    return health.name().replace("BATTERY_HEALTH_", "");
  }

  /** COMPLETED or the termination code without its prefix (NO_ACCEPTABLE_BID, CONFIRM_DEADLINE_MISSED, ...). */
  public static String endName(AuctionOutcome outcome) {
    return outcome.endedWith().name().replace("TERMINATION_CODE_", "");
  }

  private static ViewEvent battery(String batteryId, Battery.Event event) {
    if (event instanceof Battery.AuctionOpened e) {
      return new ViewEvent.AuctionOpened(batteryId, e.auctionId(), e.mechanism(), e.lotKwh(),
          e.reservePriceCPerKwh(), e.at(), e.closesAt());
    }
    if (event instanceof Battery.WinnerChosen e) {
      return new ViewEvent.WinnerChosen(batteryId, e.auctionId(), e.winnerId(), e.priceCPerKwh(), e.energyKwh(),
          e.bidders().size(), e.at());
    }
    if (event instanceof Battery.ConfirmMissed e) {
      return new ViewEvent.ConfirmMissed(batteryId, e.auctionId(), e.aggregatorId(), e.at());
    }
    if (event instanceof Battery.TradeConfirmed e) {
      return new ViewEvent.TradeConfirmed(batteryId, e.auctionId(), e.aggregatorId(), e.energyKwh(),
          e.priceCPerKwh(), e.at());
    }
    if (event instanceof Battery.AuctionEnded e) {
      return new ViewEvent.AuctionEnded(batteryId, e.outcome(), endName(e.outcome()), e.at());
    }
    if (event instanceof Battery.Registered e) {
      var s = e.spec();
      return new ViewEvent.BatteryStatus(batteryId, ViewEvent.StatusKind.REGISTERED, s.capacityKwh(),
          s.remainingKwh(), s.voltageV(), s.dischargeRateKw(), healthName(s.health()), null, e.at());
    }
    if (event instanceof Battery.HealthChanged e) {
      return new ViewEvent.BatteryStatus(batteryId, ViewEvent.StatusKind.HEALTH, null, null, null, null,
          healthName(e.health()), null, e.at());
    }
    if (event instanceof Battery.DeviceFailed e) {
      return new ViewEvent.BatteryStatus(batteryId, ViewEvent.StatusKind.FAILED, null, null, null, null, null,
          e.detail(), e.at());
    }
    if (event instanceof Battery.Terminated e) {
      return new ViewEvent.BatteryStatus(batteryId, ViewEvent.StatusKind.TERMINATED, null, null, null, null, null,
          null, e.at());
    }
    return null;
  }

  private static ViewEvent aggregator(String aggregatorId, Aggregator.Event event) {
    String text;
    if (event instanceof Aggregator.TargetsSet e) {
      text = String.format(Locale.ROOT, "targets: %.2f kWh, max %.2f c/kWh, budget %.0f c",
          e.requirementKwh(), e.maxPriceCPerKwh(), e.budgetC());
    } else if (event instanceof Aggregator.StrategyChanged e) {
      text = "strategy: " + e.kind().name().toLowerCase(Locale.ROOT).replace('_', '-');
    } else if (event instanceof Aggregator.Paused) {
      text = "paused";
    } else if (event instanceof Aggregator.Resumed) {
      text = "resumed";
    } else {
      return null;
    }
    return new ViewEvent.AggregatorNotice(aggregatorId, "aggregator " + aggregatorId + " " + text, event.at());
  }
}
