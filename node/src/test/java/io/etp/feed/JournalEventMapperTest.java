package io.etp.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etp.aggregator.Aggregator;
import io.etp.auction.AuctionOutcome;
import io.etp.auction.Mechanism;
import io.etp.battery.Battery;
import io.etp.live.LiveEvent;
import io.etp.live.LiveEventType;
import io.etp.protocol.v1.TerminationCode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JournalEventMapperTest {

  private static final Instant T0 = Instant.parse("2026-11-21T03:00:00Z");

  private final JournalEventMapper mapper = new JournalEventMapper();

  @Test
  void aTradedAuctionBecomesOpenedAcceptedConfirmedAndEndedWithTheReserveOnTheTrade() {
    LiveEvent opened = only(mapper.toLive("Battery|bess-3", new Battery.AuctionOpened("bess-3-a7", 6.5, 14.0,
        Mechanism.ASCENDING, T0, T0.plusSeconds(2))));
    assertEquals(LiveEventType.AUCTION_OPENED, opened.type());
    assertEquals("bess-3", opened.batteryId());
    assertEquals(14.0, opened.payload().reserveCPerKwh());
    assertEquals(6.5, opened.payload().energyKwh());

    LiveEvent accepted = only(mapper.toLive("Battery|bess-3", new Battery.WinnerChosen("bess-3-a7", "agg-2", 15.5,
        6.5, List.of("agg-1", "agg-2"), T0.plusSeconds(2))));
    assertEquals(LiveEventType.BID_ACCEPTED, accepted.type());
    assertEquals("agg-2", accepted.aggregatorId());

    LiveEvent trade = only(mapper.toLive("Battery|bess-3", new Battery.TradeConfirmed("bess-3-a7", "agg-2", 6.5, 15.5,
        T0.plusSeconds(3))));
    assertEquals(LiveEventType.TRADE_CONFIRMED, trade.type());
    assertEquals(15.5, trade.payload().priceCPerKwh());
    assertEquals(14.0, trade.payload().reserveCPerKwh());

    LiveEvent ended = only(mapper.toLive("Battery|bess-3", new Battery.AuctionEnded(outcome(
        TerminationCode.TERMINATION_CODE_COMPLETED, Optional.of("agg-2"), 15.5, 6.5))));
    assertEquals(LiveEventType.AUCTION_ENDED, ended.type());
    assertEquals(15.5, ended.payload().priceCPerKwh());
    assertTrue(ended.payload().message().contains("improvement=+1.50"), ended.payload().message());
  }

  @Test
  void anAuctionWithoutATradeIsTerminatedWithItsReason() {
    LiveEvent ended = only(mapper.toLive("Battery|bess-3", new Battery.AuctionEnded(outcome(
        TerminationCode.TERMINATION_CODE_CANCELLED, Optional.empty(), 0, 0))));
    assertEquals(LiveEventType.AUCTION_TERMINATED, ended.type());
    assertEquals("CANCELLED", ended.payload().reason());
    assertNull(ended.payload().priceCPerKwh());
  }

  @Test
  void aDeviceFailureIsCritical() {
    LiveEvent failed = only(mapper.toLive("Battery|bess-3", new Battery.DeviceFailed("inverter fault", T0)));
    assertEquals(LiveEventType.DEVICE_FAILURE, failed.type());
    assertEquals("CRITICAL", failed.payload().severity());
    assertEquals("inverter fault", failed.payload().reason());
  }

  @Test
  void aggregatorSteeringIsAnInfoAlertAndItsTradingIsNotRepeated() {
    LiveEvent paused = only(mapper.toLive("Aggregator|agg-2", new Aggregator.Paused(T0)));
    assertEquals(LiveEventType.ALERT, paused.type());
    assertEquals("agg-2", paused.batteryId());
    assertEquals("INFO", paused.payload().severity());
    assertTrue(mapper.toLive("Aggregator|agg-2", new Aggregator.BidConfirmed("bess-3", "bess-3-a7", 6.5, 15.5, T0))
        .isEmpty());
  }

  private static AuctionOutcome outcome(TerminationCode code, Optional<String> winner, double price, double energy) {
    return new AuctionOutcome("bess-3-a7", "bess-3", Mechanism.ASCENDING, 6.5, 14.0, winner, price, energy,
        List.of("agg-1", "agg-2"), 0, code, T0.plusSeconds(3));
  }

  private static LiveEvent only(List<LiveEvent> events) {
    assertEquals(1, events.size(), events.toString());
    return events.get(0);
  }
}
