package io.etp.forecasting;

import static org.junit.jupiter.api.Assertions.*;

import io.etp.forecast.DayAheadForecast;
import io.etp.optimize.FleetDispatcher;
import io.etp.optimize.StorageSpec;
import io.etp.pipeline.DayResult;
import io.etp.pipeline.DecisionPipeline;
import io.etp.pipeline.PipelineBattery;
import io.etp.pipeline.PipelineSettings;
import io.etp.pipeline.SimulatedMarketCurve;
import io.etp.risk.AggregatorLimits;
import io.etp.risk.InMemoryRiskAuditSink;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** The node's pipeline pairs a day's forecast with its real prices when the day closes and keeps the result. */
@ExtendWith(TestKitJUnit5Extension.class)
@ExtendWith(LogCapturingExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PipelineRunnerTest {

  @JUnit5TestKit
  ActorTestKit testKit = new JUnit5TestKitBuilder().build();

  @Test
  void runsTheDayWhenItsPricesAreKnownAndKeepsTheNewestFirst() throws Exception {
    double[] prices = new double[24];
    for (int h = 0; h < 24; h++) prices[h] = h < 6 ? 20 : h >= 17 && h < 21 ? 120 : 60;
    StorageSpec spec = StorageSpec.of(100, 200, 0.95, 0.95).withInitialSoc(100).withEndSocTarget(100);
    try (FleetDispatcher dispatcher = new FleetDispatcher(1)) {
      DecisionPipeline pipeline = new DecisionPipeline(new PipelineSettings(
          List.of(new PipelineBattery("b1", spec, 100)), "agg", new AggregatorLimits(1e9, 1e9, 1e9), -500, 3000, 75,
          new SimulatedMarketCurve(100_000, 1, 5)), dispatcher, new InMemoryRiskAuditSink(), Clock.systemUTC());
      CompletableFuture<ActorRef<ZoneForecaster.Published>> adapter = new CompletableFuture<>();
      ActorRef<PipelineRunner.Command> runner = testKit.spawn(PipelineRunner.create(pipeline,
          testKit.system().executionContext(), 1, adapter::complete));
      ActorRef<ZoneForecaster.Published> published = adapter.get();
      TestProbe<PipelineRunner.Results> results = testKit.createTestProbe();

      List<Double> real = Arrays.stream(prices).boxed().toList();
      LocalDate first = LocalDate.of(2024, 2, 1);
      LocalDate second = LocalDate.of(2024, 2, 2);
      published.tell(new ZoneForecaster.ForecastIssued(
          DayAheadForecast.of("SIM", first, prices, "EUR", "LEAR-21", Instant.EPOCH)));
      published.tell(new ZoneForecaster.DayClosed("SIM", first, real));
      // the second day closes before its forecast arrives (as during the warm-up): it still runs
      published.tell(new ZoneForecaster.DayClosed("SIM", second, real));
      published.tell(new ZoneForecaster.ForecastIssued(
          DayAheadForecast.of("SIM", second, prices, "EUR", "LEAR-21", Instant.EPOCH)));
      // a closed day without a forecast is not run
      published.tell(new ZoneForecaster.DayClosed("SIM", LocalDate.of(2024, 2, 3), real));

      results.awaitAssert(Duration.ofSeconds(10), () -> {
        runner.tell(new PipelineRunner.GetResults(results.ref()));
        List<DayResult> days = results.receiveMessage().days();
        assertEquals(1, days.size(), "keeps one day");
        assertEquals("LEAR-21", days.get(0).model());
        assertEquals(LocalDate.of(2024, 2, 2), days.get(0).day());
        assertTrue(days.get(0).revenue() > 0);
        return null;
      });
    }
  }
}
