package io.etp.aggregator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etp.auction.Envelopes;
import io.etp.auction.Mechanism;
import io.etp.protocol.v1.AuctionMechanism;
import io.etp.protocol.v1.BatteryHealth;
import io.etp.protocol.v1.EtpMessage;
import io.etp.protocol.v1.MessageType;
import io.etp.protocol.v1.PeerRole;
import io.etp.protocol.v1.RejectReason;
import io.etp.risk.AggregatorLimits;
import io.etp.risk.InMemoryRiskAuditSink;
import io.etp.risk.RiskReason;
import io.etp.risk.RiskRules;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The aggregator's decisions in a negotiation, without an actor: eligibility, bids, raises, fit, risk, queries. */
class NegotiationTest {

  static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");
  static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);
  /** Fixed increment: opens at 12 c/kWh, raises by 1. */
  static final BiddingStrategy FIXED = new BiddingStrategy.FixedIncrement(12.0, 1.0);

  /** Not paused, at most 14.5 c/kWh, 100 kWh and 100,000 c open, smallest lot 0.1 kWh. */
  static Negotiation.Buyer buyer() {
    return buyer(false, 14.5, 100, 100_000);
  }

  static Negotiation.Buyer buyer(boolean paused, double maxPrice, double openKwh, double openBudgetC) {
    return new Negotiation.Buyer("agg-1", paused, maxPrice, openKwh, openBudgetC, FIXED, 0.5, 0, 17.0, 0.1);
  }

  static Envelopes battery(String id) {
    return new Envelopes(id, PeerRole.PEER_ROLE_BATTERY, CLOCK);
  }

  /** A QueryResponse offering {@code lotKwh} of a 13.5 kWh battery at a 14 c/kWh reserve. */
  static EtpMessage.Builder offer(String batteryId, String auctionId, double lotKwh) {
    return battery(batteryId).to("agg-1", MessageType.QUERY_RESPONSE, auctionId)
        .setEnergyTotalKwh(13.5).setPercentageForSale(lotKwh / 13.5 * 100).setRemainingEnergyKwh(13.5)
        .setReservePriceCPerKwh(11.0).setBatteryHealth(BatteryHealth.BATTERY_HEALTH_GOOD)
        .setAuctionMechanism(AuctionMechanism.AUCTION_MECHANISM_ASCENDING);
  }

  static EtpMessage reject(String batteryId, String auctionId, RejectReason reason) {
    return battery(batteryId).to("agg-1", MessageType.BID_REJECT, auctionId).setRejectReason(reason).build();
  }

  static EtpMessage accept(String auctionId, double bid, double sale, double energy) {
    return battery("bess-1").to("agg-1", MessageType.BID_ACCEPT, auctionId)
        .setBidPriceCPerKwh(bid).setSalePriceCPerKwh(sale).setRequiredEnergyKwh(energy).build();
  }

  static PreTradeRisk risk(double capPerMwh, double maxPositionKwh) {
    return new PreTradeRisk(RiskRules.standard(0, capPerMwh, 0, new InMemoryRiskAuditSink(), CLOCK),
        new AggregatorLimits(maxPositionKwh, 1e9, 1e9));
  }

  /** A negotiation with bess-1 holding its opening bid (12 c/kWh for 6.5 kWh) in {@code auctionId}. */
  static Negotiation bidding(Negotiation.Buyer buyer, String auctionId, List<Negotiation> all) {
    Negotiation n = new Negotiation("bess-1", T0);
    all.add(n);
    Negotiation.Step step = n.onQueryResponse(offer("bess-1", auctionId, 6.5).build(), buyer, all, Optional.empty(), T0);
    assertEquals(new Negotiation.Step.Bid(12.0, 6.5), step);
    return n;
  }

  static Negotiation.Step respond(Negotiation.Buyer buyer, EtpMessage m) {
    List<Negotiation> all = new ArrayList<>();
    Negotiation n = new Negotiation(m.getSenderId(), T0);
    all.add(n);
    return n.onQueryResponse(m, buyer, all, Optional.empty(), T0);
  }

  static Negotiation.Why droppedFor(Negotiation.Step step) {
    return assertInstanceOf(Negotiation.Step.Drop.class, step).why();
  }

  // ---- eligibility and the opening bid

  @Test
  void bidsTheOpeningPriceForTheWholeLotOfAnEligibleBattery() {
    List<Negotiation> all = new ArrayList<>();
    Negotiation n = bidding(buyer(), "bess-1-a1", all);
    assertEquals(Negotiation.Phase.BIDDING, n.phase());
    assertEquals("bess-1-a1", n.auctionId());
    assertTrue(n.holdsBid());
  }

  @Test
  void leavesABatteryWhileThePurchaseIsPaused() {
    assertEquals(Negotiation.Why.PAUSED, droppedFor(respond(buyer(true, 14.5, 100, 100_000),
        offer("bess-1", "", 6.5).build())));
  }

  @Test
  void leavesALotSmallerThanTheSmallestWorthBuying() {
    assertEquals(Negotiation.Why.LOT_TOO_SMALL, droppedFor(respond(buyer(), offer("bess-1", "", 0.05).build())));
  }

  @Test
  void leavesACriticalOrFailedBattery() {
    for (BatteryHealth health : List.of(BatteryHealth.BATTERY_HEALTH_CRITICAL, BatteryHealth.BATTERY_HEALTH_FAILED)) {
      assertEquals(Negotiation.Why.UNHEALTHY,
          droppedFor(respond(buyer(), offer("bess-1", "", 6.5).setBatteryHealth(health).build())));
    }
  }

  @Test
  void bidsForADegradedBattery() {
    assertEquals(new Negotiation.Step.Bid(12.0, 6.5), respond(buyer(),
        offer("bess-1", "", 6.5).setBatteryHealth(BatteryHealth.BATTERY_HEALTH_DEGRADED).build()));
  }

  @Test
  void leavesALotWhoseReserveIsAboveTheMaximumPrice() {
    assertEquals(Negotiation.Why.PRICED_OUT,
        droppedFor(respond(buyer(), offer("bess-1", "", 6.5).setReservePriceCPerKwh(15.0).build())));
  }

  @Test
  void capsTheOpeningBidAtTheMaximumPrice() {
    assertEquals(new Negotiation.Step.Bid(11.5, 6.5), respond(buyer(false, 11.5, 100, 100_000),
        offer("bess-1", "", 6.5).build()));
  }

  @Test
  void asksOnlyForTheRequirementStillOpenOnceHeldBidsAreCounted() {
    List<Negotiation> all = new ArrayList<>();
    bidding(buyer(false, 14.5, 10, 100_000), "bess-1-a1", all); // holds 6.5 of 10 kWh
    Negotiation second = new Negotiation("bess-2", T0);
    all.add(second);
    Negotiation.Step step = second.onQueryResponse(offer("bess-2", "", 6.5).build(),
        buyer(false, 14.5, 10, 100_000), all, Optional.empty(), T0);
    assertEquals(12.0, assertInstanceOf(Negotiation.Step.Bid.class, step).priceCPerKwh());
    assertEquals(3.5, ((Negotiation.Step.Bid) step).energyKwh(), 1e-9);
  }

  @Test
  void asksOnlyForWhatTheBudgetBuysAtTheOpeningPrice() {
    Negotiation.Step step = respond(buyer(false, 14.5, 100, 60), offer("bess-1", "", 6.5).build());
    assertEquals(5.0, assertInstanceOf(Negotiation.Step.Bid.class, step).energyKwh(), 1e-9); // 60 c / 12 c/kWh
  }

  @Test
  void leavesALotWhenLessThanTheSmallestLotIsStillOpen() {
    assertEquals(Negotiation.Why.NOTHING_LEFT_TO_BUY,
        droppedFor(respond(buyer(false, 14.5, 0.05, 100_000), offer("bess-1", "", 6.5).build())));
  }

  @Test
  void leavesALotWhenPreTradeRiskRefusesTheOpeningBid() {
    List<Negotiation> all = new ArrayList<>();
    Negotiation n = new Negotiation("bess-1", T0);
    all.add(n);
    Negotiation.Step step = n.onQueryResponse(offer("bess-1", "", 6.5).build(), buyer(), all,
        Optional.of(risk(1000, 5.0)), T0); // position limit 5 kWh < 6.5 kWh
    Negotiation.Step.Drop drop = assertInstanceOf(Negotiation.Step.Drop.class, step);
    assertEquals(Negotiation.Why.RISK_LIMIT, drop.why());
    assertTrue(drop.detail().contains(RiskReason.POSITION_LIMIT_EXCEEDED.name()), drop.detail());
  }

  @Test
  void ignoresASecondQueryResponseOnceBidding() {
    List<Negotiation> all = new ArrayList<>();
    Negotiation n = bidding(buyer(), "bess-1-a1", all);
    Negotiation.Step step = n.onQueryResponse(offer("bess-1", "bess-1-a1", 6.5).build(), buyer(), all,
        Optional.empty(), T0);
    assertEquals(Negotiation.Why.UNEXPECTED, assertInstanceOf(Negotiation.Step.Wait.class, step).why());
    assertEquals(Negotiation.Phase.BIDDING, n.phase());
  }

  // ---- the mechanism

  @Test
  void readsTheMechanismFromItsTypedField() {
    EtpMessage sealed = offer("bess-1", "", 6.5)
        .setAuctionMechanism(AuctionMechanism.AUCTION_MECHANISM_SEALED_SECOND_PRICE)
        .setDetail("mechanism=ASCENDING").build();
    assertEquals(Mechanism.SEALED_SECOND_PRICE, Negotiation.mechanismOf(sealed));
  }

  @Test
  void readsTheDetailOfABatteryOlderThanTheTypedField() {
    EtpMessage legacy = offer("bess-1", "", 6.5).clearAuctionMechanism()
        .setDetail("mechanism=SEALED_SECOND_PRICE closes_at_ms=1").build();
    assertEquals(Mechanism.SEALED_SECOND_PRICE, Negotiation.mechanismOf(legacy));
    assertEquals(Mechanism.ASCENDING,
        Negotiation.mechanismOf(legacy.toBuilder().setDetail("mechanism=ASCENDING").build()));
  }

  @Test
  void takesAnAscendingAuctionWhenNothingNamesTheMechanism() {
    assertEquals(Mechanism.ASCENDING, Negotiation.mechanismOf(offer("bess-1", "", 6.5).clearAuctionMechanism()
        .build()));
    assertEquals(Mechanism.ASCENDING, Negotiation.mechanismOf(offer("bess-1", "", 6.5)
        .setAuctionMechanism(AuctionMechanism.AUCTION_MECHANISM_UNSPECIFIED).build()));
  }

  @Test
  void bidsTheValueLimitAtOnceInASealedAuctionNamedByTheTypedField() {
    Negotiation.Buyer valueBased = new Negotiation.Buyer("agg-1", false, 20, 100, 100_000,
        new BiddingStrategy.ValueBased(0.5, 1.0), 0.5, 0, 17.0, 0.1);
    EtpMessage sealed = offer("bess-1", "", 6.5)
        .setAuctionMechanism(AuctionMechanism.AUCTION_MECHANISM_SEALED_SECOND_PRICE).build();
    assertEquals(16.5, assertInstanceOf(Negotiation.Step.Bid.class, respond(valueBased, sealed)).priceCPerKwh());
    assertEquals(11.0, assertInstanceOf(Negotiation.Step.Bid.class,
        respond(valueBased, offer("bess-1", "", 6.5).build())).priceCPerKwh()); // ascending: opens at the reserve
  }

  // ---- raising after a reject

  @Test
  void raisesByTheIncrementAfterABidBelowTheReserve() {
    List<Negotiation> all = new ArrayList<>();
    Negotiation n = bidding(buyer(), "", all);
    Negotiation.Step step = n.onReject(reject("bess-1", "", RejectReason.REJECT_REASON_BELOW_RESERVE), buyer(), all,
        Optional.empty(), T0);
    assertEquals(new Negotiation.Step.Bid(13.0, 6.5), step);
    assertEquals(13.0, n.lastBidCPerKwh());
  }

  @Test
  void raisesPastTheStandingBidButNeverAboveTheMaximum() {
    List<Negotiation> all = new ArrayList<>();
    Negotiation n = bidding(buyer(), "bess-1-a1", all);
    EtpMessage outbid = reject("bess-1", "bess-1-a1", RejectReason.REJECT_REASON_OUTBID).toBuilder()
        .setSalePriceCPerKwh(13.2).build();
    assertEquals(new Negotiation.Step.Bid(14.2, 6.5), n.onReject(outbid, buyer(), all, Optional.empty(), T0));
    assertEquals(new Negotiation.Step.Bid(14.5, 6.5), n.onReject(outbid, buyer(), all, Optional.empty(), T0));
  }

  @Test
  void waitsForTheEndOnceTheMaximumIsBidAndOutbid() {
    List<Negotiation> all = new ArrayList<>();
    Negotiation n = bidding(buyer(false, 12.0, 100, 100_000), "bess-1-a1", all);
    Negotiation.Step step = n.onReject(reject("bess-1", "bess-1-a1", RejectReason.REJECT_REASON_OUTBID),
        buyer(false, 12.0, 100, 100_000), all, Optional.empty(), T0);
    assertEquals(Negotiation.Why.PRICED_OUT, assertInstanceOf(Negotiation.Step.Wait.class, step).why());
    assertEquals(Negotiation.Phase.WAITING, n.phase());
    assertTrue(n.holdsBid(), "a bidder in the auction still holds its bid until the end");
  }

  @Test
  void waitsWithoutRaisingWhenTheReasonLeavesNoRoom() {
    List<Negotiation> all = new ArrayList<>();
    Negotiation n = bidding(buyer(), "bess-1-a1", all);
    Negotiation.Step step = n.onReject(reject("bess-1", "bess-1-a1", RejectReason.REJECT_REASON_LOW_REPUTATION),
        buyer(), all, Optional.empty(), T0);
    assertEquals(Negotiation.Why.NOT_RAISABLE, assertInstanceOf(Negotiation.Step.Wait.class, step).why());
  }

  @Test
  void dropsABidRefusedBeforeAnyAuctionOpened() {
    List<Negotiation> all = new ArrayList<>();
    Negotiation n = bidding(buyer(), "", all);
    Negotiation.Step step = n.onReject(reject("bess-1", "", RejectReason.REJECT_REASON_ENERGY_UNAVAILABLE), buyer(),
        all, Optional.empty(), T0);
    assertEquals(Negotiation.Why.NOT_RAISABLE, droppedFor(step));
  }

  @Test
  void doesNotRaiseWhilePaused() {
    List<Negotiation> all = new ArrayList<>();
    Negotiation n = bidding(buyer(), "bess-1-a1", all);
    Negotiation.Step step = n.onReject(reject("bess-1", "bess-1-a1", RejectReason.REJECT_REASON_OUTBID),
        buyer(true, 14.5, 100, 100_000), all, Optional.empty(), T0);
    assertEquals(Negotiation.Why.PAUSED, assertInstanceOf(Negotiation.Step.Wait.class, step).why());
  }

  @Test
  void doesNotRaiseBeyondTheBudget() {
    List<Negotiation> all = new ArrayList<>();
    Negotiation.Buyer tight = buyer(false, 14.5, 100, 80); // the held 6.5 kWh at 12 c/kWh leave 2 c
    Negotiation n = bidding(tight, "bess-1-a1", all);
    Negotiation.Step step = n.onReject(reject("bess-1", "bess-1-a1", RejectReason.REJECT_REASON_OUTBID), tight,
        all, Optional.empty(), T0);
    assertEquals(Negotiation.Why.OVER_BUDGET, assertInstanceOf(Negotiation.Step.Wait.class, step).why());
  }

  @Test
  void doesNotRaiseWhenPreTradeRiskRefusesTheNextPrice() {
    List<Negotiation> all = new ArrayList<>();
    Negotiation n = bidding(buyer(), "bess-1-a1", all);
    Negotiation.Step step = n.onReject(reject("bess-1", "bess-1-a1", RejectReason.REJECT_REASON_OUTBID), buyer(),
        all, Optional.of(risk(125, 1000)), T0); // 13 c/kWh = 130 /MWh, above the 125 cap
    Negotiation.Step.Wait wait = assertInstanceOf(Negotiation.Step.Wait.class, step);
    assertEquals(Negotiation.Why.RISK_LIMIT, wait.why());
    assertTrue(wait.detail().contains(RiskReason.PRICE_ABOVE_CAP.name()), wait.detail());
  }

  @Test
  void ignoresARejectWhenHoldingNoBid() {
    Negotiation n = new Negotiation("bess-1", T0);
    Negotiation.Step step = n.onReject(reject("bess-1", "", RejectReason.REJECT_REASON_OUTBID), buyer(),
        List.of(n), Optional.empty(), T0);
    assertEquals(Negotiation.Why.UNEXPECTED, assertInstanceOf(Negotiation.Step.Wait.class, step).why());
    assertEquals(Negotiation.Phase.QUERIED, n.phase());
  }

  // ---- fit of an accepted bid

  @Test
  void confirmsAnAcceptedBidThatFitsAtTheClearingPrice() {
    Negotiation n = new Negotiation("bess-1", T0);
    Negotiation.Step step = n.onAccept(accept("bess-1-a1", 14.0, 13.5, 6.5), buyer(), T0);
    assertEquals(new Negotiation.Step.Confirm(13.5, 6.5), step);
    assertEquals(Negotiation.Phase.CONFIRMED, n.phase());
    assertEquals("bess-1-a1", n.auctionId());
  }

  @Test
  void cancelsAnAcceptedBidThatNoLongerFits() {
    Map<Negotiation.Why, Negotiation.Buyer> misfits = Map.of(
        Negotiation.Why.PAUSED, buyer(true, 14.5, 100, 100_000),
        Negotiation.Why.ABOVE_MAX_PRICE, buyer(false, 13.0, 100, 100_000),
        Negotiation.Why.ABOVE_REQUIREMENT, buyer(false, 14.5, 6.0, 100_000),
        Negotiation.Why.OVER_BUDGET, buyer(false, 14.5, 100, 87.0)); // 6.5 kWh x 13.5 c = 87.75 c
    misfits.forEach((why, b) -> {
      Negotiation n = new Negotiation("bess-1", T0);
      assertEquals(new Negotiation.Step.Cancel(why), n.onAccept(accept("bess-1-a1", 14.0, 13.5, 6.5), b, T0));
      assertEquals(Negotiation.Phase.WAITING, n.phase());
    });
  }

  @Test
  void takesTheEchoedBidAsThePriceOfAnAcceptWithoutSalePrice() {
    EtpMessage noSale = accept("bess-1-a1", 14.0, 0, 6.5).toBuilder().clearSalePriceCPerKwh().build();
    assertEquals(new Negotiation.Step.Confirm(14.0, 6.5), new Negotiation("bess-1", T0).onAccept(noSale, buyer(), T0));
  }

  // ---- sums over all negotiations

  @Test
  void countsHeldBidsAsIfTheyWonInWhatIsStillOpen() {
    List<Negotiation> all = new ArrayList<>();
    bidding(buyer(), "bess-1-a1", all);
    all.add(new Negotiation("bess-2", T0)); // only queried: holds nothing
    Procurement.Open open = Negotiation.open(buyer(false, 14.5, 10, 1000), all);
    assertEquals(3.5, open.energyKwh(), 1e-9);
    assertEquals(1000 - 6.5 * 12, open.budgetC(), 1e-9);
  }

  @Test
  void risksEveryOtherHeldBidAndConfirmButNotTheBidItself() {
    List<Negotiation> all = new ArrayList<>();
    Negotiation held = bidding(buyer(), "bess-1-a1", all);
    Negotiation confirmed = new Negotiation("bess-2", T0);
    confirmed.onAccept(accept("bess-2-a1", 14.0, 13.0, 2.0), buyer(), T0);
    all.add(confirmed);
    all.add(new Negotiation("bess-3", T0));
    PreTradeRisk.OpenCommitments besidesHeld = Negotiation.commitmentsBesides(held, all);
    assertEquals(2.0, besidesHeld.energyKwh(), 1e-9);
    assertEquals(26.0, besidesHeld.valueC(), 1e-9);
    PreTradeRisk.OpenCommitments besidesConfirmed = Negotiation.commitmentsBesides(confirmed, all);
    assertEquals(6.5, besidesConfirmed.energyKwh(), 1e-9);
    assertEquals(78.0, besidesConfirmed.valueC(), 1e-9);
  }

  @Test
  void refusesABidWhoseRiskSumsWithTheOtherCommitmentsPassTheLimit() {
    List<Negotiation> all = new ArrayList<>();
    bidding(buyer(), "bess-1-a1", all); // 6.5 kWh held
    Negotiation second = new Negotiation("bess-2", T0);
    all.add(second);
    Negotiation.Step step = second.onQueryResponse(offer("bess-2", "", 6.5).build(), buyer(), all,
        Optional.of(risk(1000, 10.0)), T0); // 6.5 + 6.5 > 10 kWh; either alone fits
    assertEquals(Negotiation.Why.RISK_LIMIT, droppedFor(step));
  }

  // ---- which batteries to query

  @Test
  void queriesKnownBatteriesItIsNotNegotiatingWithUpToTheConcurrencyLimit() {
    Map<String, Negotiation> negotiating = new LinkedHashMap<>();
    negotiating.put("bess-1", new Negotiation("bess-1", T0));
    LinkedHashSet<String> known = new LinkedHashSet<>(List.of("bess-1", "bess-2", "bess-3", "bess-4"));
    assertEquals(List.of("bess-2", "bess-3"), Negotiation.toQuery(buyer(), negotiating, known, 3));
    assertEquals(List.of("bess-2", "bess-3", "bess-4"), Negotiation.toQuery(buyer(), negotiating, known, 10));
  }

  @Test
  void queriesNobodyWhilePausedOrWithNothingLeftToBuy() {
    LinkedHashSet<String> known = new LinkedHashSet<>(List.of("bess-1"));
    assertEquals(List.of(), Negotiation.toQuery(buyer(true, 14.5, 100, 1000), Map.of(), known, 10));
    assertEquals(List.of(), Negotiation.toQuery(buyer(false, 14.5, 0.05, 1000), Map.of(), known, 10));
    assertEquals(List.of(), Negotiation.toQuery(buyer(false, 14.5, 100, 0), Map.of(), known, 10));
  }

  @Test
  void goesStaleWithoutNewsAndEndsOnlyWithItsOwnAuction() {
    List<Negotiation> all = new ArrayList<>();
    Negotiation n = bidding(buyer(), "bess-1-a1", all);
    assertTrue(n.staleAt(T0.plus(Duration.ofSeconds(1))));
    assertTrue(!n.staleAt(T0));
    assertTrue(n.endedBy("bess-1-a1"));
    assertTrue(!n.endedBy("bess-1-a2"));
    assertTrue(new Negotiation("bess-2", T0).endedBy("bess-2-a7"), "a negotiation without an auction ends with any");
  }
}
