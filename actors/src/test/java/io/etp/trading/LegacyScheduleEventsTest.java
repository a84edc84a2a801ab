package io.etp.trading;

import static org.junit.jupiter.api.Assertions.*;

import io.etp.battery.Battery;
import io.etp.battery.BatteryProtoMapper;
import io.etp.battery.BatterySettings;
import io.etp.battery.BatterySpec;
import io.etp.battery.DeliveryPeriod;
import io.etp.battery.StorageSettings;
import io.etp.money.EnergyKwh;
import io.etp.money.PriceCPerKwh;
import io.etp.protocol.cluster.v1.BatteryRegistered;
import io.etp.protocol.cluster.v1.BatteryTradeConfirmed;
import io.etp.protocol.v1.BatteryHealth;
import java.time.Duration;
import java.time.Instant;
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
 * Battery events and snapshots journaled before the schedule existed (no storage limits, no delivery period, no
 * schedule in the snapshot) are written as the old code wrote them, read back through the serializers recovery
 * uses, and replayed: a registration gets the default storage settings' limits, a trade the next 15-minute period
 * after it was confirmed, and the energy recovers as before (15 kWh registered, 5.75 kWh sold: 9.25 kWh).
 */
@ExtendWith(TestKitJUnit5Extension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LegacyScheduleEventsTest {

  @JUnit5TestKit
  ActorTestKit testKit = new JUnit5TestKitBuilder().build();

  static final Instant AT = Instant.parse("2026-11-21T02:40:07Z");
  static final long NANOS = AT.getEpochSecond() * 1_000_000_000L;
  static final io.etp.protocol.cluster.v1.BatterySpec SPEC = io.etp.protocol.cluster.v1.BatterySpec.newBuilder()
      .setCapacityKwh(15).setRemainingKwh(15).setPercentageForSale(100)
      .setHealth(BatteryHealth.BATTERY_HEALTH_GOOD).setVoltageV(400).build();

  private Object recover(com.google.protobuf.Message oldFormat, Object sameTypeToday) {
    Serialization serialization = SerializationExtension.get(testKit.system());
    var serializer = serialization.findSerializerFor(sameTypeToday);
    String manifest = Serializers.manifestFor(serializer, sameTypeToday);
    return serialization.deserialize(oldFormat.toByteArray(), serializer.identifier(), manifest).get();
  }

  @Test
  void anOldJournalRecoversWithDefaultLimitsAndTheNextPeriodRule() {
    BatterySpec spec = BatteryProtoMapper.fromProto(SPEC);
    var registered = (Battery.Registered) recover(
        BatteryRegistered.newBuilder().setSpec(SPEC).setAtUnixNanos(NANOS).build(), new Battery.Registered(spec, AT));
    var traded = (Battery.TradeConfirmed) recover(
        BatteryTradeConfirmed.newBuilder().setAuctionId("bess-1-a1").setAggregatorId("agg-1").setEnergyKwh(5.75)
            .setPriceCPerKwh(16.82).setAtUnixNanos(NANOS).build(),
        new Battery.TradeConfirmed("x", "y", EnergyKwh.ZERO, PriceCPerKwh.ZERO, AT));

    assertEquals(StorageSettings.DEFAULTS.limitsFor(spec), registered.limits());
    assertEquals(new DeliveryPeriod(Instant.parse("2026-11-21T02:45:00Z"), Duration.ofMinutes(15)), traded.period());

    Battery.State state = Battery.State.initial("bess-1", BatterySettings.defaults());
    state = state.apply(registered).apply(traded);
    assertEquals(9.25, state.spec().remainingKwh());
    assertEquals(EnergyKwh.parse("9.25"), state.schedule().plannedFinalKwh());
    assertEquals(traded.commitment(), state.schedule().pending().get(0));
  }

  @Test
  void anOldSnapshotRecoversItsScheduleFromTheRemainingEnergy() {
    Battery.State today = Battery.State.initial("bess-1", BatterySettings.defaults())
        .apply(new Battery.Registered(BatteryProtoMapper.fromProto(SPEC), AT))
        .apply(new Battery.TradeConfirmed("bess-1-a1", "agg-1", EnergyKwh.parse("5.75"), PriceCPerKwh.parse("16.82"),
            AT));
    // the snapshot as the old code wrote it: no schedule field
    var old = BatteryProtoMapper.toProto(today).toBuilder().clearSchedule().build();
    var recovered = (Battery.State) recover(old, today);
    assertEquals(today.spec(), recovered.spec());
    assertEquals(EnergyKwh.parse("9.25"), recovered.schedule().measuredKwh());
    assertTrue(recovered.schedule().pending().isEmpty(), "the old snapshot's trades are already in its energy");
    assertEquals(EnergyKwh.parse("9.25"), recovered.schedule().plannedFinalKwh());
  }
}
