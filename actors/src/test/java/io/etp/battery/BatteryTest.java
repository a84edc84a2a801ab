package io.etp.battery;

import static org.junit.jupiter.api.Assertions.*;

import com.typesafe.config.ConfigFactory;
import io.etp.money.EnergyKwh;
import io.etp.money.PriceCPerKwh;
import io.etp.auction.AuctionRules;
import io.etp.auction.Envelopes;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.pubsub.Topic;
import org.apache.pekko.persistence.testkit.ProcessingSuccess$;
import org.apache.pekko.persistence.testkit.WriteEvents;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.PersistenceTestKit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestKitJUnit5Extension.class)
@ExtendWith(LogCapturingExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BatteryTest {

  @JUnit5TestKit
  ActorTestKit testKit = new JUnit5TestKitBuilder()
      .withCustomConfig(ConfigFactory.parseString("pekko.loglevel = INFO")
          .withFallback(EventSourcedBehaviorTestKit.config()))
      .build();

  static final AtomicInteger IDS = new AtomicInteger();
  static final Clock CLOCK = Clock.systemUTC();
  static final BatterySettings SETTINGS = new BatterySettings(
      new AcceptanceCriteria(14.0, 0.5, 0.25, 50.0),
      new AuctionRules(Mechanism.ASCENDING, Duration.ofMillis(300), 0.25, Duration.ofMillis(100),
          Duration.ofMillis(500), 2),
      100, 1000);

  String batteryId;
  TestProbe<EtpMessage> peers;
  TestProbe<BatteryDirectory.Command> directory;
  TestProbe<Topic.Command<EtpMessage>> telemetry;
  InMemoryBidAuditSink audit;
  EventSourcedBehaviorTestKit<Battery.Command, Battery.Event, Battery.State> battery;

  @BeforeEach
  void setUp() {
    batteryId = "bess-" + IDS.incrementAndGet();
    peers = testKit.createTestProbe();
    directory = testKit.createTestProbe();
    telemetry = testKit.createTestProbe();
    audit = new InMemoryBidAuditSink(1000);
    // the probe's ref, not the field: with one test instance (PER_CLASS) a lambda reading the field would deliver an
    // earlier test's twin (a confirm deadline it misses later, say) into this test's probe
    var deps = new Battery.Dependencies(SETTINGS, CLOCK, peers.ref()::tell, audit, directory.ref(),
        telemetry.ref());
    battery = EventSourcedBehaviorTestKit.create(testKit.system(), Battery.create(batteryId, deps));
  }

  Envelopes device() { return new Envelopes(batteryId, PeerRole.PEER_ROLE_BATTERY, CLOCK); }

  static Envelopes aggregator(String id) { return new Envelopes(id, PeerRole.PEER_ROLE_AGGREGATOR, CLOCK); }

  EtpMessage register() {
    return device().to(batteryId, MessageType.REGISTER, "")
        .setEnergyTotalKwh(13.5).setRemainingEnergyKwh(13.5).setPercentageForSale(50)
        .setBatteryHealth(BatteryHealth.BATTERY_HEALTH_GOOD).setBatteryVoltageV(400).setDischargeRateKw(0).build();
  }

  EtpMessage bid(String aggregatorId, String auctionId, double price, double energy) {
    return aggregator(aggregatorId).to(batteryId, MessageType.BID, auctionId)
        .setBidPriceCPerKwh(price).setRequiredEnergyKwh(energy).build();
  }

  EtpMessage confirm(String aggregatorId, String auctionId) {
    return aggregator(aggregatorId).to(batteryId, MessageType.BID_CONFIRM, auctionId).build();
  }

  EtpMessage expect(MessageType type) {
    EtpMessage m = peers.expectMessageClass(EtpMessage.class, Duration.ofSeconds(5));
    assertEquals(type, m.getMessageType(), m.toString());
    return m;
  }

  @Test
  void registrationCreatesTheTwinAndIsIdempotent() {
    var first = battery.runCommand(new Battery.ReceiveEtp(register()));
    assertInstanceOf(Battery.Registered.class, first.event());
    assertEquals(Availability.ONLINE, first.state().availability());
    assertEquals(6.75, first.state().forSaleKwh(), 1e-9);
    assertTrue(battery.runCommand(new Battery.ReceiveEtp(register())).hasNoEvents());
    directory.expectMessage(new BatteryDirectory.Announce(batteryId));
  }

  @Test
  void answersQueryWithWhatItOffersWithoutPersisting() {
    battery.runCommand(new Battery.ReceiveEtp(register()));
    var result = battery.runCommand(new Battery.ReceiveEtp(
        aggregator("agg-1").to(batteryId, MessageType.QUERY, "").build()));
    assertTrue(result.hasNoEvents());
    EtpMessage response = expect(MessageType.QUERY_RESPONSE);
    assertEquals("agg-1", response.getRecipientId());
    assertEquals(13.5, response.getEnergyTotalKwh());
    assertEquals(6.5, response.getEnergyTotalKwh() * response.getPercentageForSale() / 100, 1e-9);
    assertEquals(14.0, response.getReservePriceCPerKwh());
  }

  @Test
  void answersQueryWithItsAuctionMechanismAsATypedField() {
    TestProbe<EtpMessage> own = testKit.createTestProbe(); // not the shared probe earlier tests' twins still use
    var deps = new Battery.Dependencies(SETTINGS, CLOCK, own.ref()::tell, audit, directory.ref(), telemetry.ref());
    var twin = EventSourcedBehaviorTestKit.<Battery.Command, Battery.Event, Battery.State>create(testKit.system(),
        Battery.create(batteryId, deps));
    twin.runCommand(new Battery.ReceiveEtp(register()));
    twin.<Done>runCommand(replyTo -> new Battery.ChangeAuctionRules(
        SETTINGS.auctionRules().withMechanism(Mechanism.SEALED_SECOND_PRICE), replyTo));
    twin.runCommand(new Battery.ReceiveEtp(aggregator("agg-1").to(batteryId, MessageType.QUERY, "").build()));
    EtpMessage response = own.expectMessageClass(EtpMessage.class, Duration.ofSeconds(5));
    assertEquals(MessageType.QUERY_RESPONSE, response.getMessageType(), response.toString());
    assertEquals(AuctionMechanism.AUCTION_MECHANISM_SEALED_SECOND_PRICE, response.getAuctionMechanism());
  }

  @Test
  void rejectsBidBelowReservePriceAndAuditsIt() {
    battery.runCommand(new Battery.ReceiveEtp(register()));
    var result = battery.runCommand(new Battery.ReceiveEtp(bid("agg-1", "", 13.0, 5)));
    assertTrue(result.hasNoEvents());
    EtpMessage reject = expect(MessageType.BID_REJECT);
    assertEquals(RejectReason.REJECT_REASON_BELOW_RESERVE, reject.getRejectReason());
    var trail = audit.forBattery(batteryId);
    assertEquals(1, trail.size());
    assertEquals(BidAudit.Decision.REJECTED, trail.get(0).decision());
    assertEquals(RejectReason.REJECT_REASON_BELOW_RESERVE, trail.get(0).reason());
  }

  /** A clock that, once armed, moves one second on each reading: time passing while the journal writes. */
  static final class SteppingClock extends Clock {
    volatile boolean armed;
    private final java.util.concurrent.atomic.AtomicLong millis =
        new java.util.concurrent.atomic.AtomicLong(System.currentTimeMillis());

    @Override public java.time.ZoneId getZone() { return java.time.ZoneOffset.UTC; }
    @Override public Clock withZone(java.time.ZoneId zone) { return this; }
    @Override public java.time.Instant instant() {
      return java.time.Instant.ofEpochMilli(armed ? millis.addAndGet(1000) : millis.get());
    }
  }

  @Test
  void theBidThatOpensAnAuctionIsPlacedEvenWhenStoringTheOpeningTakesLongerThanTheWindow() {
    SteppingClock clock = new SteppingClock();
    TestProbe<EtpMessage> out = peers; // this test's probe, not the next test's (its timers outlive the test)
    var deps = new Battery.Dependencies(SETTINGS, clock, m -> out.ref().tell(m), audit, directory.ref(),
        telemetry.ref());
    var slow = EventSourcedBehaviorTestKit.<Battery.Command, Battery.Event, Battery.State>create(testKit.system(),
        Battery.create(batteryId, deps));
    slow.runCommand(new Battery.ReceiveEtp(register()));
    clock.armed = true; // from here every reading is 1 s later than the last, more than the 300 ms window
    var opened = slow.runCommand(new Battery.ReceiveEtp(bid("agg-1", "", 15.0, 5)));
    var auction = (Battery.AuctionOpened) opened.event();
    // before the fix the opening bid was placed at the (later) time the write completed: AUCTION_CLOSED, and the
    // auction ended NO_ACCEPTABLE_BID; it arrived inside the window, so it leads and wins
    EtpMessage accept = expect(MessageType.BID_ACCEPT);
    assertEquals(auction.auctionId(), accept.getNegotiationId());
    assertEquals(BidAudit.Decision.LEADING, audit.forBattery(batteryId).get(0).decision());
  }

  @Test
  void winnerConfirmsAndTheTradeTakesEnergyOffWhatIsForSale() {
    battery.runCommand(new Battery.ReceiveEtp(register()));
    var opened = battery.runCommand(new Battery.ReceiveEtp(bid("agg-1", "", 15.0, 5)));
    var auction = (Battery.AuctionOpened) opened.event();
    assertEquals(EnergyKwh.parse("6.5"), auction.lotKwh());
    EtpMessage accept = expect(MessageType.BID_ACCEPT);
    assertEquals(auction.auctionId(), accept.getNegotiationId());
    assertEquals(15.0, accept.getSalePriceCPerKwh());
    var confirmed = battery.runCommand(new Battery.ReceiveEtp(confirm("agg-1", auction.auctionId())));
    assertInstanceOf(Battery.TradeConfirmed.class, confirmed.events().get(0));
    var ended = (Battery.AuctionEnded) confirmed.events().get(1);
    assertEquals(TerminationCode.TERMINATION_CODE_COMPLETED, ended.outcome().endedWith());
    assertEquals(1.75, confirmed.state().forSaleKwh(), 1e-9);
    assertEquals(1, confirmed.state().recordOf("agg-1").confirmed());
    assertEquals(TerminationCode.TERMINATION_CODE_COMPLETED, expect(MessageType.TERMINATE).getTerminationCode());
    assertTrue(confirmed.state().openAuction().isEmpty());
  }

  @Test
  void criteriaAreChangeableAtRuntime() {
    battery.runCommand(new Battery.ReceiveEtp(register()));
    var changed = battery.<Done>runCommand(replyTo ->
        new Battery.ChangeCriteria(new AcceptanceCriteria(16.0, 0.5, 0.25, 50.0), replyTo));
    assertEquals(Done.getInstance(), changed.reply());
    assertEquals(16.0, changed.state().criteria().reservePriceCPerKwh());
    battery.runCommand(new Battery.ReceiveEtp(bid("agg-1", "", 15.0, 5)));
    assertEquals(RejectReason.REJECT_REASON_BELOW_RESERVE, expect(MessageType.BID_REJECT).getRejectReason());
  }

  @Test
  void telemetryIsPublishedToMonitoringAndNotPersisted() {
    battery.runCommand(new Battery.ReceiveEtp(register()));
    var status = device().to(batteryId, MessageType.BESS_STATUS, "").setRemainingEnergyKwh(12.0)
        .setBatteryHealth(BatteryHealth.BATTERY_HEALTH_GOOD).setBatteryVoltageV(398).setDischargeRateKw(2.5).build();
    assertTrue(battery.runCommand(new Battery.ReceiveEtp(status)).hasNoEvents());
    assertNotNull(telemetry.receiveMessage(Duration.ofSeconds(5))); // Topic.publish(status)
    var reply = battery.<Battery.BatteryStatus>runCommand(Battery.GetStatus::new).reply();
    assertEquals(2.5, reply.latestTelemetry().dischargeRateKw());
  }

  @Test
  void healthTurningCriticalIsPersistedAndStopsTrading() {
    battery.runCommand(new Battery.ReceiveEtp(register()));
    var status = device().to(batteryId, MessageType.BESS_STATUS, "")
        .setBatteryHealth(BatteryHealth.BATTERY_HEALTH_CRITICAL).build();
    assertInstanceOf(Battery.HealthChanged.class, battery.runCommand(new Battery.ReceiveEtp(status)).event());
    battery.runCommand(new Battery.ReceiveEtp(bid("agg-1", "", 15.0, 5)));
    assertEquals(RejectReason.REJECT_REASON_UNHEALTHY, expect(MessageType.BID_REJECT).getRejectReason());
  }

  @Test
  void deviceFailureEndsTheOpenAuctionAndTellsEveryBidder() {
    battery.runCommand(new Battery.ReceiveEtp(register()));
    battery.runCommand(new Battery.ReceiveEtp(bid("agg-1", "", 15.0, 5)));
    battery.runCommand(new Battery.ReceiveEtp(bid("agg-2", "", 13.0, 5))); // below reserve, still a bidder
    assertEquals(RejectReason.REJECT_REASON_BELOW_RESERVE, expect(MessageType.BID_REJECT).getRejectReason());
    var failed = battery.runCommand(new Battery.ReceiveEtp(
        device().to(batteryId, MessageType.DEVICE_FAILURE, "").setDetail("inverter fault").build()));
    assertInstanceOf(Battery.DeviceFailed.class, failed.events().get(0));
    var ended = (Battery.AuctionEnded) failed.events().get(1);
    assertEquals(TerminationCode.TERMINATION_CODE_DEVICE_FAILURE, ended.outcome().endedWith());
    assertEquals(Availability.FAILED, failed.state().availability());
    for (int i = 0; i < 2; i++) {
      assertEquals(TerminationCode.TERMINATION_CODE_DEVICE_FAILURE, expect(MessageType.TERMINATE).getTerminationCode());
    }
    assertEquals(0, failed.state().soldKwh());
  }

  @Test
  void theGatewayCancelsTheOpenAuctionByNameWithoutEndingTheBattery() {
    battery.runCommand(new Battery.ReceiveEtp(register()));
    var opened = battery.runCommand(new Battery.ReceiveEtp(bid("agg-1", "", 15.0, 5)));
    String auctionId = ((Battery.AuctionOpened) opened.events().get(0)).auctionId();
    var cancelled = battery.runCommand(new Battery.ReceiveEtp(
        new Envelopes("etp-gateway", PeerRole.PEER_ROLE_GATEWAY, CLOCK).to(batteryId, MessageType.TERMINATE, auctionId)
            .setDetail("operator: grid alarm").build()));
    var ended = (Battery.AuctionEnded) cancelled.events().get(0);
    assertEquals(1, cancelled.events().size());
    assertEquals(TerminationCode.TERMINATION_CODE_CANCELLED, ended.outcome().endedWith());
    assertEquals(Availability.ONLINE, cancelled.state().availability(), "only the auction ends");
    assertTrue(cancelled.state().openAuction().isEmpty());
    assertEquals(TerminationCode.TERMINATION_CODE_CANCELLED, expect(MessageType.TERMINATE).getTerminationCode());
  }

  @Test
  void anAggregatorCannotCancelAnAuctionByName() {
    battery.runCommand(new Battery.ReceiveEtp(register()));
    var opened = battery.runCommand(new Battery.ReceiveEtp(bid("agg-1", "", 15.0, 5)));
    String auctionId = ((Battery.AuctionOpened) opened.events().get(0)).auctionId();
    var withdrawn = battery.runCommand(new Battery.ReceiveEtp(
        aggregator("agg-2").to(batteryId, MessageType.TERMINATE, auctionId).build()));
    assertTrue(withdrawn.events().isEmpty(), withdrawn.events().toString());
    assertTrue(withdrawn.state().openAuction().isPresent());
    // its owner ends it, so that no close timer fires into a later test
    battery.runCommand(new Battery.ReceiveEtp(device().to(batteryId, MessageType.TERMINATE, auctionId).build()));
    assertEquals(TerminationCode.TERMINATION_CODE_CANCELLED, expect(MessageType.TERMINATE).getTerminationCode());
  }

  @Test
  void recoversItsStateAfterRestart() {
    battery.runCommand(new Battery.ReceiveEtp(register()));
    var opened = (Battery.AuctionOpened) battery.runCommand(new Battery.ReceiveEtp(bid("agg-1", "", 15.0, 5))).event();
    expect(MessageType.BID_ACCEPT);
    battery.runCommand(new Battery.ReceiveEtp(confirm("agg-1", opened.auctionId())));
    Battery.State before = battery.getState();
    var restarted = battery.restart();
    assertEquals(before, restarted.state());
  }

  @Test
  void auctionOpenAtRestartIsCancelledOnRecovery() {
    battery.runCommand(new Battery.ReceiveEtp(register()));
    battery.runCommand(new Battery.ReceiveEtp(bid("agg-1", "", 15.0, 5)));
    battery.restart();
    peers.awaitAssert(Duration.ofSeconds(5), () -> {
      assertTrue(battery.getState().openAuction().isEmpty());
      assertEquals(TerminationCode.TERMINATION_CODE_CANCELLED, battery.getState().lastOutcome().orElseThrow().endedWith());
      return null;
    });
  }
  @Test
  void echoesTheQuerysNegotiationIdAsCorrelationTokenAndNamesTheOpenAuctionInTheDetail() {
    battery.runCommand(new Battery.ReceiveEtp(register()));
    battery.runCommand(new Battery.ReceiveEtp(bid("agg-1", "", 15.0, 5)));
    String auctionId = battery.getState().openAuction().orElseThrow().auctionId();
    battery.runCommand(new Battery.ReceiveEtp(aggregator("agg-2").to(batteryId, MessageType.QUERY, "q-17").build()));
    EtpMessage tagged = expect(MessageType.QUERY_RESPONSE);
    assertEquals("q-17", tagged.getNegotiationId());
    assertTrue(tagged.getDetail().contains("auction_id=" + auctionId), tagged.getDetail());
    battery.runCommand(new Battery.ReceiveEtp(aggregator("agg-2").to(batteryId, MessageType.QUERY, "").build()));
    assertEquals(auctionId, expect(MessageType.QUERY_RESPONSE).getNegotiationId());
  }

  @Test
  void answersQueryWithTheOfferOfARegistrationWhoseWriteIsInFlight() throws Exception {
    TestProbe<EtpMessage> own = testKit.createTestProbe(); // not the shared probe earlier tests' twins still use
    var deps = new Battery.Dependencies(SETTINGS, CLOCK, own.ref()::tell, audit, directory.ref(), telemetry.ref());
    String id = "bess-slow-" + IDS.incrementAndGet();
    CountDownLatch writing = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    PersistenceTestKit journal = PersistenceTestKit.create(testKit.system());
    // holds this twin's first write (Registered) until released
    journal.withPolicy((persistenceId, op) -> {
      if (persistenceId.endsWith(id) && op instanceof WriteEvents) {
        writing.countDown();
        try {
          release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return ProcessingSuccess$.MODULE$;
    });
    try {
      var twin = testKit.spawn(Battery.create(id, deps));
      twin.tell(new Battery.ReceiveEtp(new Envelopes(id, PeerRole.PEER_ROLE_BATTERY, CLOCK)
          .to(id, MessageType.REGISTER, "").setEnergyTotalKwh(13.5).setRemainingEnergyKwh(13.5)
          .setPercentageForSale(50).setBatteryHealth(BatteryHealth.BATTERY_HEALTH_GOOD).build()));
      assertTrue(writing.await(5, TimeUnit.SECONDS), "the Registered write started");
      twin.tell(new Battery.ReceiveEtp(aggregator("agg-2").to(id, MessageType.QUERY, "").build()));
      EtpMessage response = own.expectMessageClass(EtpMessage.class, Duration.ofSeconds(3));
      assertEquals(MessageType.QUERY_RESPONSE, response.getMessageType(), response.toString());
      assertEquals(6.5, response.getEnergyTotalKwh() * response.getPercentageForSale() / 100, 1e-9);
      assertEquals(1, release.getCount(), "answered while the write was still held");
    } finally {
      release.countDown();
      journal.resetPolicy();
    }
  }

  @Test
  void answersQueryWhileAJournalWriteIsInFlight() throws Exception {
    var deps = new Battery.Dependencies(SETTINGS, CLOCK, peers.ref()::tell, audit, directory.ref(),
        telemetry.ref());
    String id = "bess-slow-" + IDS.incrementAndGet();
    var twin = testKit.spawn(Battery.create(id, deps));
    Envelopes owner = new Envelopes(id, PeerRole.PEER_ROLE_BATTERY, CLOCK);
    twin.tell(new Battery.ReceiveEtp(owner.to(id, MessageType.REGISTER, "").setEnergyTotalKwh(13.5)
        .setRemainingEnergyKwh(13.5).setPercentageForSale(50).setBatteryHealth(BatteryHealth.BATTERY_HEALTH_GOOD)
        .build()));
    directory.expectMessage(new BatteryDirectory.Announce(id));
    CountDownLatch writing = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    PersistenceTestKit journal = PersistenceTestKit.create(testKit.system());
    // holds the next write of this twin (AuctionOpened) until released: a journal write in flight
    journal.withPolicy((persistenceId, op) -> {
      if (persistenceId.endsWith(id) && op instanceof WriteEvents) {
        writing.countDown();
        try {
          release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return ProcessingSuccess$.MODULE$;
    });
    try {
      twin.tell(new Battery.ReceiveEtp(aggregator("agg-1").to(id, MessageType.BID, "").setBidPriceCPerKwh(15.0)
          .setRequiredEnergyKwh(5).build()));
      assertTrue(writing.await(5, TimeUnit.SECONDS), "the bid's AuctionOpened write started");
      twin.tell(new Battery.ReceiveEtp(aggregator("agg-2").to(id, MessageType.QUERY, "q-1").build()));
      EtpMessage response = peers.expectMessageClass(EtpMessage.class, Duration.ofSeconds(3));
      assertEquals(MessageType.QUERY_RESPONSE, response.getMessageType(), response.toString());
      assertEquals("q-1", response.getNegotiationId());
      assertEquals(1, release.getCount(), "answered while the write was still held");
    } finally {
      release.countDown();
      journal.resetPolicy();
    }
    // the held write completes and the auction goes on: the single bidder is accepted when the window closes
    EtpMessage accept = peers.expectMessageClass(EtpMessage.class, Duration.ofSeconds(5));
    assertEquals(MessageType.BID_ACCEPT, accept.getMessageType(), accept.toString());
  }
}
