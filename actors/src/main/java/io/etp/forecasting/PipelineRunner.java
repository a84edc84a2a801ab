package io.etp.forecasting;

import io.etp.forecast.DayAheadForecast;
import io.etp.pipeline.DayResult;
import io.etp.pipeline.DecisionPipeline;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link DecisionPipeline} inside the node on simulated time: a subscriber of the zone's
 * {@link ZoneForecaster}, it pairs each day's forecast with that day's real prices when the day closes, runs optimise
 * -&gt; risk -&gt; bids -&gt; clearing on the blocking executor, logs one line per day on
 * {@code io.etp.pipeline.results} and keeps the latest days for REST. Nothing persisted: results are recomputable.
 */
public final class PipelineRunner {

  /** One readable line per simulated day is logged here. */
  public static final Logger RESULTS = LoggerFactory.getLogger("io.etp.pipeline.results");

  public sealed interface Command {}

  public record GetResults(ActorRef<Results> replyTo) implements Command {}

  /** Reply to {@link GetResults}: the latest days, newest first. */
  public record Results(List<DayResult> days) {}

  private record Forecaster(ZoneForecaster.Published published) implements Command {}

  private record DayDone(DayResult result) implements Command {}

  private record DayFailed(LocalDate day, Throwable cause) implements Command {}

  private final DecisionPipeline pipeline;
  private final Executor blocking;
  private final int keep;
  private final ActorContext<Command> ctx;
  private final Map<LocalDate, DayAheadForecast> forecasts = new HashMap<>();
  private final Map<LocalDate, double[]> actuals = new HashMap<>();
  private final TreeMap<LocalDate, DayResult> results = new TreeMap<>();
  /** Days run one after another, in the order they closed. */
  private CompletableFuture<?> tail = CompletableFuture.completedFuture(null);

  private PipelineRunner(DecisionPipeline pipeline, Executor blocking, int keep, ActorContext<Command> ctx) {
    this.pipeline = pipeline;
    this.blocking = blocking;
    this.keep = keep;
    this.ctx = ctx;
  }

  /**
   * @param keep      how many days of results to keep
   * @param subscribe hands the runner's forecast adapter to the forecaster
   */
  public static Behavior<Command> create(DecisionPipeline pipeline, Executor blocking, int keep,
      Consumer<ActorRef<ZoneForecaster.Published>> subscribe) {
    return Behaviors.setup(ctx -> {
      subscribe.accept(ctx.messageAdapter(ZoneForecaster.Published.class, Forecaster::new));
      return new PipelineRunner(pipeline, blocking, keep, ctx).behavior();
    });
  }

  private Behavior<Command> behavior() {
    return Behaviors.receive(Command.class)
        .onMessage(Forecaster.class, m -> onPublished(m.published()))
        .onMessage(DayDone.class, m -> {
          RESULTS.info(m.result().summaryLine());
          results.put(m.result().day(), m.result());
          while (results.size() > keep) results.pollFirstEntry();
          return Behaviors.same();
        })
        .onMessage(DayFailed.class, m -> {
          ctx.getLog().warn("pipeline day {} failed: {}", m.day(), m.cause().toString());
          return Behaviors.same();
        })
        .onMessage(GetResults.class, m -> {
          m.replyTo().tell(new Results(List.copyOf(results.descendingMap().values())));
          return Behaviors.same();
        })
        .build();
  }

  private Behavior<Command> onPublished(ZoneForecaster.Published p) {
    if (p instanceof ZoneForecaster.ForecastIssued issued) {
      forecasts.put(issued.forecast().deliveryDay(), issued.forecast());
      runIfComplete(issued.forecast().deliveryDay());
    } else if (p instanceof ZoneForecaster.DayClosed closed) {
      actuals.put(closed.day(), closed.pricesPerMwh().stream().mapToDouble(Double::doubleValue).toArray());
      runIfComplete(closed.day());
      // a day is run once both its forecast and its prices are known, in either order (during the warm-up a day can
      // close before its forecast is computed); older halves are dropped
      forecasts.keySet().removeIf(d -> d.isBefore(closed.day().minusDays(1)));
      actuals.keySet().removeIf(d -> d.isBefore(closed.day().minusDays(1)));
    }
    return Behaviors.same();
  }

  private void runIfComplete(LocalDate day) {
    if (!forecasts.containsKey(day) || !actuals.containsKey(day)) return;
    DayAheadForecast forecast = forecasts.remove(day);
    double[] actual = actuals.remove(day);
    CompletableFuture<DayResult> work = tail.handle((ignored, f) -> null).thenApplyAsync(ignored -> {
      try {
        return pipeline.run(forecast, actual);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }, blocking);
    tail = work;
    ctx.pipeToSelf(work, (r, f) -> f == null ? new DayDone(r) : new DayFailed(day, f));
  }
}
