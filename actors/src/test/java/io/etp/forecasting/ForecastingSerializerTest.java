package io.etp.forecasting;

import static org.junit.jupiter.api.Assertions.*;

import io.etp.forecast.DayAheadForecast;
import io.etp.marketdata.PricePoint;
import io.etp.pipeline.DayResult;
import io.etp.risk.RiskReason;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
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

/**
 * Every message the forecaster and the decision pipeline (cluster singletons) exchange with other nodes round-trips
 * through their protobuf serializer.
 */
@ExtendWith(TestKitJUnit5Extension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ForecastingSerializerTest {

  @JUnit5TestKit
  ActorTestKit testKit = new JUnit5TestKitBuilder().build();

  static final DayAheadForecast FORECAST = new DayAheadForecast("SIM", LocalDate.of(2024, 1, 23),
      IntStream.range(0, 24).mapToObj(h -> 150.25 + h - (h == 3 ? 400 : 0)).toList(), "EUR", "LEAR-21",
      Instant.parse("2024-01-23T00:00:00Z"));

  Stream<Arguments> messages() {
    TestProbe<ZoneForecaster.Published> subscriber = testKit.createTestProbe();
    TestProbe<ZoneForecaster.LatestForecast> replyTo = testKit.createTestProbe();
    TestProbe<PipelineRunner.Results> results = testKit.createTestProbe();
    DayResult day = new DayResult("SIM", LocalDate.of(2024, 1, 22), "LEAR-21", "EUR", 7.5, 20, 1, 430,
        Map.of(RiskReason.BUDGET_EXCEEDED, 3, RiskReason.PRICE_ABOVE_CAP, 1), 812.5, 640.25, -1234.56, 88.1, 91.7);
    DayResult quiet = new DayResult("SIM", LocalDate.of(2024, 1, 21), "LEAR-21", "EUR", 0, 20, 0, 0, Map.of(), 0, 0,
        0, 0, 0);
    List<Object> all = List.of(
        new PipelineRunner.GetResults(results.ref()),
        new PipelineRunner.Results(List.of(day, quiet)),
        new PipelineRunner.Results(List.of()),
        new ZoneForecaster.Subscribe(subscriber.ref()),
        new ZoneForecaster.GetLatest(replyTo.ref()),
        new ZoneForecaster.LatestForecast("SIM", Optional.of(FORECAST)),
        new ZoneForecaster.LatestForecast("SIM", Optional.empty()),
        new ZoneForecaster.ForecastIssued(FORECAST),
        new ZoneForecaster.DayClosed("SIM", LocalDate.of(2024, 1, 22), FORECAST.pricesPerMwh()),
        new ZoneForecaster.HourObserved(new PricePoint("SIM", Instant.parse("2024-01-23T05:00:00Z"),
            Duration.ofHours(1), -12.5, Currency.getInstance("EUR"))));
    return all.stream().map(m -> Arguments.of(m.getClass().getSimpleName(), m));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("messages")
  void roundTripsThroughProtobuf(String name, Object message) throws Exception {
    Serialization serialization = SerializationExtension.get(testKit.system());
    var serializer = serialization.findSerializerFor(message);
    assertEquals(ForecastingSerializer.IDENTIFIER, serializer.identifier(), name + " must use the protobuf serializer");
    byte[] bytes = serialization.serialize(message).get();
    Object back = serialization.deserialize(bytes, serializer.identifier(), Serializers.manifestFor(serializer, message))
        .get();
    assertEquals(message, back);
  }
}
