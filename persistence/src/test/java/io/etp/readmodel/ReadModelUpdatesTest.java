package io.etp.readmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etp.money.EnergyKwh;
import io.etp.money.PriceCPerKwh;
import io.etp.aggregator.Aggregator;
import io.etp.auction.AuctionOutcome;
import io.etp.auction.Mechanism;
import io.etp.battery.Battery;
import io.etp.battery.BatterySpec;
import io.etp.protocol.v1.BatteryHealth;
import io.etp.protocol.v1.TerminationCode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The read side's pure decision: which rows each journaled event makes. */
class ReadModelUpdatesTest {

  static final Instant T = Instant.parse("2026-01-01T10:00:00Z");

  @Test
  void auctionOpenedBecomesAnOpenAuctionRowOfItsBattery() {
    List<RowChange> rows = ReadModelUpdates.of("Battery|bess-1", 7,
        new Battery.AuctionOpened("a-1", EnergyKwh.ofDouble(40), PriceCPerKwh.ofDouble(12.5), Mechanism.ASCENDING, T, T.plusSeconds(2)));
    assertEquals(List.of(new RowChange.AuctionOpened("a-1", "bess-1", "ASCENDING", EnergyKwh.ofDouble(40), PriceCPerKwh.ofDouble(12.5), T.toEpochMilli(),
        T.plusSeconds(2).toEpochMilli())), rows);
  }

  @Test
  void tradeConfirmedBecomesATradeAndConfirmsTheOfferedBid() {
    List<RowChange> rows = ReadModelUpdates.of("Battery|bess-1", 9,
        new Battery.TradeConfirmed("a-1", "agg-2", EnergyKwh.ofDouble(40), PriceCPerKwh.ofDouble(15.25), T));
    assertEquals(List.of(new RowChange.Trade("a-1", "bess-1", "agg-2", EnergyKwh.ofDouble(40), PriceCPerKwh.ofDouble(15.25), T.toEpochMilli()),
        new RowChange.BidStatus("a-1", "agg-2", "CONFIRMED")), rows);
  }

  @Test
  void winnerChosenOffersTheLotAndAMissMarksTheBidMissed() {
    assertEquals(List.of(new RowChange.BidOffered("a-1", "agg-1", "bess-1", PriceCPerKwh.ofDouble(14), EnergyKwh.ofDouble(40), 3, T.toEpochMilli())),
        ReadModelUpdates.of("Battery|bess-1", 8,
            new Battery.WinnerChosen("a-1", "agg-1", PriceCPerKwh.ofDouble(14), EnergyKwh.ofDouble(40), List.of("agg-1", "agg-2", "agg-3"), T)));
    assertEquals(List.of(new RowChange.BidStatus("a-1", "agg-1", "MISSED")),
        ReadModelUpdates.of("Battery|bess-1", 9, new Battery.ConfirmMissed("a-1", "agg-1", T)));
  }

  @Test
  void auctionEndedRecordsCompletedOrTheTerminationCode() {
    AuctionOutcome traded = new AuctionOutcome("a-1", "bess-1", Mechanism.ASCENDING, EnergyKwh.ofDouble(40), PriceCPerKwh.ofDouble(12.5), Optional.of("agg-2"),
        PriceCPerKwh.ofDouble(15.25), EnergyKwh.ofDouble(40), List.of("agg-1", "agg-2"), 1, TerminationCode.TERMINATION_CODE_COMPLETED, T);
    assertEquals(List.of(new RowChange.AuctionEnded("a-1", "COMPLETED", Optional.of("agg-2"), PriceCPerKwh.ofDouble(15.25), EnergyKwh.ofDouble(40), 2, 1,
        T.toEpochMilli())), ReadModelUpdates.of("Battery|bess-1", 10, new Battery.AuctionEnded(traded)));

    AuctionOutcome none = new AuctionOutcome("a-2", "bess-1", Mechanism.ASCENDING, EnergyKwh.ofDouble(40), PriceCPerKwh.ofDouble(12.5), Optional.empty(), PriceCPerKwh.ofDouble(0), EnergyKwh.ofDouble(0),
        List.of(), 0, TerminationCode.TERMINATION_CODE_NO_ACCEPTABLE_BID, T);
    RowChange.AuctionEnded ended =
        (RowChange.AuctionEnded) ReadModelUpdates.of("Battery|bess-1", 11, new Battery.AuctionEnded(none)).get(0);
    assertEquals("NO_ACCEPTABLE_BID", ended.status());
    assertTrue(ended.winnerId().isEmpty());
  }

  @Test
  void deviceStateEventsBecomeTelemetryKeyedBySequenceNumber() {
    BatterySpec spec = new BatterySpec(100, 80, 50, BatteryHealth.BATTERY_HEALTH_GOOD, 48.5, 3);
    assertEquals(List.of(new RowChange.Telemetry("bess-1", 1, "REGISTERED", 100.0, 80.0, 48.5, 3.0, "GOOD", null,
        T.toEpochMilli())), ReadModelUpdates.of("Battery|bess-1", 1, new Battery.Registered(spec, T)));
    assertEquals(List.of(new RowChange.Telemetry("bess-1", 4, "HEALTH", null, null, null, null, "DEGRADED", null,
            T.toEpochMilli())),
        ReadModelUpdates.of("Battery|bess-1", 4, new Battery.HealthChanged(BatteryHealth.BATTERY_HEALTH_DEGRADED, T)));
    assertEquals("FAILED", ((RowChange.Telemetry) ReadModelUpdates.of("Battery|bess-1", 5,
        new Battery.DeviceFailed("cell overheating", T)).get(0)).kind());
    assertEquals("TERMINATED", ((RowChange.Telemetry) ReadModelUpdates.of("Battery|bess-1", 6,
        new Battery.Terminated(T)).get(0)).kind());
  }

  @Test
  void aggregatorEventsAndCriteriaChangesMakeNoRows() {
    assertEquals(List.of(), ReadModelUpdates.of("Aggregator|agg-1", 3,
        new Aggregator.BidConfirmed("bess-1", "a-1", EnergyKwh.ofDouble(40), PriceCPerKwh.ofDouble(15), T)));
    assertEquals(List.of(), ReadModelUpdates.of("Aggregator|agg-1", 4, new Aggregator.Paused(T)));
  }

  @Test
  void rejectsAPersistenceIdWithoutEntityType() {
    assertThrows(IllegalArgumentException.class,
        () -> ReadModelUpdates.of("bess-1", 1, new Battery.Terminated(T)));
  }

  @Test
  void cursorRoundTripsAndRejectsForeignText() {
    Cursor c = new Cursor(T.toEpochMilli(), "a-1:x");
    assertEquals(c, Cursor.decode(c.encode()));
    assertThrows(IllegalArgumentException.class, () -> Cursor.decode("not base64 !"));
    assertThrows(IllegalArgumentException.class, () -> Cursor.decode(
        java.util.Base64.getUrlEncoder().encodeToString("abc:def".getBytes())));
    assertThrows(IllegalArgumentException.class, () -> Cursor.decode(""));
  }
}
