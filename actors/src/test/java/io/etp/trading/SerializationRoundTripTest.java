package io.etp.trading;

import static org.junit.jupiter.api.Assertions.*;

import io.etp.money.EnergyKwh;
import io.etp.money.PriceCPerKwh;
import io.etp.aggregator.Aggregator;
import io.etp.aggregator.AggregatorSerializer;
import io.etp.aggregator.StrategyKind;
import io.etp.aggregator.StrategyParams;
import io.etp.auction.AuctionOutcome;
import io.etp.auction.AuctionRules;
import io.etp.auction.Envelopes;
import io.etp.auction.Mechanism;
import io.etp.battery.AcceptanceCriteria;
import io.etp.battery.Availability;
import io.etp.battery.Battery;
import io.etp.battery.BatterySerializer;
import io.etp.battery.BatterySpec;
import io.etp.battery.TradingRecord;
import io.etp.protocol.v1.BatteryHealth;
import io.etp.protocol.v1.MessageType;
import io.etp.protocol.v1.PeerRole;
import io.etp.protocol.v1.TerminationCode;
import java.time.Clock;
import io.etp.battery.DeliveryPeriod;
import io.etp.battery.DeliverySchedule;
import io.etp.battery.StorageLimits;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializers;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every persisted event, snapshot state, cluster command and reply survives protobuf serialization unchanged. */
@ExtendWith(TestKitJUnit5Extension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SerializationRoundTripTest {

  @JUnit5TestKit
  ActorTestKit testKit = new JUnit5TestKitBuilder().build();

  static final Instant AT = Instant.parse("2026-11-21T02:40:00.123456789Z");
  static final BatterySpec SPEC = new BatterySpec(13.5, 12.0, 50, BatteryHealth.BATTERY_HEALTH_DEGRADED, 398.5, -2.5);
  static final AcceptanceCriteria CRITERIA = new AcceptanceCriteria(14.0, 0.5, 0.25, 50);
  static final AuctionRules RULES = new AuctionRules(Mechanism.SEALED_SECOND_PRICE, Duration.ofMillis(2000), 0.25,
      Duration.ofMillis(500), Duration.ofMillis(500), 2);
  static final AuctionOutcome SOLD = new AuctionOutcome("bess-1-a3", "bess-1", Mechanism.ASCENDING, EnergyKwh.ofDouble(6.5), PriceCPerKwh.ofDouble(14.0),
      Optional.of("agg-2"), PriceCPerKwh.ofDouble(17.25), EnergyKwh.ofDouble(6.5), List.of("agg-1", "agg-2"), 1, TerminationCode.TERMINATION_CODE_COMPLETED, AT);
  static final AuctionOutcome FAILED = new AuctionOutcome("bess-1-a4", "bess-1", Mechanism.SEALED_SECOND_PRICE, EnergyKwh.ofDouble(6.5),
      PriceCPerKwh.ofDouble(14.0), Optional.empty(), PriceCPerKwh.ZERO, EnergyKwh.ZERO, List.of("agg-1"), 0, TerminationCode.TERMINATION_CODE_DEVICE_FAILURE, AT);
  static final StorageLimits LIMITS = new StorageLimits(EnergyKwh.parse("13.5"), EnergyKwh.parse("1.35"),
      new BigDecimal("4.6"), new BigDecimal("0.915"));
  static final Battery.State BATTERY_STATE = new Battery.State("bess-1", Availability.ONLINE, SPEC, 6.75, 6.5,
      CRITERIA, RULES, Optional.of(new Battery.OpenAuction("bess-1-a5", EnergyKwh.ofDouble(0.001), PriceCPerKwh.ofDouble(14.0), Mechanism.ASCENDING, AT,
          AT.plusSeconds(2), Optional.of("agg-1"), List.of("agg-1", "agg-3"))),
      5, Map.of("agg-1", new TradingRecord(3, 1, 2), "agg-2", TradingRecord.EMPTY), Optional.of(SOLD), schedule());
  static final Battery.State EMPTY_BATTERY_STATE = new Battery.State("bess-2", Availability.UNREGISTERED,
      BatterySpec.NONE, 0, 0, CRITERIA, RULES.withMechanism(Mechanism.ASCENDING), Optional.empty(), 0, Map.of(),
      Optional.empty(), DeliverySchedule.start(new StorageLimits(EnergyKwh.ZERO, EnergyKwh.ZERO, BigDecimal.ZERO,
          BigDecimal.ONE), EnergyKwh.ZERO, Instant.EPOCH));

  /** A schedule with commitments both ways, one delivered short, one still pending each way. */
  static DeliverySchedule schedule() {
    Instant t0 = Instant.parse("2026-11-21T02:00:00Z");
    DeliveryPeriod q1 = new DeliveryPeriod(t0.plus(Duration.ofMinutes(15)), Duration.ofMinutes(15));
    DeliveryPeriod h = new DeliveryPeriod(t0.plus(Duration.ofHours(1)), Duration.ofHours(1));
    DeliverySchedule s = DeliverySchedule.start(LIMITS, EnergyKwh.parse("7.25"), t0)
        .accept(new DeliverySchedule.Commitment("a1", q1, DeliverySchedule.Direction.DISCHARGE, EnergyKwh.parse("1")))
        .accept(new DeliverySchedule.Commitment("a2", q1, DeliverySchedule.Direction.CHARGE, EnergyKwh.parse("0.5")));
    s = s.deliverDue(q1.end(), c -> EnergyKwh.parse("0.4")).schedule();
    return s.accept(new DeliverySchedule.Commitment("a3", h, DeliverySchedule.Direction.DISCHARGE,
            EnergyKwh.parse("2.125"), Optional.of(PriceCPerKwh.parse("16.82"))))
        .accept(new DeliverySchedule.Commitment("a4", h, DeliverySchedule.Direction.CHARGE, EnergyKwh.parse("1.001")));
  }
  static final StrategyParams PARAMS = new StrategyParams(12, 1, 0.5, 0.6);
  static final Aggregator.State AGGREGATOR_STATE = new Aggregator.State("agg-1", true, 100, 18.5, 10_000,
      StrategyKind.ADAPTIVE, PARAMS, true, 13, 210.5, 4, 2, 16.75, 3,
      Map.of("bess-1", new Aggregator.BatteryRecord(2, 1, 17.25)),
      Map.of("bess-1-a3", new Aggregator.Trade("bess-1", "bess-1-a3", EnergyKwh.ofDouble(6.5), PriceCPerKwh.ofDouble(17.25))));

  Stream<Arguments> messages() {
    TestProbe<Object> probe = testKit.createTestProbe();
    var etp = new Envelopes("agg-1", PeerRole.PEER_ROLE_AGGREGATOR, Clock.systemUTC())
        .to("bess-1", MessageType.BID, "bess-1-a3").setBidPriceCPerKwh(15.5).setRequiredEnergyKwh(6.5).build();
    List<Object> all = List.of(
        // battery events
        new Battery.Registered(SPEC, AT),
        new Battery.CriteriaChanged(CRITERIA, AT),
        new Battery.AuctionRulesChanged(RULES, AT),
        new Battery.AuctionOpened("bess-1-a3", EnergyKwh.ofDouble(6.5), PriceCPerKwh.ofDouble(14.0), Mechanism.ASCENDING, AT, AT.plusMillis(2000)),
        new Battery.WinnerChosen("bess-1-a3", "agg-2", PriceCPerKwh.ofDouble(17.25), EnergyKwh.ofDouble(6.5), List.of("agg-1", "agg-2"), AT),
        new Battery.ConfirmMissed("bess-1-a3", "agg-2", AT),
        new Battery.TradeConfirmed("bess-1-a3", "agg-1", EnergyKwh.ofDouble(6.5), PriceCPerKwh.ofDouble(16.0), AT),
        new Battery.TradeConfirmed("bess-1-a3", "agg-1", EnergyKwh.parse("5.75"), PriceCPerKwh.parse("16.82"), AT,
            new DeliveryPeriod(Instant.parse("2026-11-21T04:00:00Z"), Duration.ofHours(1))),
        new Battery.Registered(SPEC, LIMITS, AT),
        new Battery.Delivered(List.of(new DeliverySchedule.Delivery(new DeliverySchedule.Commitment("bess-1-a3",
            new DeliveryPeriod(Instant.parse("2026-11-21T02:45:00Z"), Duration.ofMinutes(15)),
            DeliverySchedule.Direction.DISCHARGE, EnergyKwh.parse("5.75")), EnergyKwh.parse("5.2"),
            EnergyKwh.parse("5.2"), EnergyKwh.parse("0.55"))), AT),
        new Battery.Delivered(List.of(), AT),
        // a delivery whose trade carries its price (the amount due is delivered x price)
        new Battery.Delivered(List.of(new DeliverySchedule.Delivery(new DeliverySchedule.Commitment("bess-1-a4",
            new DeliveryPeriod(Instant.parse("2026-11-21T02:45:00Z"), Duration.ofMinutes(15)),
            DeliverySchedule.Direction.DISCHARGE, EnergyKwh.parse("4"), Optional.of(PriceCPerKwh.parse("16.82"))),
            EnergyKwh.parse("2.5"), EnergyKwh.parse("2.5"), EnergyKwh.parse("1.5"))), AT),
        new Battery.AuctionEnded(SOLD),
        new Battery.AuctionEnded(FAILED),
        new Battery.HealthChanged(BatteryHealth.BATTERY_HEALTH_CRITICAL, AT),
        new Battery.DeviceFailed("cell over-temperature", AT),
        new Battery.Terminated(AT),
        // battery snapshot state, commands, reply
        BATTERY_STATE,
        EMPTY_BATTERY_STATE,
        new Battery.ReceiveEtp(etp),
        new Battery.ChangeCriteria(CRITERIA, probe.ref().narrow()),
        new Battery.ChangeAuctionRules(RULES, probe.ref().narrow()),
        new Battery.GetStatus(probe.ref().narrow()),
        new Battery.AttachDevice(probe.ref().narrow()),
        new Battery.DetachDevice(probe.ref().narrow()),
        new Battery.BatteryStatus(BATTERY_STATE, SPEC),
        // aggregator events
        new Aggregator.TargetsSet(100, 18.5, 10_000, AT),
        new Aggregator.StrategyChanged(StrategyKind.VALUE_BASED, PARAMS, AT),
        new Aggregator.Paused(AT),
        new Aggregator.Resumed(AT),
        new Aggregator.BidConfirmed("bess-1", "bess-1-a3", EnergyKwh.ofDouble(6.5), PriceCPerKwh.ofDouble(17.25), AT),
        new Aggregator.NegotiationEnded("bess-1", "bess-1-a3", TerminationCode.TERMINATION_CODE_LOST_AUCTION, 17.25, AT),
        // aggregator snapshot state, commands, reply
        AGGREGATOR_STATE,
        Aggregator.State.initial("agg-9", io.etp.aggregator.AggregatorSettings.defaults()),
        new Aggregator.ReceiveEtp(etp),
        new Aggregator.SetTargets(100, 18.5, 10_000, probe.ref().narrow()),
        new Aggregator.ChangeStrategy(StrategyKind.FIXED_INCREMENT, PARAMS, probe.ref().narrow()),
        new Aggregator.Pause(probe.ref().narrow()),
        new Aggregator.Resume(probe.ref().narrow()),
        new Aggregator.GetStatus(probe.ref().narrow()),
        new Aggregator.AttachDevice(probe.ref().narrow()),
        new Aggregator.DetachDevice(probe.ref().narrow()),
        new Aggregator.AggregatorStatus(AGGREGATOR_STATE, 12, 50));
    return all.stream().map(m -> Arguments.of(m.getClass().getSimpleName(), m));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("messages")
  void roundTripsThroughProtobuf(String name, Object message) throws Exception {
    Serialization serialization = SerializationExtension.get(testKit.system());
    var serializer = serialization.findSerializerFor(message);
    int expectedId = message.getClass().getName().startsWith("io.etp.battery")
        ? BatterySerializer.IDENTIFIER : AggregatorSerializer.IDENTIFIER;
    assertEquals(expectedId, serializer.identifier(), name + " must use the ETP protobuf serializer");
    byte[] bytes = serialization.serialize(message).get();
    String manifest = Serializers.manifestFor(serializer, message);
    Object back = serialization.deserialize(bytes, serializer.identifier(), manifest).get();
    assertEquals(message, back);
  }
}
