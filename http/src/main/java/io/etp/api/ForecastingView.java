package io.etp.api;

import io.etp.forecast.DayAheadForecast;
import io.etp.forecasting.Forecasting;
import io.etp.forecasting.PipelineRunner;
import io.etp.forecasting.ZoneForecaster;
import io.etp.pipeline.DayResult;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/** {@link MarketIntelligenceView} over the node's {@link Forecasting} actors (asks with a timeout; a timeout is 503). */
public final class ForecastingView implements MarketIntelligenceView {

  private static final Duration TIMEOUT = Duration.ofSeconds(3);

  private final Forecasting forecasting;
  private final ActorSystem<?> system;

  public ForecastingView(Forecasting forecasting, ActorSystem<?> system) {
    this.forecasting = forecasting;
    this.system = system;
  }

  @Override
  public CompletionStage<Optional<DayAheadForecast>> latestForecast(String zone) {
    if (!forecasting.settings().zone().equals(zone)) return CompletableFuture.completedFuture(Optional.empty());
    return AskPattern.<ZoneForecaster.Command, ZoneForecaster.LatestForecast>ask(forecasting.forecaster(),
        ZoneForecaster.GetLatest::new, TIMEOUT, system.scheduler()).thenApply(ZoneForecaster.LatestForecast::forecast);
  }

  @Override
  public CompletionStage<List<DayResult>> pipelineResults() {
    return AskPattern.<PipelineRunner.Command, PipelineRunner.Results>ask(forecasting.pipeline(),
        PipelineRunner.GetResults::new, TIMEOUT, system.scheduler()).thenApply(PipelineRunner.Results::days);
  }
}
