package io.etp.forecasting;

import static org.junit.jupiter.api.Assertions.*;

import com.typesafe.config.ConfigFactory;
import io.etp.aggregator.PriceSignal;
import io.etp.battery.Battery;
import io.etp.battery.BatteryDirectory;
import io.etp.battery.BatterySettings;
import io.etp.battery.InMemoryBidAuditSink;
import io.etp.forecast.DayAheadForecast;
import io.etp.forecast.LearForecaster;
import io.etp.marketdata.PricePoint;
import io.etp.marketdata.SyntheticPriceModel;
import io.etp.marketdata.SyntheticPriceSettings;
import io.etp.protocol.v1.EtpMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.Set;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.pubsub.Topic;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.apache.pekko.stream.OverflowStrategy;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.stream.javadsl.SourceQueueWithComplete;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The forecaster with a price source the test feeds hour by hour, a real battery twin and the node's price signal: when
 * the forecast for the next day arrives, the aggregators' signal and the battery's reserve follow it.
 */
@ExtendWith(TestKitJUnit5Extension.class)
@ExtendWith(LogCapturingExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ZoneForecasterTest {

  @JUnit5TestKit
  ActorTestKit testKit = new JUnit5TestKitBuilder()
      .withCustomConfig(ConfigFactory.parseString("pekko.loglevel = INFO")
          .withFallback(EventSourcedBehaviorTestKit.config()))
      .build();

  /** The node's default synthetic market: 160 +/- 20 EUR/MWh. */
  static final SyntheticPriceSettings MARKET = new SyntheticPriceSettings("SIM", Currency.getInstance("EUR"),
      SyntheticPriceSettings.defaults().firstIntervalStart(), Duration.ofHours(1), ZoneOffset.UTC, 160, 40, 0.15, 6,
      0.7, 0.005, 250, 0.02, -40, 42);

  @Test
  void aForecastMovesTheAggregatorsSignalAndABatterysReserve() throws Exception {
    Pair<SourceQueueWithComplete<PricePoint>, Source<PricePoint, NotUsed>> feed =
        Source.<PricePoint>queue(1000, OverflowStrategy.backpressure()).preMaterialize(testKit.system());
    SourceQueueWithComplete<PricePoint> queue = feed.first();

    BatterySettings batterySettings = BatterySettings.fromConfig(testKit.system().settings().config().getConfig("etp"));
    TestProbe<BatteryDirectory.Command> batteryDirectory = testKit.createTestProbe();
    TestProbe<Topic.Command<EtpMessage>> telemetry = testKit.createTestProbe();
    ActorRef<Battery.Command> battery = testKit.spawn(Battery.create("bess-fc-1", new Battery.Dependencies(
        batterySettings, Clock.systemUTC(), m -> { }, new InMemoryBidAuditSink(100), batteryDirectory.ref(),
        telemetry.ref())));

    var deps = new ZoneForecaster.Dependencies("SIM", ZoneOffset.UTC, "EUR", () -> feed.second(),
        new LearForecaster(9), 10, testKit.system().executionContext());
    ActorRef<ZoneForecaster.Command> forecaster = testKit.spawn(ZoneForecaster.create(deps));

    ForecastPriceSignal signal = new ForecastPriceSignal(new PriceSignal.Configured(17.0, 0.0), ZoneOffset.UTC);
    forecaster.tell(new ZoneForecaster.Subscribe(testKit.spawn(signal.feeder())));
    TestProbe<BatteryDirectory.Command> followerDirectory = testKit.createTestProbe();
    DynamicReserve rule = new DynamicReserve(0.85, 0.25);
    double floor = batterySettings.criteria().reservePriceCPerKwh();
    // a legacy device's twin keeps the device's own reserve: the follower must not even ask it
    TestProbe<Battery.Command> legacyTwin = testKit.createTestProbe();
    testKit.spawn(ReserveFollower.create(new ReserveFollower.Dependencies(
        id -> id.startsWith(ReserveFollower.DEVICE_PRICED_PREFIX) ? legacyTwin.ref() : battery,
        followerDirectory.ref(), rule, floor, ZoneOffset.UTC),
        ref -> forecaster.tell(new ZoneForecaster.Subscribe(ref))));
    followerDirectory.expectMessageClass(BatteryDirectory.Subscribe.class).subscriber()
        .tell(new BatteryDirectory.Listing(Set.of("bess-fc-1", "bess-legacy-fc-2")));
    TestProbe<ZoneForecaster.Published> published = testKit.createTestProbe();
    forecaster.tell(new ZoneForecaster.Subscribe(published.ref()));

    SyntheticPriceModel prices = new SyntheticPriceModel(MARKET);
    for (int hour = 0; hour < 9 * 24; hour++) queue.offer(prices.next());

    DayAheadForecast forecast = published.fishForMessage(Duration.ofSeconds(30), m ->
        m instanceof ZoneForecaster.ForecastIssued ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore())
        .stream().map(m -> ((ZoneForecaster.ForecastIssued) m).forecast()).findFirst().orElseThrow();
    assertEquals(LocalDate.of(2024, 1, 10), forecast.deliveryDay());
    assertEquals("LEAR-9", forecast.model());
    assertEquals(17.0, signal.expectedPriceCPerKwh(java.time.Instant.now()), "no forecast for the market hour yet");

    queue.offer(prices.next()); // 2024-01-10 00:00: the forecast day begins
    double expectedReserve = rule.reserveCPerKwh(forecast, 0, floor);
    assertTrue(expectedReserve > floor, "the synthetic peaks are worth more than the configured reserve");
    TestProbe<Battery.BatteryStatus> status = testKit.createTestProbe();
    status.awaitAssert(Duration.ofSeconds(10), () -> {
      assertEquals(forecast.priceCPerKwh(0), signal.expectedPriceCPerKwh(java.time.Instant.now()), 1e-9);
      battery.tell(new Battery.GetStatus(status.ref()));
      assertEquals(expectedReserve, status.receiveMessage().state().criteria().reservePriceCPerKwh(), 1e-9);
      return null;
    });

    legacyTwin.expectNoMessage(Duration.ofMillis(200));

    TestProbe<ZoneForecaster.LatestForecast> latest = testKit.createTestProbe();
    forecaster.tell(new ZoneForecaster.GetLatest(latest.ref()));
    assertEquals(forecast, latest.receiveMessage().forecast().orElseThrow());
    queue.complete();
  }
}
