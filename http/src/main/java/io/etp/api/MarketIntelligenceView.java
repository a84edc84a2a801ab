package io.etp.api;

import io.etp.forecast.DayAheadForecast;
import io.etp.pipeline.DayResult;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** What {@link MarketIntelligenceRoutes} reads from the node's forecasting and decision pipeline. */
public interface MarketIntelligenceView {

  /** The latest day-ahead forecast of a zone; empty for an unknown zone or before the first forecast. */
  CompletionStage<Optional<DayAheadForecast>> latestForecast(String zone);

  /** The latest days of the decision pipeline, newest first. */
  CompletionStage<List<DayResult>> pipelineResults();
}
