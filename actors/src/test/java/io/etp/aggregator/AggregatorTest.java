package io.etp.aggregator;

import static org.junit.jupiter.api.Assertions.*;

import com.typesafe.config.ConfigFactory;
import io.etp.auction.Envelopes;
import io.etp.battery.BatteryDirectory;
import io.etp.protocol.v1.BatteryHealth;
import io.etp.protocol.v1.EtpMessage;
import io.etp.protocol.v1.MessageType;
import io.etp.protocol.v1.PeerRole;
import io.etp.protocol.v1.RejectReason;
import io.etp.protocol.v1.TerminationCode;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestKitJUnit5Extension.class)
@ExtendWith(LogCapturingExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AggregatorTest {

  @JUnit5TestKit
  ActorTestKit testKit = new JUnit5TestKitBuilder()
      .withCustomConfig(ConfigFactory.parseString("pekko.loglevel = INFO")
          .withFallback(EventSourcedBehaviorTestKit.config()))
      .build();

  static final AtomicInteger IDS = new AtomicInteger();
  static final Clock CLOCK = Clock.systemUTC();
  /** Query rounds far apart: the tests drive the aggregator with directory listings and replies. */
  static final AggregatorSettings SETTINGS = AggregatorSettings.defaults().withQueryInterval(Duration.ofHours(1));

  String aggregatorId;
  TestProbe<EtpMessage> batteries;
  TestProbe<BatteryDirectory.Command> directory;
  EventSourcedBehaviorTestKit<Aggregator.Command, Aggregator.Event, Aggregator.State> aggregator;
  org.apache.pekko.actor.typed.ActorRef<BatteryDirectory.Listing> listings;

  @BeforeEach
  void setUp() {
    aggregatorId = "agg-" + IDS.incrementAndGet();
    batteries = testKit.createTestProbe();
    directory = testKit.createTestProbe();
    var deps = new Aggregator.Dependencies(SETTINGS, CLOCK, m -> batteries.ref().tell(m), directory.ref(),
        new PriceSignal.Configured(17.0, 0.0));
    aggregator = EventSourcedBehaviorTestKit.create(testKit.system(), Aggregator.create(aggregatorId, deps));
    listings = directory.expectMessageClass(BatteryDirectory.Subscribe.class).subscriber();
  }

  void setTargets(double requirementKwh, double maxPrice, double budgetC) {
    var r = aggregator.<Done>runCommand(replyTo -> new Aggregator.SetTargets(requirementKwh, maxPrice, budgetC, replyTo));
    assertEquals(Done.getInstance(), r.reply());
  }

  EtpMessage expect(MessageType type) {
    EtpMessage m = batteries.expectMessageClass(EtpMessage.class, Duration.ofSeconds(5));
    assertEquals(type, m.getMessageType(), m.toString());
    return m;
  }

  static Envelopes battery(String id) { return new Envelopes(id, PeerRole.PEER_ROLE_BATTERY, CLOCK); }

  EtpMessage queryResponse(String batteryId, String auctionId, String mechanism) {
    return battery(batteryId).to(aggregatorId, MessageType.QUERY_RESPONSE, auctionId)
        .setEnergyTotalKwh(13.5).setPercentageForSale(6.5 / 13.5 * 100).setReservePriceCPerKwh(14.0)
        .setBatteryHealth(BatteryHealth.BATTERY_HEALTH_GOOD).setDetail("mechanism=" + mechanism).build();
  }

  EtpMessage reject(String batteryId, String auctionId, RejectReason reason) {
    return battery(batteryId).to(aggregatorId, MessageType.BID_REJECT, auctionId).setRejectReason(reason).build();
  }

  /** Lists the battery in the directory; returns the aggregator's first bid for it. */
  EtpMessage negotiate(String batteryId, String mechanism) {
    listings.tell(new BatteryDirectory.Listing(Set.of(batteryId)));
    assertEquals(batteryId, expect(MessageType.QUERY).getRecipientId());
    aggregator.runCommand(new Aggregator.ReceiveEtp(queryResponse(batteryId, "", mechanism)));
    return expect(MessageType.BID);
  }

  @Test
  void queriesEveryListedBatteryOnceTargetsAreSet() {
    listings.tell(new BatteryDirectory.Listing(Set.of("bess-1", "bess-2")));
    batteries.expectNoMessage(Duration.ofMillis(200)); // nothing to buy yet
    setTargets(100, 18.5, 100_000);
    var first = expect(MessageType.QUERY).getRecipientId();
    var second = expect(MessageType.QUERY).getRecipientId();
    assertEquals(Set.of("bess-1", "bess-2"), Set.of(first, second));
  }

  @Test
  void fixedIncrementRaisesAfterEachRejectUpToTheMaximum() {
    setTargets(100, 14.5, 100_000);
    EtpMessage bid = negotiate("bess-1", "ASCENDING");
    assertEquals(12.0, bid.getBidPriceCPerKwh());
    assertEquals(6.5, bid.getRequiredEnergyKwh(), 1e-9);
    aggregator.runCommand(new Aggregator.ReceiveEtp(reject("bess-1", "", RejectReason.REJECT_REASON_BELOW_RESERVE)));
    assertEquals(13.0, expect(MessageType.BID).getBidPriceCPerKwh());
    aggregator.runCommand(new Aggregator.ReceiveEtp(reject("bess-1", "", RejectReason.REJECT_REASON_BELOW_RESERVE)));
    assertEquals(14.0, expect(MessageType.BID).getBidPriceCPerKwh());
    aggregator.runCommand(new Aggregator.ReceiveEtp(reject("bess-1", "bess-1-a1", RejectReason.REJECT_REASON_OUTBID)));
    EtpMessage last = expect(MessageType.BID);
    assertEquals(14.5, last.getBidPriceCPerKwh());
    assertEquals("bess-1-a1", last.getNegotiationId());
    aggregator.runCommand(new Aggregator.ReceiveEtp(reject("bess-1", "bess-1-a1", RejectReason.REJECT_REASON_OUTBID)));
    batteries.expectNoMessage(Duration.ofMillis(200));
  }

  @Test
  void confirmsAnAcceptedBidAndRecordsTheWin() {
    setTargets(100, 18.5, 100_000);
    negotiate("bess-1", "ASCENDING");
    var accept = battery("bess-1").to(aggregatorId, MessageType.BID_ACCEPT, "bess-1-a1")
        .setBidPriceCPerKwh(15.0).setSalePriceCPerKwh(15.0).setRequiredEnergyKwh(6.5).build();
    var confirmed = aggregator.runCommand(new Aggregator.ReceiveEtp(accept));
    assertInstanceOf(Aggregator.BidConfirmed.class, confirmed.event());
    EtpMessage confirm = expect(MessageType.BID_CONFIRM);
    assertEquals("bess-1-a1", confirm.getNegotiationId());
    var end = battery("bess-1").to(aggregatorId, MessageType.TERMINATE, "bess-1-a1")
        .setTerminationCode(TerminationCode.TERMINATION_CODE_COMPLETED).setSalePriceCPerKwh(15.0).build();
    var ended = aggregator.runCommand(new Aggregator.ReceiveEtp(end));
    assertInstanceOf(Aggregator.NegotiationEnded.class, ended.event());
    assertEquals(6.5, ended.state().boughtKwh(), 1e-9);
    assertEquals(97.5, ended.state().spentC(), 1e-9);
    assertEquals(1.0, ended.state().successRate());
    assertEquals(15.0, ended.state().meanClearingPriceCPerKwh());
    assertEquals(1, ended.state().recordOf("bess-1").won());
  }

  @Test
  void confirmedTradeTheBatteryDidNotCompleteIsUndone() {
    setTargets(100, 18.5, 100_000);
    negotiate("bess-1", "ASCENDING");
    aggregator.runCommand(new Aggregator.ReceiveEtp(battery("bess-1").to(aggregatorId, MessageType.BID_ACCEPT, "bess-1-a1")
        .setSalePriceCPerKwh(15.0).setRequiredEnergyKwh(6.5).build()));
    var ended = aggregator.runCommand(new Aggregator.ReceiveEtp(battery("bess-1")
        .terminate(aggregatorId, "bess-1-a1", TerminationCode.TERMINATION_CODE_CONFIRM_DEADLINE_MISSED)));
    assertEquals(0, ended.state().boughtKwh(), 1e-9);
    assertEquals(0, ended.state().won());
  }

  @Test
  void neverBuysBeyondItsRequirement() {
    setTargets(5, 18.5, 100_000);
    EtpMessage bid = negotiate("bess-1", "ASCENDING");
    assertEquals(5.0, bid.getRequiredEnergyKwh(), 1e-9);
    var tooMuch = battery("bess-1").to(aggregatorId, MessageType.BID_ACCEPT, "bess-1-a1")
        .setSalePriceCPerKwh(15.0).setRequiredEnergyKwh(6.5).build();
    assertTrue(aggregator.runCommand(new Aggregator.ReceiveEtp(tooMuch)).hasNoEvents());
    assertEquals(TerminationCode.TERMINATION_CODE_CANCELLED, expect(MessageType.TERMINATE).getTerminationCode());
  }

  @Test
  void neverBidsBeyondItsBudget() {
    setTargets(100, 18.5, 60); // 60 cents at 12 c/kWh: 5 kWh
    assertEquals(5.0, negotiate("bess-1", "ASCENDING").getRequiredEnergyKwh(), 1e-9);
  }

  @Test
  void strategyIsSwitchableAtRuntime() {
    setTargets(100, 18.5, 100_000);
    var changed = aggregator.<Done>runCommand(replyTo ->
        new Aggregator.ChangeStrategy(StrategyKind.VALUE_BASED, new StrategyParams(12, 1, 0.5, 0.5), replyTo));
    assertEquals(StrategyKind.VALUE_BASED, changed.state().strategy());
    assertEquals(16.5, negotiate("bess-1", "SEALED_SECOND_PRICE").getBidPriceCPerKwh());
  }

  @Test
  void bidsForTheMechanismTheBatteryNamesInTheTypedField() {
    setTargets(100, 18.5, 100_000);
    aggregator.<Done>runCommand(replyTo ->
        new Aggregator.ChangeStrategy(StrategyKind.VALUE_BASED, new StrategyParams(12, 1, 0.5, 0.5), replyTo));
    listings.tell(new BatteryDirectory.Listing(Set.of("bess-1")));
    expect(MessageType.QUERY);
    EtpMessage typedOnly = queryResponse("bess-1", "", "ASCENDING").toBuilder().clearDetail()
        .setAuctionMechanism(io.etp.protocol.v1.AuctionMechanism.AUCTION_MECHANISM_SEALED_SECOND_PRICE).build();
    aggregator.runCommand(new Aggregator.ReceiveEtp(typedOnly));
    assertEquals(16.5, expect(MessageType.BID).getBidPriceCPerKwh()); // sealed: the value limit at once
  }

  @Test
  void pausedAggregatorDoesNotQuery() {
    setTargets(100, 18.5, 100_000);
    aggregator.<Done>runCommand(Aggregator.Pause::new);
    listings.tell(new BatteryDirectory.Listing(Set.of("bess-1")));
    batteries.expectNoMessage(Duration.ofMillis(300));
    aggregator.<Done>runCommand(Aggregator.Resume::new);
    assertEquals("bess-1", expect(MessageType.QUERY).getRecipientId());
  }

  @Test
  void holdsBackWhenThePriceSignalSaysPricesWillFall() {
    var falling = new Aggregator.Dependencies(SETTINGS, CLOCK, m -> batteries.ref().tell(m), directory.ref(),
        new PriceSignal.Configured(17.0, -3.0));
    var patient = EventSourcedBehaviorTestKit.<Aggregator.Command, Aggregator.Event, Aggregator.State>create(
        testKit.system(), Aggregator.create(aggregatorId + "-patient", falling));
    var sub = directory.expectMessageClass(BatteryDirectory.Subscribe.class).subscriber();
    patient.<Done>runCommand(replyTo -> new Aggregator.SetTargets(100, 18.5, 100_000, replyTo));
    sub.tell(new BatteryDirectory.Listing(Set.of("bess-1")));
    batteries.expectNoMessage(Duration.ofMillis(300));
  }

  @Test
  void recoversItsRecordAfterRestart() {
    setTargets(100, 18.5, 100_000);
    negotiate("bess-1", "ASCENDING");
    aggregator.runCommand(new Aggregator.ReceiveEtp(battery("bess-1").to(aggregatorId, MessageType.BID_ACCEPT, "bess-1-a1")
        .setSalePriceCPerKwh(15.0).setRequiredEnergyKwh(6.5).build()));
    aggregator.runCommand(new Aggregator.ReceiveEtp(battery("bess-1")
        .terminate(aggregatorId, "bess-1-a1", TerminationCode.TERMINATION_CODE_COMPLETED)));
    Aggregator.State before = aggregator.getState();
    assertEquals(before, aggregator.restart().state());
  }
}
