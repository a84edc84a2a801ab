package io.etp.battery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etp.money.EnergyKwh;
import io.etp.money.PriceCPerKwh;
import io.etp.auction.AuctionBook;
import io.etp.auction.AuctionOutcome;
import io.etp.auction.AuctionRules;
import io.etp.auction.Envelopes;
import io.etp.auction.LotBid;
import io.etp.auction.Mechanism;
import io.etp.protocol.v1.AuctionMechanism;
import io.etp.protocol.v1.BatteryHealth;
import io.etp.protocol.v1.EtpMessage;
import io.etp.protocol.v1.MessageType;
import io.etp.protocol.v1.PeerRole;
import io.etp.protocol.v1.RejectReason;
import io.etp.protocol.v1.TerminationCode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a battery twin tells its peers, built without an actor. */
class BatteryRepliesTest {

  static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");
  static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);
  static final AcceptanceCriteria CRITERIA = new AcceptanceCriteria(14.0, 0.0, 0.5, 100);
  static final AuctionRules ASCENDING = new AuctionRules(Mechanism.ASCENDING, Duration.ofSeconds(2), 0.5,
      Duration.ofMillis(500), Duration.ofSeconds(1), 2);
  static final AuctionRules SEALED = ASCENDING.withMechanism(Mechanism.SEALED_SECOND_PRICE);
  static final BatterySpec TELEMETRY = new BatterySpec(13.5, 12.0, 50, BatteryHealth.BATTERY_HEALTH_GOOD, 48.0, 2.5);

  final BatteryReplies replies = new BatteryReplies(new Envelopes("bess-1", PeerRole.PEER_ROLE_BATTERY, CLOCK));

  static BidEvaluation.Seller seller(Availability availability, double forSaleKwh) {
    return new BidEvaluation.Seller(availability, BatteryHealth.BATTERY_HEALTH_DEGRADED, forSaleKwh, CRITERIA);
  }

  static EtpMessage query(String negotiationId) {
    return new Envelopes("agg-1", PeerRole.PEER_ROLE_AGGREGATOR, CLOCK)
        .to("bess-1", MessageType.QUERY, negotiationId).build();
  }

  static EtpMessage bid(String from, double price, double energy) {
    return new Envelopes(from, PeerRole.PEER_ROLE_AGGREGATOR, CLOCK).to("bess-1", MessageType.BID, "")
        .setBidPriceCPerKwh(price).setRequiredEnergyKwh(energy).build();
  }

  static LotBid lotBid(String bidder, double price, double energy) {
    return new LotBid(bidder, price, energy, T0, 1.0, 0);
  }

  // ---- QueryResponse

  @Test
  void offersTheIdleLotWithItsMechanismAsATypedField() {
    EtpMessage r = replies.queryResponse(query(""), new BatteryReplies.Offer(seller(Availability.ONLINE, 7.0), 13.5,
        SEALED, TELEMETRY, Optional.empty()));
    assertEquals(MessageType.QUERY_RESPONSE, r.getMessageType());
    assertEquals("agg-1", r.getRecipientId());
    assertEquals("", r.getNegotiationId());
    assertEquals(13.5, r.getEnergyTotalKwh());
    assertEquals(6.5 / 13.5 * 100, r.getPercentageForSale(), 1e-9); // 7 for sale minus the 0.5 kWh margin
    assertEquals(14.0, r.getReservePriceCPerKwh());
    assertEquals(BatteryHealth.BATTERY_HEALTH_DEGRADED, r.getBatteryHealth());
    assertEquals(12.0, r.getRemainingEnergyKwh());
    assertEquals(48.0, r.getBatteryVoltageV());
    assertEquals(2.5, r.getDischargeRateKw());
    assertEquals(AuctionMechanism.AUCTION_MECHANISM_SEALED_SECOND_PRICE, r.getAuctionMechanism());
    assertEquals("mechanism=SEALED_SECOND_PRICE", r.getDetail());
    assertFalse(r.hasBidPriceCPerKwh());
  }

  @Test
  void offersNothingWhenNotOnline() {
    for (Availability a : List.of(Availability.UNREGISTERED, Availability.FAILED, Availability.TERMINATED)) {
      EtpMessage r = replies.queryResponse(query(""), new BatteryReplies.Offer(seller(a, 7.0), 13.5, ASCENDING,
          TELEMETRY, Optional.empty()));
      assertEquals(0.0, r.getPercentageForSale(), a.name());
    }
  }

  @Test
  void offersTheOpenAuctionsLotReserveMechanismAndStandingBid() {
    AuctionBook book = new AuctionBook("bess-1-a3", "bess-1", EnergyKwh.ofDouble(5.0), PriceCPerKwh.ofDouble(15.0), SEALED, T0);
    book.place("agg-2", 16.0, 5.0, 1.0, T0);
    EtpMessage r = replies.queryResponse(query(""), new BatteryReplies.Offer(seller(Availability.ONLINE, 7.0), 10.0,
        ASCENDING, TELEMETRY, Optional.of(book)));
    assertEquals("bess-1-a3", r.getNegotiationId());
    assertEquals(50.0, r.getPercentageForSale(), 1e-9);
    assertEquals(15.0, r.getReservePriceCPerKwh());
    assertEquals(16.0, r.getBidPriceCPerKwh());
    assertEquals(AuctionMechanism.AUCTION_MECHANISM_SEALED_SECOND_PRICE, r.getAuctionMechanism());
    assertEquals("mechanism=SEALED_SECOND_PRICE closes_at_ms=" + T0.plusSeconds(2).toEpochMilli(), r.getDetail());
  }

  @Test
  void echoesTheAskersTokenAndNamesTheOpenAuctionInTheDetail() {
    AuctionBook book = new AuctionBook("bess-1-a3", "bess-1", EnergyKwh.ofDouble(5.0), PriceCPerKwh.ofDouble(15.0), ASCENDING, T0);
    EtpMessage r = replies.queryResponse(query("ask-9"), new BatteryReplies.Offer(seller(Availability.ONLINE, 7.0),
        10.0, ASCENDING, TELEMETRY, Optional.of(book)));
    assertEquals("ask-9", r.getNegotiationId());
    assertTrue(r.getDetail().endsWith(" auction_id=bess-1-a3"), r.getDetail());
    assertEquals(AuctionMechanism.AUCTION_MECHANISM_ASCENDING, r.getAuctionMechanism());
  }

  // ---- BidReject, BidAccept, Terminate

  @Test
  void rejectsABidWithItsReasonEchoingPriceAndEnergyAndAShortDetail() {
    EtpMessage r = replies.rejected(bid("agg-1", 13.0, 4.0), "", RejectReason.REJECT_REASON_BELOW_RESERVE,
        "x".repeat(300));
    assertEquals(MessageType.BID_REJECT, r.getMessageType());
    assertEquals("agg-1", r.getRecipientId());
    assertEquals(RejectReason.REJECT_REASON_BELOW_RESERVE, r.getRejectReason());
    assertEquals(13.0, r.getBidPriceCPerKwh());
    assertEquals(4.0, r.getRequiredEnergyKwh());
    assertEquals(BatteryReplies.MAX_DETAIL_CHARS, r.getDetail().length());
  }

  @Test
  void tellsARejectedBidTheStandingPrice() {
    List<EtpMessage> out = replies.placed(bid("agg-1", 14.2, 4.0), "bess-1-a1",
        new AuctionBook.PlaceResult.Rejected(RejectReason.REJECT_REASON_BELOW_MIN_INCREMENT, 14.0));
    assertEquals(1, out.size());
    EtpMessage r = out.get(0);
    assertEquals("agg-1", r.getRecipientId());
    assertEquals("bess-1-a1", r.getNegotiationId());
    assertEquals(RejectReason.REJECT_REASON_BELOW_MIN_INCREMENT, r.getRejectReason());
    assertEquals(14.0, r.getSalePriceCPerKwh());
    assertEquals("below_min_increment; standing 14.00 c/kWh", r.getDetail());
  }

  @Test
  void tellsTheDisplacedLeaderItWasOutbid() {
    List<EtpMessage> out = replies.placed(bid("agg-2", 15.0, 4.0), "bess-1-a1",
        new AuctionBook.PlaceResult.Leading(lotBid("agg-2", 15.0, 4.0), Optional.of("agg-1"), T0));
    assertEquals(1, out.size());
    assertEquals("agg-1", out.get(0).getRecipientId());
    assertEquals(RejectReason.REJECT_REASON_OUTBID, out.get(0).getRejectReason());
    assertEquals(15.0, out.get(0).getSalePriceCPerKwh());
    assertEquals("outbid; standing 15.00 c/kWh", out.get(0).getDetail());
  }

  @Test
  void tellsNobodyOfAFirstLeadingBidOrASealedBid() {
    assertEquals(List.of(), replies.placed(bid("agg-1", 15.0, 4.0), "bess-1-a1",
        new AuctionBook.PlaceResult.Leading(lotBid("agg-1", 15.0, 4.0), Optional.empty(), T0)));
    assertEquals(List.of(), replies.placed(bid("agg-1", 15.0, 4.0), "bess-1-a1",
        new AuctionBook.PlaceResult.Sealed(lotBid("agg-1", 15.0, 4.0), T0)));
  }

  @Test
  void acceptsTheWinnerAtTheClearingPriceAndTellsTheOthersWhyTheyLostOnTheFirstAward() {
    Map<String, RejectReason> others = new LinkedHashMap<>();
    others.put("agg-2", RejectReason.REJECT_REASON_OUTBID);
    var award = new AuctionBook.Progress.Awarded(lotBid("agg-1", 16.0, 4.0), PriceCPerKwh.ofDouble(15.5), 1, others);
    List<EtpMessage> out = replies.awarded("bess-1-a1", PriceCPerKwh.ofDouble(14.0), award, true);
    assertEquals(2, out.size());
    EtpMessage accept = out.get(0);
    assertEquals(MessageType.BID_ACCEPT, accept.getMessageType());
    assertEquals("agg-1", accept.getRecipientId());
    assertEquals(16.0, accept.getBidPriceCPerKwh());
    assertEquals(15.5, accept.getSalePriceCPerKwh());
    assertEquals(4.0, accept.getRequiredEnergyKwh());
    assertEquals(14.0, accept.getReservePriceCPerKwh());
    EtpMessage lost = out.get(1);
    assertEquals(MessageType.BID_REJECT, lost.getMessageType());
    assertEquals("agg-2", lost.getRecipientId());
    assertEquals(15.5, lost.getSalePriceCPerKwh());
    assertEquals("auction closed: outbid", lost.getDetail());
  }

  @Test
  void tellsOnlyTheNewWinnerOfALaterAward() {
    var award = new AuctionBook.Progress.Awarded(lotBid("agg-2", 15.0, 4.0), PriceCPerKwh.ofDouble(15.0), 2,
        Map.of("agg-3", RejectReason.REJECT_REASON_OUTBID));
    List<EtpMessage> out = replies.awarded("bess-1-a1", PriceCPerKwh.ofDouble(14.0), award, false);
    assertEquals(1, out.size());
    assertEquals(MessageType.BID_ACCEPT, out.get(0).getMessageType());
    assertEquals("agg-2", out.get(0).getRecipientId());
  }

  @Test
  void endsATradeWithTheWinnersEnergyAndTheLosersLostAuction() {
    AuctionOutcome sold = new AuctionOutcome("bess-1-a1", "bess-1", Mechanism.ASCENDING, EnergyKwh.ofDouble(5.0), PriceCPerKwh.ofDouble(14.0),
        Optional.of("agg-1"), PriceCPerKwh.ofDouble(15.5), EnergyKwh.ofDouble(4.0), List.of("agg-1", "agg-2"), 0, TerminationCode.TERMINATION_CODE_COMPLETED, T0);
    List<EtpMessage> out = replies.ended(sold);
    assertEquals(2, out.size());
    EtpMessage winner = out.get(0);
    assertEquals(MessageType.TERMINATE, winner.getMessageType());
    assertEquals("agg-1", winner.getRecipientId());
    assertEquals(TerminationCode.TERMINATION_CODE_COMPLETED, winner.getTerminationCode());
    assertEquals(15.5, winner.getSalePriceCPerKwh());
    assertEquals(4.0, winner.getRequiredEnergyKwh());
    assertEquals(14.0, winner.getReservePriceCPerKwh());
    EtpMessage loser = out.get(1);
    assertEquals("agg-2", loser.getRecipientId());
    assertEquals(TerminationCode.TERMINATION_CODE_LOST_AUCTION, loser.getTerminationCode());
    assertEquals(15.5, loser.getSalePriceCPerKwh());
    assertFalse(loser.hasRequiredEnergyKwh());
  }

  @Test
  void endsAnAuctionWithoutTradeWithItsCodeAndNoPrice() {
    AuctionOutcome failed = new AuctionOutcome("bess-1-a2", "bess-1", Mechanism.ASCENDING, EnergyKwh.ofDouble(5.0), PriceCPerKwh.ofDouble(14.0),
        Optional.empty(), PriceCPerKwh.ZERO, EnergyKwh.ZERO, List.of("agg-1", "agg-2"), 2, TerminationCode.TERMINATION_CODE_DEVICE_FAILURE, T0);
    for (EtpMessage end : replies.ended(failed)) {
      assertEquals(TerminationCode.TERMINATION_CODE_DEVICE_FAILURE, end.getTerminationCode());
      assertFalse(end.hasSalePriceCPerKwh());
      assertFalse(end.hasRequiredEnergyKwh());
    }
  }
}
