package io.etp.battery;

import static org.junit.jupiter.api.Assertions.*;

import com.typesafe.config.ConfigFactory;
import io.etp.auction.AuctionRules;
import io.etp.auction.Envelopes;
import io.etp.auction.Mechanism;
import io.etp.money.EnergyKwh;
import io.etp.protocol.v1.BatteryHealth;
import io.etp.protocol.v1.EtpMessage;
import io.etp.protocol.v1.MessageType;
import io.etp.protocol.v1.PeerRole;
import io.etp.protocol.v1.RejectReason;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.pubsub.Topic;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The battery twin with its schedule, on a clock the test moves: it never takes a bid or confirms a trade its
 * schedule cannot deliver, each trade is for the next period, and the energy it reports live is the energy
 * recovery rebuilds from the journal (issue #12: "registered with 15 kWh, sells 5.75 kWh, reports 15 kWh live and
 * 9.25 kWh after a restart").
 */
@ExtendWith(TestKitJUnit5Extension.class)
@ExtendWith(LogCapturingExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BatteryScheduleTest {

  @JUnit5TestKit
  ActorTestKit testKit = new JUnit5TestKitBuilder()
      .withCustomConfig(ConfigFactory.parseString("pekko.loglevel = INFO")
          .withFallback(EventSourcedBehaviorTestKit.config()))
      .build();

  /** A clock the test moves. */
  static final class TestClock extends Clock {
    final AtomicReference<Instant> now;

    TestClock(Instant start) { now = new AtomicReference<>(start); }

    void advance(Duration d) { now.updateAndGet(t -> t.plus(d)); }

    @Override public ZoneId getZone() { return ZoneOffset.UTC; }

    @Override public Clock withZone(ZoneId zone) { return this; }

    @Override public Instant instant() { return now.get(); }
  }

  static final AtomicInteger IDS = new AtomicInteger();
  /**
   * 10 % minimum state of charge, 24 kW (6 kWh per quarter hour), 90 % round trip, quarter-hour products; the twin
   * looks every 200 ms (real time) whether the test's clock has passed a period's end.
   */
  static final StorageSettings STORAGE = new StorageSettings(BigDecimal.TEN, new BigDecimal("24"),
      new BigDecimal("0.9"), Duration.ofMinutes(15), Duration.ofMillis(200));
  static final BatterySettings SETTINGS = new BatterySettings(
      new AcceptanceCriteria(14.0, 0.5, 0.25, 50.0),
      new AuctionRules(Mechanism.ASCENDING, Duration.ofMillis(300), 0.25, Duration.ofMillis(100),
          Duration.ofSeconds(5), 2),
      100, 1000, STORAGE);

  String batteryId;
  TestClock clock;
  TestProbe<EtpMessage> peers;
  TestProbe<Topic.Command<EtpMessage>> telemetry;
  EventSourcedBehaviorTestKit<Battery.Command, Battery.Event, Battery.State> battery;

  @BeforeEach
  void setUp() {
    batteryId = "sched-" + IDS.incrementAndGet();
    clock = new TestClock(Instant.parse("2026-03-01T10:05:00Z"));
    peers = testKit.createTestProbe();
    TestProbe<BatteryDirectory.Command> directory = testKit.createTestProbe();
    telemetry = testKit.createTestProbe();
    var deps = new Battery.Dependencies(SETTINGS, clock, peers.ref()::tell, new InMemoryBidAuditSink(100),
        directory.ref(), telemetry.ref());
    battery = EventSourcedBehaviorTestKit.create(testKit.system(), Battery.create(batteryId, deps));
  }

  EtpMessage register(double capacity, double remaining) {
    return new Envelopes(batteryId, PeerRole.PEER_ROLE_BATTERY, clock).to(batteryId, MessageType.REGISTER, "")
        .setEnergyTotalKwh(capacity).setRemainingEnergyKwh(remaining).setPercentageForSale(100)
        .setBatteryHealth(BatteryHealth.BATTERY_HEALTH_GOOD).setBatteryVoltageV(400).setDischargeRateKw(0).build();
  }

  Envelopes aggregator() { return new Envelopes("agg-1", PeerRole.PEER_ROLE_AGGREGATOR, clock); }

  EtpMessage expect(MessageType type) {
    EtpMessage m = peers.expectMessageClass(EtpMessage.class, Duration.ofSeconds(5));
    assertEquals(type, m.getMessageType(), m.toString());
    return m;
  }

  /** agg-1 bids for {@code kwh} and confirms; returns the trade. */
  Battery.TradeConfirmed sell(double kwh) {
    var opened = battery.runCommand(new Battery.ReceiveEtp(aggregator().to(batteryId, MessageType.BID, "")
        .setBidPriceCPerKwh(16.82).setRequiredEnergyKwh(kwh).build()));
    if (opened.hasNoEvents()) fail("no auction: " + peers.receiveMessage(Duration.ofSeconds(1)));
    String auctionId = ((Battery.AuctionOpened) opened.event()).auctionId();
    clock.advance(Duration.ofSeconds(1)); // past the window: the close timer awards the lot
    expect(MessageType.BID_ACCEPT);
    var confirmed = battery.runCommand(new Battery.ReceiveEtp(
        aggregator().to(batteryId, MessageType.BID_CONFIRM, auctionId).build()));
    expect(MessageType.TERMINATE);
    return (Battery.TradeConfirmed) confirmed.events().get(0);
  }

  /** The next message the twin published to the telemetry topic (read through Pekko's internal Publish). */
  EtpMessage published() {
    var cmd = telemetry.expectMessageClass(
        org.apache.pekko.actor.typed.internal.pubsub.TopicImpl.Publish.class, Duration.ofSeconds(5));
    EtpMessage m = (EtpMessage) cmd.message();
    assertEquals(MessageType.BESS_STATUS, m.getMessageType());
    assertEquals(batteryId, m.getSenderId());
    return m;
  }

  Battery.BatteryStatus status() {
    return battery.<Battery.BatteryStatus>runCommand(Battery.GetStatus::new).reply();
  }

  @Test
  void liveEqualsRecoveredAfterASale() {
    battery.runCommand(new Battery.ReceiveEtp(register(15, 15)));
    Battery.TradeConfirmed trade = sell(5.75);
    assertEquals(EnergyKwh.parse("5.75"), trade.energyKwh());
    // monitoring (the live stream's BATTERY_STATUS) hears the energy move with the trade
    assertEquals(9.25, published().getRemainingEnergyKwh());

    // a device's telemetry after the sale (its meter has not moved yet) does not change the energy the twin reports
    battery.runCommand(new Battery.ReceiveEtp(new Envelopes(batteryId, PeerRole.PEER_ROLE_BATTERY, clock)
        .to(batteryId, MessageType.BESS_STATUS, "").setRemainingEnergyKwh(15).setDischargeRateKw(1.5)
        .setBatteryHealth(BatteryHealth.BATTERY_HEALTH_GOOD).build()));
    assertEquals(9.25, published().getRemainingEnergyKwh(), "the device's 15 kWh is not what monitoring shows");
    Battery.BatteryStatus live = status();
    assertEquals(9.25, live.latestTelemetry().remainingKwh(), "live: 15 - 5.75");
    assertEquals(9.25, live.state().spec().remainingKwh());
    assertEquals(1.5, live.latestTelemetry().dischargeRateKw(), "the rest of the telemetry stays live");

    battery.restart();
    Battery.BatteryStatus recovered = status();
    assertEquals(live.state(), recovered.state());
    assertEquals(live.latestTelemetry().remainingKwh(), recovered.latestTelemetry().remainingKwh());
    assertEquals(live.latestTelemetry().capacityKwh(), recovered.latestTelemetry().capacityKwh());
  }

  @Test
  void aTradeIsForTheNextPeriodAndCommittedInTheSchedule() {
    battery.runCommand(new Battery.ReceiveEtp(register(15, 15)));
    Battery.TradeConfirmed trade = sell(4);
    DeliveryPeriod next = new DeliveryPeriod(Instant.parse("2026-03-01T10:15:00Z"), Duration.ofMinutes(15));
    assertEquals(next, trade.period());
    DeliverySchedule schedule = battery.getState().schedule();
    assertEquals(1, schedule.pending().size());
    assertEquals(trade.commitment(), schedule.pending().get(0));
    assertEquals(EnergyKwh.parse("1.5"), schedule.limits().minimumKwh());
    assertEquals(EnergyKwh.parse("15"), schedule.measuredKwh(), "nothing delivered yet");
    assertEquals(EnergyKwh.parse("11"), schedule.plannedFinalKwh());
  }

  @Test
  void refusesABidAbovePowerLimitOfTheNextPeriod() {
    battery.runCommand(new Battery.ReceiveEtp(register(15, 15)));
    // 24 kW x 15 min = 6 kWh; 6.5 kWh is for sale (15 kWh, 100 %) but cannot move in one quarter hour
    var r = battery.runCommand(new Battery.ReceiveEtp(aggregator().to(batteryId, MessageType.BID, "")
        .setBidPriceCPerKwh(16.82).setRequiredEnergyKwh(6.5).build()));
    assertTrue(r.hasNoEvents());
    EtpMessage reject = expect(MessageType.BID_REJECT);
    assertEquals(RejectReason.REJECT_REASON_ENERGY_UNAVAILABLE, reject.getRejectReason());
    assertTrue(reject.getDetail().contains("schedule"), reject.getDetail());
    // a second sale in the same period gets only what the power limit leaves
    sell(3.5);
    battery.runCommand(new Battery.ReceiveEtp(aggregator().to(batteryId, MessageType.BID, "")
        .setBidPriceCPerKwh(16.82).setRequiredEnergyKwh(3).build()));
    assertEquals(RejectReason.REJECT_REASON_ENERGY_UNAVAILABLE, expect(MessageType.BID_REJECT).getRejectReason());
    // the next quarter hour has its own 6 kWh
    clock.advance(Duration.ofMinutes(15));
    assertEquals(EnergyKwh.parse("2"), sell(2).energyKwh());
  }

  @Test
  void neverSellsBelowTheMinimumStateOfCharge() {
    battery.runCommand(new Battery.ReceiveEtp(register(15, 15)));
    sell(5);
    clock.advance(Duration.ofMinutes(15));
    sell(5);
    clock.advance(Duration.ofMinutes(15));
    // 15 - 10 = 5 kWh planned, 1.5 kWh the minimum: 3.5 kWh left, though 4.75 kWh is for sale after the margin
    battery.runCommand(new Battery.ReceiveEtp(aggregator().to(batteryId, MessageType.BID, "")
        .setBidPriceCPerKwh(16.82).setRequiredEnergyKwh(4).build()));
    EtpMessage reject = expect(MessageType.BID_REJECT);
    assertEquals(RejectReason.REJECT_REASON_ENERGY_UNAVAILABLE, reject.getRejectReason());
    assertTrue(reject.getDetail().contains("3.500 kWh the schedule"), reject.getDetail());
    sell(3.5);
    assertEquals(EnergyKwh.parse("1.5"), battery.getState().schedule().plannedFinalKwh());
    assertEquals(1.5, status().latestTelemetry().remainingKwh());
  }

  @Test
  void eachPeriodIsDeliveredWhenItEndsAndTheEnergyMoves() {
    battery.runCommand(new Battery.ReceiveEtp(register(15, 15)));
    Battery.TradeConfirmed first = sell(4);
    assertEquals(11.0, published().getRemainingEnergyKwh());
    clock.advance(Duration.ofMinutes(14)); // 10:19: its period, 10:15-10:30, is running: nothing delivered
    telemetry.expectNoMessage(Duration.ofMillis(600));
    assertEquals(EnergyKwh.parse("15"), battery.getState().schedule().measuredKwh());

    clock.advance(Duration.ofMinutes(12)); // 10:31: it has ended; the twin's timer delivers it
    EtpMessage moved = published();
    assertEquals(11.0, moved.getRemainingEnergyKwh());
    DeliverySchedule schedule = battery.getState().schedule();
    assertTrue(schedule.pending().isEmpty());
    assertEquals(EnergyKwh.parse("11"), schedule.measuredKwh(), "15 - 4 delivered");
    assertEquals(first.period().end(), schedule.measuredAt());
    assertEquals(EnergyKwh.parse("4"), schedule.discharged().deliveredKwh());
    assertEquals(EnergyKwh.ZERO, schedule.discharged().shortfallKwh());

    Battery.TradeConfirmed second = sell(2);
    assertEquals(java.util.List.of(second.commitment()), battery.getState().schedule().pending());
    assertEquals(9.0, status().latestTelemetry().remainingKwh());
    DeliverySchedule before = battery.getState().schedule();
    battery.restart(); // the Delivered event replays to the same schedule
    assertEquals(before, battery.getState().schedule());
  }

  @Test
  void aConfirmTheScheduleCanNoLongerDeliverIsRefusedAndTheAuctionCancelled() {
    battery.runCommand(new Battery.ReceiveEtp(register(15, 15)));
    var opened = battery.runCommand(new Battery.ReceiveEtp(aggregator().to(batteryId, MessageType.BID, "")
        .setBidPriceCPerKwh(16.82).setRequiredEnergyKwh(5).build()));
    String auctionId = ((Battery.AuctionOpened) opened.event()).auctionId();
    // while the auction runs the device registers again, measured at 3 kWh: 1.5 kWh above the minimum
    battery.runCommand(new Battery.ReceiveEtp(register(15, 3)));
    clock.advance(Duration.ofSeconds(1));
    expect(MessageType.BID_ACCEPT);
    var confirmed = battery.runCommand(new Battery.ReceiveEtp(
        aggregator().to(batteryId, MessageType.BID_CONFIRM, auctionId).build()));
    EtpMessage reject = expect(MessageType.BID_REJECT);
    assertEquals(RejectReason.REJECT_REASON_ENERGY_UNAVAILABLE, reject.getRejectReason());
    assertTrue(reject.getDetail().contains("schedule cannot deliver"), reject.getDetail());
    var ended = (Battery.AuctionEnded) confirmed.event();
    assertEquals(io.etp.protocol.v1.TerminationCode.TERMINATION_CODE_CANCELLED, ended.outcome().endedWith());
    assertTrue(battery.getState().schedule().pending().isEmpty());
    assertEquals(3.0, status().latestTelemetry().remainingKwh());
  }
}
