package io.etp.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etp.money.EnergyKwh;
import io.etp.money.PriceCPerKwh;
import io.etp.aggregator.Aggregator;
import io.etp.auction.AuctionOutcome;
import io.etp.auction.Mechanism;
import io.etp.battery.Battery;
import io.etp.battery.BatterySpec;
import io.etp.battery.BidAudit;
import io.etp.protocol.v1.BatteryHealth;
import io.etp.protocol.v1.RejectReason;
import io.etp.protocol.v1.TerminationCode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The one mapping from persisted records to views: what each record means, whichever view renders it. */
class ViewEventsTest {

  static final Instant T = Instant.parse("2026-01-01T10:00:00Z");

  @Test
  void aBatterysAuctionEventsMeanTheirAuctionStepsForThatBattery() {
    assertEquals(List.of(new ViewEvent.AuctionOpened("bess-1", "a-1", Mechanism.SEALED_SECOND_PRICE, EnergyKwh.ofDouble(40), PriceCPerKwh.ofDouble(12.5), T,
            T.plusSeconds(2))),
        ViewEvents.of("Battery|bess-1", new Battery.AuctionOpened("a-1", EnergyKwh.ofDouble(40), PriceCPerKwh.ofDouble(12.5), Mechanism.SEALED_SECOND_PRICE, T,
            T.plusSeconds(2))));
    assertEquals(List.of(new ViewEvent.WinnerChosen("bess-1", "a-1", "agg-1", PriceCPerKwh.ofDouble(14), EnergyKwh.ofDouble(40), 2, T)),
        ViewEvents.of("Battery|bess-1", new Battery.WinnerChosen("a-1", "agg-1", PriceCPerKwh.ofDouble(14), EnergyKwh.ofDouble(40), List.of("agg-1", "agg-2"),
            T)));
    assertEquals(List.of(new ViewEvent.ConfirmMissed("bess-1", "a-1", "agg-1", T)),
        ViewEvents.of("Battery|bess-1", new Battery.ConfirmMissed("a-1", "agg-1", T)));
    assertEquals(List.of(new ViewEvent.TradeConfirmed("bess-1", "a-1", "agg-2", EnergyKwh.ofDouble(40), PriceCPerKwh.ofDouble(15.25), T)),
        ViewEvents.of("Battery|bess-1", new Battery.TradeConfirmed("a-1", "agg-2", EnergyKwh.ofDouble(40), PriceCPerKwh.ofDouble(15.25), T)));
    AuctionOutcome missed = new AuctionOutcome("a-2", "bess-1", Mechanism.ASCENDING, EnergyKwh.ofDouble(40), PriceCPerKwh.ofDouble(12.5), Optional.empty(), PriceCPerKwh.ofDouble(0),
        EnergyKwh.ofDouble(0), List.of("agg-1"), 2, TerminationCode.TERMINATION_CODE_CONFIRM_DEADLINE_MISSED, T);
    assertEquals(List.of(new ViewEvent.AuctionEnded("bess-1", missed, "CONFIRM_DEADLINE_MISSED", T)),
        ViewEvents.of("Battery|bess-1", new Battery.AuctionEnded(missed)));
  }

  @Test
  void registrationHealthFailureAndTerminationAreTheBatterysStatus() {
    BatterySpec spec = new BatterySpec(100, 80, 50, BatteryHealth.BATTERY_HEALTH_GOOD, 48.5, 3);
    assertEquals(List.of(new ViewEvent.BatteryStatus("bess-1", ViewEvent.StatusKind.REGISTERED, 100.0, 80.0, 48.5,
        3.0, "GOOD", null, T)), ViewEvents.of("Battery|bess-1", new Battery.Registered(spec, T)));
    assertEquals(List.of(new ViewEvent.BatteryStatus("bess-1", ViewEvent.StatusKind.HEALTH, null, null, null, null,
            "DEGRADED", null, T)),
        ViewEvents.of("Battery|bess-1", new Battery.HealthChanged(BatteryHealth.BATTERY_HEALTH_DEGRADED, T)));
    assertEquals(List.of(new ViewEvent.BatteryStatus("bess-1", ViewEvent.StatusKind.FAILED, null, null, null, null,
        null, "cell overheating", T)), ViewEvents.of("Battery|bess-1", new Battery.DeviceFailed("cell overheating", T)));
    assertEquals(ViewEvent.StatusKind.TERMINATED,
        ((ViewEvent.BatteryStatus) ViewEvents.of("Battery|bess-1", new Battery.Terminated(T)).get(0)).kind());
  }

  @Test
  void anAggregatorsOperatorChangesAreNoticesAndItsTradingEventsAreNoViewsBusiness() {
    assertEquals(List.of(new ViewEvent.AggregatorNotice("agg-2", "aggregator agg-2 paused", T)),
        ViewEvents.of("Aggregator|agg-2", new Aggregator.Paused(T)));
    assertEquals(List.of(new ViewEvent.AggregatorNotice("agg-2",
            "aggregator agg-2 targets: 100.00 kWh, max 18.50 c/kWh, budget 5000 c", T)),
        ViewEvents.of("Aggregator|agg-2", new Aggregator.TargetsSet(100, 18.5, 5000, T)));
    assertTrue(ViewEvents.of("Aggregator|agg-2", new Aggregator.BidConfirmed("bess-3", "bess-3-a7", EnergyKwh.ofDouble(6.5), PriceCPerKwh.ofDouble(15.5), T))
        .isEmpty(), "the battery journals the trade; the aggregator's copy is not shown twice");
    assertTrue(ViewEvents.of("Battery|bess-1", new Battery.CriteriaChanged(null, T)).isEmpty(),
        "a criteria change is the battery's own business");
  }

  @Test
  void anEventIsReadOnlyAsTheEntityTypeItsPersistenceIdNames() {
    assertTrue(ViewEvents.of("Aggregator|agg-1", new Battery.Terminated(T)).isEmpty());
    assertTrue(ViewEvents.of("Battery|bess-1", new Aggregator.Paused(T)).isEmpty());
  }

  @Test
  void aBidAuditRowIsABidDecision() {
    BidAudit audit = new BidAudit("bess-1", "a-1", "agg-1", 7, 14.5, 40, BidAudit.Decision.LEADING,
        RejectReason.REJECT_REASON_UNSPECIFIED, T);
    assertEquals(new ViewEvent.BidDecided(12, audit), ViewEvents.bid(12, audit));
    assertEquals(T, ViewEvents.bid(12, audit).at());
  }
}
