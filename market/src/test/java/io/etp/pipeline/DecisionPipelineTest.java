package io.etp.pipeline;

import static org.junit.jupiter.api.Assertions.*;

import io.etp.forecast.DayAheadForecast;
import io.etp.forecast.LearForecaster;
import io.etp.forecast.MarketHistory;
import io.etp.optimize.DispatchProblem;
import io.etp.optimize.FleetDispatcher;
import io.etp.optimize.StorageDispatchOptimizer;
import io.etp.optimize.StorageSpec;
import io.etp.risk.AggregatorLimits;
import io.etp.risk.InMemoryRiskAuditSink;
import io.etp.risk.RiskReason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.stream.javadsl.Sink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DecisionPipelineTest {

  static final LocalDate DAY = LocalDate.of(2024, 3, 5);
  static final SimulatedMarketCurve DEEP = new SimulatedMarketCurve(100_000, 1, 5);
  static final AggregatorLimits LOOSE = new AggregatorLimits(1e9, 1e9, 1e9);
  /** Cheap night, expensive evening. */
  static final double[] PRICES = {30, 28, 25, 24, 26, 35, 60, 80, 75, 60, 50, 45, 40, 42, 48, 55, 70, 95, 110, 100,
      80, 60, 45, 35};

  FleetDispatcher dispatcher;

  @BeforeAll
  void start() {
    dispatcher = new FleetDispatcher(1);
  }

  @AfterAll
  void stop() {
    dispatcher.close();
  }

  static PipelineBattery battery(String id, double soh) {
    StorageSpec spec = StorageSpec.of(100, 200, 0.95, 0.95).withInitialSoc(100).withEndSocTarget(100);
    return new PipelineBattery(id, spec, soh);
  }

  static DayAheadForecast forecast(double[] prices) {
    return DayAheadForecast.of("T", DAY, prices, "EUR", "perfect", Instant.EPOCH);
  }

  DecisionPipeline pipeline(List<PipelineBattery> fleet, AggregatorLimits limits, InMemoryRiskAuditSink audit) {
    return new DecisionPipeline(new PipelineSettings(fleet, "agg", limits, -500, 3000, 75, DEEP), dispatcher, audit,
        Clock.systemUTC());
  }

  @Test
  void withAPerfectForecastAndADeepMarketTheFleetEarnsAboutItsScheduledRevenue() throws Exception {
    PipelineBattery b = battery("b1", 100);
    DayResult r = pipeline(List.of(b), LOOSE, new InMemoryRiskAuditSink()).run(forecast(PRICES), PRICES);
    double scheduled = new StorageDispatchOptimizer().optimise(DispatchProblem.of(b.storage(), Duration.ofHours(1),
        Arrays.stream(PRICES).boxed().toList())).marketRevenue();
    assertTrue(scheduled > 0);
    // a bid whose limit equals the real price is marginal and filled pro rata with the market's step at that price,
    // so the fills can differ from the schedule in those periods, by a few percent at most here
    assertEquals(scheduled, r.revenue(), 0.05 * scheduled);
    assertEquals(r.meanRealPerMwh(), r.meanClearingPerMwh(), 1e-9, "a deep market is not moved by one battery");
    assertEquals(0, r.bidsRejected());
    assertEquals(0.0, r.forecastMaePerMwh(), 1e-12);
    assertTrue(r.soldKwh() > 0 && r.boughtKwh() > 0);
  }

  @Test
  void bidsOfADegradedBatteryAreRejectedAndAudited() throws Exception {
    InMemoryRiskAuditSink audit = new InMemoryRiskAuditSink();
    DayResult r = pipeline(List.of(battery("ok", 100), battery("worn", 60)), LOOSE, audit)
        .run(forecast(PRICES), PRICES);
    int rejected = r.rejectedByReason().getOrDefault(RiskReason.DEVICE_UNHEALTHY, 0);
    assertTrue(rejected > 0);
    assertEquals(rejected, r.bidsRejected());
    assertEquals(rejected, audit.rejections().size());
    assertTrue(audit.rejections().stream().allMatch(x -> x.order().deviceId().equals("worn")));
  }

  @Test
  void aTightExposureLimitStopsBidsOnceReached() throws Exception {
    DayResult loose = pipeline(List.of(battery("b1", 100), battery("b2", 100)), LOOSE, new InMemoryRiskAuditSink())
        .run(forecast(PRICES), PRICES);
    DayResult tight = pipeline(List.of(battery("b1", 100), battery("b2", 100)), new AggregatorLimits(1e9, 10, 1e9),
        new InMemoryRiskAuditSink()).run(forecast(PRICES), PRICES);
    assertTrue(tight.rejectedByReason().getOrDefault(RiskReason.EXPOSURE_LIMIT_EXCEEDED, 0) > 0);
    assertTrue(tight.bidsSubmitted() < loose.bidsSubmitted());
    assertTrue(tight.clearedKwh() < loose.clearedKwh());
  }

  @Test
  void aWrongForecastIsScoredAgainstTheRealPrices() throws Exception {
    double[] flatForecast = new double[24];
    Arrays.fill(flatForecast, 50);
    DayResult r = pipeline(List.of(battery("b1", 100)), LOOSE, new InMemoryRiskAuditSink())
        .run(forecast(flatForecast), PRICES);
    double mae = Arrays.stream(PRICES).map(p -> Math.abs(p - 50)).average().orElseThrow();
    assertEquals(mae, r.forecastMaePerMwh(), 1e-9);
    assertEquals(Arrays.stream(PRICES).average().orElseThrow(), r.meanRealPerMwh(), 1e-9);
  }

  @Test
  void theStreamRunsEachDayInOrderWithALearForecast() throws Exception {
    MarketHistory history = PipelineCommand.synthetic(12);
    ActorSystem system = ActorSystem.create("pipeline-test");
    try {
      List<DayResult> results = pipeline(List.of(battery("b1", 100)), LOOSE, new InMemoryRiskAuditSink())
          .days(new LearForecaster(9), history, history.firstDay().plusDays(10), 2, "EUR")
          .runWith(Sink.seq(), system).toCompletableFuture().get();
      assertEquals(List.of(history.firstDay().plusDays(10), history.firstDay().plusDays(11)),
          results.stream().map(DayResult::day).toList());
      assertTrue(results.stream().allMatch(r -> r.model().equals("LEAR-9") && r.forecastMaePerMwh() > 0));
    } finally {
      system.terminate();
    }
  }
}
