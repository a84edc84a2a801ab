package io.etp.trading;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.etp.aggregator.Aggregator;
import io.etp.auction.Mechanism;
import io.etp.battery.Battery;
import io.etp.battery.BatterySettings;
import io.etp.money.EnergyKwh;
import io.etp.money.PriceCPerKwh;
import io.etp.protocol.cluster.v1.AggregatorBidConfirmed;
import io.etp.protocol.cluster.v1.AuctionOutcome;
import io.etp.protocol.cluster.v1.BatteryAuctionEnded;
import io.etp.protocol.cluster.v1.BatteryAuctionOpened;
import io.etp.protocol.cluster.v1.BatteryTradeConfirmed;
import io.etp.protocol.cluster.v1.BatteryWinnerChosen;
import io.etp.protocol.v1.TerminationCode;
import java.time.Instant;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Events journaled before the exact decimal fields existed carry only the double fields. They are written here as
 * the old code wrote them (the same protobuf messages with no {@code *_decimal} field set), read back through the
 * serializers recovery uses, and replayed into a twin's state: each double becomes its exact value by the stated
 * rule (shortest decimal, HALF_EVEN at the scale), so an old 16.820000000000007 recovers as 16.82.
 */
@ExtendWith(TestKitJUnit5Extension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LegacyMoneyEventsTest {

  @JUnit5TestKit
  ActorTestKit testKit = new JUnit5TestKitBuilder().build();

  static final Instant AT = Instant.parse("2026-11-21T02:40:00Z");
  static final long NANOS = AT.getEpochSecond() * 1_000_000_000L;

  private Object recover(com.google.protobuf.Message oldFormat, Object sameTypeToday) {
    Serialization serialization = SerializationExtension.get(testKit.system());
    var serializer = serialization.findSerializerFor(sameTypeToday);
    String manifest = Serializers.manifestFor(serializer, sameTypeToday);
    return serialization.deserialize(oldFormat.toByteArray(), serializer.identifier(), manifest).get();
  }

  @Test
  void aBatteryJournalOfDoublesOnlyRecoversExactTradeTerms() {
    PriceCPerKwh p = PriceCPerKwh.parse("1");
    EnergyKwh e = EnergyKwh.parse("1");
    var opened = (Battery.AuctionOpened) recover(
        BatteryAuctionOpened.newBuilder().setAuctionId("bess-1-a1").setLotKwh(6.5).setReservePriceCPerKwh(14.1 + 0.2)
            .setMechanism(io.etp.protocol.cluster.v1.AuctionMechanism.AUCTION_MECHANISM_ASCENDING)
            .setAtUnixNanos(NANOS).setClosesAtUnixNanos(NANOS + 2_000_000_000L).build(),
        new Battery.AuctionOpened("x", e, p, Mechanism.ASCENDING, AT, AT));
    var chosen = (Battery.WinnerChosen) recover(
        BatteryWinnerChosen.newBuilder().setAuctionId("bess-1-a1").setWinnerId("agg-1")
            .setPriceCPerKwh(16.820000000000007).setEnergyKwh(5.75).addBidders("agg-1").setAtUnixNanos(NANOS).build(),
        new Battery.WinnerChosen("x", "y", p, e, List.of(), AT));
    var traded = (Battery.TradeConfirmed) recover(
        BatteryTradeConfirmed.newBuilder().setAuctionId("bess-1-a1").setAggregatorId("agg-1").setEnergyKwh(5.75)
            .setPriceCPerKwh(16.820000000000007).setAtUnixNanos(NANOS).build(),
        new Battery.TradeConfirmed("x", "y", e, p, AT));
    var ended = (Battery.AuctionEnded) recover(
        BatteryAuctionEnded.newBuilder().setOutcome(AuctionOutcome.newBuilder().setAuctionId("bess-1-a1")
            .setBatteryId("bess-1").setMechanism(io.etp.protocol.cluster.v1.AuctionMechanism.AUCTION_MECHANISM_ASCENDING)
            .setLotKwh(6.5).setReservePriceCPerKwh(14.1 + 0.2).setWinnerId("agg-1")
            .setClearingPriceCPerKwh(16.820000000000007).setEnergyKwh(5.75).addBidders("agg-1")
            .setEndedWith(TerminationCode.TERMINATION_CODE_COMPLETED).setEndedAtUnixNanos(NANOS)).build(),
        new Battery.AuctionEnded(new io.etp.auction.AuctionOutcome("x", "y", Mechanism.ASCENDING, e, p,
            java.util.Optional.empty(), p, e, List.of(), 0, TerminationCode.TERMINATION_CODE_COMPLETED, AT)));

    assertEquals(PriceCPerKwh.parse("14.3"), opened.reservePriceCPerKwh()); // 14.299999999999999 in the double
    assertEquals(EnergyKwh.parse("6.5"), opened.lotKwh());
    assertEquals(PriceCPerKwh.parse("16.82"), chosen.priceCPerKwh());
    assertEquals(PriceCPerKwh.parse("16.82"), traded.priceCPerKwh());
    assertEquals(EnergyKwh.parse("5.75"), traded.energyKwh());
    assertEquals(PriceCPerKwh.parse("16.82"), ended.outcome().clearingPriceCPerKwh());
    assertEquals(PriceCPerKwh.parse("14.3"), ended.outcome().reservePriceCPerKwh());
    assertEquals(EnergyKwh.parse("5.75"), ended.outcome().energyKwh());

    // replayed as recovery does: the twin's state holds the exact terms
    Battery.State state = Battery.State.initial("bess-1", BatterySettings.defaults());
    for (Battery.Event event : List.of(opened, chosen, traded, ended)) state = state.apply(event);
    var last = state.lastOutcome().orElseThrow();
    assertEquals("16.8200", last.clearingPriceCPerKwh().toString());
    assertEquals("5.750", last.energyKwh().toString());
    assertEquals(5.75, state.soldKwh());
  }

  @Test
  void anAggregatorBidConfirmedOfDoublesOnlyRecoversExactTerms() {
    var confirmed = (Aggregator.BidConfirmed) recover(
        AggregatorBidConfirmed.newBuilder().setBatteryId("bess-1").setAuctionId("bess-1-a1").setEnergyKwh(0.1 + 0.2)
            .setPriceCPerKwh(16.820000000000007).setAtUnixNanos(NANOS).build(),
        new Aggregator.BidConfirmed("b", "a", EnergyKwh.ZERO, PriceCPerKwh.ZERO, AT));
    assertEquals(EnergyKwh.parse("0.3"), confirmed.energyKwh());
    assertEquals(PriceCPerKwh.parse("16.82"), confirmed.priceCPerKwh());
  }

  @Test
  void newEventsCarryTheExactDecimalNextToTheDoubleForOlderReaders() throws Exception {
    Serialization serialization = SerializationExtension.get(testKit.system());
    var event = new Battery.TradeConfirmed("bess-1-a1", "agg-1", EnergyKwh.parse("5.75"), PriceCPerKwh.parse("16.82"),
        AT);
    BatteryTradeConfirmed wire = BatteryTradeConfirmed.parseFrom(serialization.serialize(event).get());
    assertEquals("16.8200", wire.getPriceCPerKwhDecimal());
    assertEquals("5.750", wire.getEnergyKwhDecimal());
    assertEquals(16.82, wire.getPriceCPerKwh());
    assertEquals(5.75, wire.getEnergyKwh());
  }
}
