package io.etp.forecasting;

import io.etp.aggregator.PriceSignal;
import io.etp.forecast.LearForecaster;
import io.etp.marketdata.EpfReplaySettings;
import io.etp.marketdata.EpfReplaySource;
import io.etp.marketdata.IngestReport;
import io.etp.marketdata.PricePoint;
import io.etp.marketdata.ReplaySpeed;
import io.etp.marketdata.SyntheticPriceSettings;
import io.etp.marketdata.SyntheticPriceSource;
import io.etp.marketfeed.LiveMarketData;
import io.etp.optimize.FleetDispatcher;
import io.etp.pipeline.DecisionPipeline;
import io.etp.pipeline.PipelineSettings;
import io.etp.trading.TradingCore;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import java.time.Duration;
import java.util.Currency;
import java.util.concurrent.Executor;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.typed.ClusterSingleton;
import org.apache.pekko.cluster.typed.SingletonActor;
import org.apache.pekko.stream.javadsl.Source;

/**
 * Starts market intelligence on a node: the zone's {@link ZoneForecaster}, the {@link ReserveFollower} and the
 * {@link PipelineRunner} (the decision pipeline on simulated time; its risk rejections go to the trading core's risk
 * audit) as cluster singletons, each running once per cluster whatever the number of nodes (every node starts the
 * same singletons and gets a proxy); and this node's {@link ForecastPriceSignal} feeder, which every node needs for
 * its own aggregators.
 *
 * <p>The price signal must exist before the trading core starts (aggregators get it as a dependency): create it with
 * {@link #priceSignal(ForecastingSettings, PriceSignal)}, start the core with it, then call {@link #start}.
 */
public final class Forecasting {

  /** The cluster singleton name of the {@link ReserveFollower}. */
  public static final String RESERVE_FOLLOWER = "etp-reserve-follower";

  /** The cluster singleton name of the {@link PipelineRunner}. */
  public static final String PIPELINE = "etp-pipeline";

  private final ActorRef<ZoneForecaster.Command> forecaster;
  private final ActorRef<PipelineRunner.Command> pipeline;
  private final ForecastingSettings settings;

  private Forecasting(ActorRef<ZoneForecaster.Command> forecaster, ActorRef<PipelineRunner.Command> pipeline,
      ForecastingSettings settings) {
    this.forecaster = forecaster;
    this.pipeline = pipeline;
    this.settings = settings;
  }

  /** The signal aggregators use: forecast-fed, the configured signal until the first forecast. */
  public static ForecastPriceSignal priceSignal(ForecastingSettings settings, PriceSignal configured) {
    return new ForecastPriceSignal(configured, settings.dayZone());
  }

  public static Forecasting start(ActorSystem<?> system, ForecastingSettings settings, TradingCore core,
      ForecastPriceSignal signal) {
    return start(system, settings, core, signal, LiveMarketData.NONE);
  }

  /**
   * As {@link #start(ActorSystem, ForecastingSettings, TradingCore, ForecastPriceSignal)}; with live ENTSO-E prices
   * configured they are the forecaster's source instead of the synthetic market or the replay, and live weather is
   * fed to it too. Both are polled by the forecaster singleton, so once per cluster.
   */
  public static Forecasting start(ActorSystem<?> system, ForecastingSettings settings, TradingCore core,
      ForecastPriceSignal signal, LiveMarketData live) {
    Executor blocking = system.dispatchers().lookup(DispatcherSelector.blocking());
    var deps = new ZoneForecaster.Dependencies(settings.zone(), settings.dayZone(), settings.currency(),
        live.prices().orElse(() -> source(settings)), new LearForecaster(settings.windowDays()),
        settings.windowDays() + 1, blocking, live.weather().orElse(Source::empty));
    ActorRef<ZoneForecaster.Command> forecaster = ClusterSingleton.get(system).init(SingletonActor.of(
        Behaviors.supervise(ZoneForecaster.create(deps)).onFailure(SupervisorStrategy.restart()),
        "etp-forecaster-" + settings.zone()));
    ActorRef<ZoneForecaster.Published> feeder = system.systemActorOf(signal.feeder(), "etp-forecast-signal",
        org.apache.pekko.actor.typed.Props.empty());
    forecaster.tell(new ZoneForecaster.Subscribe(feeder));
    var reserve = new ReserveFollower.Dependencies(core::battery, core.directory(),
        new DynamicReserve(settings.roundTripEfficiency(), settings.reserveMinChangeCPerKwh()),
        core.batterySettings().criteria().reservePriceCPerKwh(), settings.dayZone());
    ClusterSingleton.get(system).init(SingletonActor.of(Behaviors.supervise(
            ReserveFollower.create(reserve, ref -> forecaster.tell(new ZoneForecaster.Subscribe(ref))))
        .onFailure(SupervisorStrategy.restart()), RESERVE_FOLLOWER));

    FleetDispatcher dispatcher = new FleetDispatcher(1);
    CoordinatedShutdown.get(system).addTask(CoordinatedShutdown.PhaseServiceStop(), "etp-pipeline-solver", () -> {
      dispatcher.close();
      return CompletableFuture.completedFuture(Done.getInstance());
    });
    DecisionPipeline decisions = new DecisionPipeline(PipelineSettings.defaults(settings.pipelineBatteries()),
        dispatcher, core.riskAudit(), Clock.systemUTC());
    ActorRef<PipelineRunner.Command> pipeline = ClusterSingleton.get(system).init(SingletonActor.of(
        Behaviors.supervise(PipelineRunner.create(decisions, blocking, settings.pipelineKeepDays(),
            ref -> forecaster.tell(new ZoneForecaster.Subscribe(ref)))).onFailure(SupervisorStrategy.restart()),
        PIPELINE));
    return new Forecasting(forecaster, pipeline, settings);
  }

  /** The cluster's decision pipeline (singleton proxy; latest results). */
  public ActorRef<PipelineRunner.Command> pipeline() {
    return pipeline;
  }

  /** The zone's forecaster (singleton proxy). */
  public ActorRef<ZoneForecaster.Command> forecaster() {
    return forecaster;
  }

  public ForecastingSettings settings() {
    return settings;
  }

  /**
   * The configured source: {@code warmUpDays} emitted at once, then paced at {@code marketSpeed}. The synthetic paced
   * part continues the market calendar after the warm-up with the next seed (a new, equally deterministic series).
   */
  static Source<PricePoint, NotUsed> source(ForecastingSettings s) {
    int warmUpHours = s.warmUpDays() * 24;
    ReplaySpeed paced = ReplaySpeed.accelerated(s.marketSpeed());
    if (s.epfFile().isPresent()) {
      var replay = new EpfReplaySettings(s.zone(), Currency.getInstance(s.currency()), s.dayZone(),
          ReplaySpeed.asFastAsPossible());
      Source<PricePoint, NotUsed> all = EpfReplaySource.fromFile(s.epfFile().get(), replay, new IngestReport());
      Source<PricePoint, NotUsed> warm = all.take(warmUpHours);
      Source<PricePoint, NotUsed> rest = EpfReplaySource.fromFile(s.epfFile().get(), replay.withSpeed(paced),
          new IngestReport()).drop(warmUpHours);
      return warm.concat(rest);
    }
    SyntheticPriceSettings d = SyntheticPriceSettings.defaults();
    SyntheticPriceSettings synthetic = new SyntheticPriceSettings(s.zone(), Currency.getInstance(s.currency()),
        d.firstIntervalStart(), d.resolution(), s.dayZone(), s.syntheticBasePricePerMwh(),
        s.syntheticAmplitudePerMwh(), d.weekendDiscountFraction(), d.noiseSigmaPerMwh(), d.noisePersistence(),
        d.spikeProbability(), d.spikePerMwh(), d.negativeProbability(), d.negativeFloorPerMwh(), s.syntheticSeed());
    Source<PricePoint, NotUsed> warm = SyntheticPriceSource.create(synthetic, ReplaySpeed.asFastAsPossible())
        .take(warmUpHours);
    Source<PricePoint, NotUsed> rest = SyntheticPriceSource.create(synthetic.withSeed(s.syntheticSeed() + 1)
        .withFirstIntervalStart(d.firstIntervalStart().plus(Duration.ofDays(s.warmUpDays()))), paced);
    return warm.concat(rest);
  }
}
