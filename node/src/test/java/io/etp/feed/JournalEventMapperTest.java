package io.etp.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etp.money.EnergyKwh;
import io.etp.money.PriceCPerKwh;
import io.etp.aggregator.Aggregator;
import io.etp.auction.AuctionOutcome;
import io.etp.auction.Mechanism;
import io.etp.battery.Battery;
import io.etp.battery.BidAudit;
import io.etp.live.LiveEvent;
import io.etp.live.LiveEventType;
import io.etp.protocol.v1.RejectReason;
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
    LiveEvent opened = only(mapper.toLive("Battery|bess-3", new Battery.AuctionOpened("bess-3-a7", EnergyKwh.ofDouble(6.5), PriceCPerKwh.ofDouble(14.0),
        Mechanism.ASCENDING, T0, T0.plusSeconds(2))));
    assertEquals(LiveEventType.AUCTION_OPENED, opened.type());
    assertEquals("bess-3", opened.batteryId());
    assertEquals(new java.math.BigDecimal("14.0000"), opened.payload().reserveCPerKwh());
    assertEquals(new java.math.BigDecimal("6.500"), opened.payload().energyKwh());

    LiveEvent accepted = only(mapper.toLive("Battery|bess-3", new Battery.WinnerChosen("bess-3-a7", "agg-2", PriceCPerKwh.ofDouble(15.5),
        EnergyKwh.ofDouble(6.5), List.of("agg-1", "agg-2"), T0.plusSeconds(2))));
    assertEquals(LiveEventType.BID_ACCEPTED, accepted.type());
    assertEquals("agg-2", accepted.aggregatorId());

    LiveEvent trade = only(mapper.toLive("Battery|bess-3", new Battery.TradeConfirmed("bess-3-a7", "agg-2", EnergyKwh.ofDouble(6.5), PriceCPerKwh.ofDouble(15.5),
        T0.plusSeconds(3))));
    assertEquals(LiveEventType.TRADE_CONFIRMED, trade.type());
    assertEquals(new java.math.BigDecimal("15.5000"), trade.payload().priceCPerKwh());
    assertEquals(new java.math.BigDecimal("14.0000"), trade.payload().reserveCPerKwh());

    LiveEvent ended = only(mapper.toLive("Battery|bess-3", new Battery.AuctionEnded(outcome(
        TerminationCode.TERMINATION_CODE_COMPLETED, Optional.of("agg-2"), 15.5, 6.5))));
    assertEquals(LiveEventType.AUCTION_ENDED, ended.type());
    assertEquals(new java.math.BigDecimal("15.5000"), ended.payload().priceCPerKwh());
    assertTrue(ended.payload().message().contains("improvement=+1.5 c/kWh"), ended.payload().message());
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
    assertTrue(mapper.toLive("Aggregator|agg-2", new Aggregator.BidConfirmed("bess-3", "bess-3-a7", EnergyKwh.ofDouble(6.5), PriceCPerKwh.ofDouble(15.5), T0))
        .isEmpty());
  }

  @Test
  void aJournalEventCarriesItsPersistenceIdAndSequenceNumber() {
    LiveEvent opened = only(mapper.toLive("Battery|bess-3", 42, new Battery.AuctionOpened("bess-3-a7", EnergyKwh.ofDouble(6.5), PriceCPerKwh.ofDouble(14.0),
        Mechanism.ASCENDING, T0, T0.plusSeconds(2))));
    assertEquals("Battery|bess-3/42", opened.eventId());
  }

  @Test
  void placedAndRefusedBidsBecomeBidEventsWithTheirRowIdAndAwardsComeFromTheJournal() {
    LiveEvent placed = only(JournalEventMapper.bid(1077, bid(BidAudit.Decision.LEADING, 15.0,
        RejectReason.REJECT_REASON_UNSPECIFIED)));
    assertEquals(LiveEventType.BID_PLACED, placed.type());
    assertEquals("bid/1077", placed.eventId());
    assertEquals(new java.math.BigDecimal("15.0000"), placed.payload().priceCPerKwh());
    assertEquals("agg-1", placed.aggregatorId());
    assertEquals("bess-1-a1", placed.auctionId());
    assertNull(placed.payload().reason());

    LiveEvent rejected = only(JournalEventMapper.bid(1078, bid(BidAudit.Decision.REJECTED, 12.0,
        RejectReason.REJECT_REASON_BELOW_RESERVE)));
    assertEquals(LiveEventType.BID_REJECTED, rejected.type());
    assertEquals("BELOW_RESERVE", rejected.payload().reason());
    assertEquals(new java.math.BigDecimal("12.0000"), rejected.payload().priceCPerKwh());

    assertEquals(LiveEventType.BID_PLACED, only(JournalEventMapper.bid(1079, bid(BidAudit.Decision.SEALED, 15.0,
        RejectReason.REJECT_REASON_UNSPECIFIED))).type());
    assertEquals(LiveEventType.BID_REJECTED, only(JournalEventMapper.bid(1080, bid(BidAudit.Decision.LOST, 15.0,
        RejectReason.REJECT_REASON_OUTBID))).type());
    assertTrue(JournalEventMapper.bid(1081, bid(BidAudit.Decision.AWARDED, 15.0,
        RejectReason.REJECT_REASON_UNSPECIFIED)).isEmpty(), "shown from the journal as BID_ACCEPTED");
    assertTrue(JournalEventMapper.bid(1082, bid(BidAudit.Decision.CONFIRMED, 15.0,
        RejectReason.REJECT_REASON_UNSPECIFIED)).isEmpty(), "shown from the journal as TRADE_CONFIRMED");
  }

  private static BidAudit bid(BidAudit.Decision decision, double price, RejectReason reason) {
    return new BidAudit("bess-1", "bess-1-a1", "agg-1", 7, price, 6.5, decision, reason, T0);
  }

  private static AuctionOutcome outcome(TerminationCode code, Optional<String> winner, double price, double energy) {
    return new AuctionOutcome("bess-3-a7", "bess-3", Mechanism.ASCENDING, EnergyKwh.ofDouble(6.5), PriceCPerKwh.ofDouble(14.0), winner, PriceCPerKwh.ofDouble(price), EnergyKwh.ofDouble(energy),
        List.of("agg-1", "agg-2"), 0, code, T0.plusSeconds(3));
  }

  private static LiveEvent only(List<LiveEvent> events) {
    assertEquals(1, events.size(), events.toString());
    return events.get(0);
  }
}
