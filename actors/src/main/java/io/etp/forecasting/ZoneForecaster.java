package io.etp.forecasting;

import io.etp.forecast.DailyPriceHistory;
import io.etp.forecast.DayAheadForecast;
import io.etp.forecast.InsufficientHistoryException;
import io.etp.forecast.MarketHistory;
import io.etp.forecast.PriceForecaster;
import io.etp.marketdata.PricePoint;
import io.etp.marketdata.WeatherPoint;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.apache.pekko.Done;
import org.apache.pekko.NotUsed;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.UniqueKillSwitch;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/**
 * The forecasting actor of one market zone (a cluster singleton per zone on the node). It consumes the zone's price
 * source, assembles whole days ({@link DailyPriceHistory}) and, each time a day closes, recalibrates its
 * {@link PriceForecaster} on the history and forecasts the next day. The LEAR calibration runs on the blocking executor
 * it is given, never on the actor's thread.
 *
 * <p>Subscribers get every {@link ForecastIssued}, {@link DayClosed} and {@link HourObserved} (the market clock). Nothing
 * is persisted: the history is rebuilt from the source after a restart and forecasts are recomputed.
 */
public final class ZoneForecaster {

  // ---------------------------------------------------------------- commands

  public sealed interface Command {}

  /**
   * Receive everything this forecaster publishes. A new subscriber is first sent the two latest forecasts and the last
   * closed day, so a subscriber that joins after the warm-up can still pair a forecast with its day.
   */
  public record Subscribe(ActorRef<Published> subscriber) implements Command {}

  public record GetLatest(ActorRef<LatestForecast> replyTo) implements Command {}

  /**
   * The weather hours received from the live weather feed (Open-Meteo), latest forecast per hour. Not bound to a
   * serializer: ask the forecaster on the node that runs it (tests, diagnostics). LEAR does not use weather yet.
   */
  public record GetWeather(ActorRef<Weather> replyTo) implements Command {}

  /** Reply to {@link GetWeather}: the hours known, in time order. */
  public record Weather(List<WeatherPoint> hours) {}

  private record WeatherObserved(WeatherPoint point) implements Command {}

  /** Reply to {@link GetLatest}. */
  public record LatestForecast(String zone, Optional<DayAheadForecast> forecast) {}

  private record Observe(PricePoint point, ActorRef<Done> replyTo) implements Command {}

  private record ForecastReady(DayAheadForecast forecast) implements Command {}

  private record ForecastFailed(LocalDate day, Throwable cause) implements Command {}

  private record SourceEnded(Optional<Throwable> failure) implements Command {}

  private record SubscriberGone(ActorRef<Published> subscriber) implements Command {}

  // ---------------------------------------------------------------- published

  /** What subscribers receive. */
  public sealed interface Published {}

  /** A new day-ahead forecast. */
  public record ForecastIssued(DayAheadForecast forecast) implements Published {}

  /** A day's realised prices are complete, currency/MWh. */
  public record DayClosed(String zone, LocalDate day, List<Double> pricesPerMwh) implements Published {}

  /** The market clock: a price for the hour starting at {@code point.start()} was observed. */
  public record HourObserved(PricePoint point) implements Published {}

  /**
   * What a forecaster needs.
   *
   * @param zone      zone it forecasts
   * @param dayZone   time zone in which delivery days start
   * @param currency  currency of the source's prices
   * @param source    a fresh price source per (re)start
   * @param forecaster the model, recalibrated for every forecast
   * @param keepDays  complete days kept as history (the calibration window plus one)
   * @param blocking  where calibrations run
   */
  public record Dependencies(String zone, ZoneId dayZone, String currency,
      Supplier<Source<PricePoint, NotUsed>> source, PriceForecaster forecaster, int keepDays, Executor blocking,
      Supplier<Source<WeatherPoint, NotUsed>> weather) {

    /** Without a weather feed. */
    public Dependencies(String zone, ZoneId dayZone, String currency, Supplier<Source<PricePoint, NotUsed>> source,
        PriceForecaster forecaster, int keepDays, Executor blocking) {
      this(zone, dayZone, currency, source, forecaster, keepDays, blocking, Source::empty);
    }
  }

  /** Weather hours kept (ten days). */
  static final int WEATHER_HOURS_KEPT = 240;

  private static final Duration OBSERVE_TIMEOUT = Duration.ofSeconds(30);

  private final Dependencies deps;
  private final ActorContext<Command> ctx;
  private final DailyPriceHistory history;
  private final List<ActorRef<Published>> subscribers = new ArrayList<>();
  private Optional<DayAheadForecast> latest = Optional.empty();
  /** The forecast before the latest (a subscriber joining late still gets the day that closes next). */
  private Optional<DayAheadForecast> previous = Optional.empty();
  private Optional<DayClosed> lastClosed = Optional.empty();
  /** Calibrations run one after another, so forecasts are issued in day order. */
  private CompletableFuture<?> tail = CompletableFuture.completedFuture(null);
  private Instant marketNow = Instant.EPOCH;
  private final java.util.TreeMap<Instant, WeatherPoint> weather = new java.util.TreeMap<>();

  private ZoneForecaster(Dependencies deps, ActorContext<Command> ctx) {
    this.deps = deps;
    this.ctx = ctx;
    this.history = new DailyPriceHistory(deps.zone(), deps.dayZone(), deps.keepDays());
  }

  public static Behavior<Command> create(Dependencies deps) {
    return Behaviors.setup(ctx -> {
      ZoneForecaster forecaster = new ZoneForecaster(deps, ctx);
      ActorRef<Command> self = ctx.getSelf();
      var system = ctx.getSystem();
      Pair<UniqueKillSwitch, CompletionStage<Done>> stream = deps.source().get()
          .viaMat(KillSwitches.single(), Keep.right())
          .mapAsync(1, p -> AskPattern.<Command, Done>ask(self, r -> new Observe(p, r), OBSERVE_TIMEOUT,
              system.scheduler()))
          .toMat(Sink.ignore(), Keep.both())
          .run(system);
      ctx.pipeToSelf(stream.second(), (ok, failure) -> new SourceEnded(Optional.ofNullable(failure)));
      // weather is small (tens of hours per poll): told to the actor as it comes, stopped with the actor
      deps.weather().get().runWith(Sink.foreach(w -> self.tell(new WeatherObserved(w))),
          org.apache.pekko.stream.Materializer.createMaterializer(ctx));
      return forecaster.running(stream.first());
    });
  }

  private Behavior<Command> running(UniqueKillSwitch kill) {
    return Behaviors.receive(Command.class)
        .onMessage(Observe.class, this::onObserve)
        .onMessage(Subscribe.class, this::onSubscribe)
        .onMessage(SubscriberGone.class, m -> {
          subscribers.remove(m.subscriber());
          return Behaviors.same();
        })
        .onMessage(WeatherObserved.class, m -> {
          weather.put(m.point().time(), m.point());
          while (weather.size() > WEATHER_HOURS_KEPT) weather.pollFirstEntry();
          return Behaviors.same();
        })
        .onMessage(GetWeather.class, m -> {
          m.replyTo().tell(new Weather(List.copyOf(weather.values())));
          return Behaviors.same();
        })
        .onMessage(GetLatest.class, m -> {
          m.replyTo().tell(new LatestForecast(deps.zone(), latest));
          return Behaviors.same();
        })
        .onMessage(ForecastReady.class, m -> {
          if (latest.isPresent() && !m.forecast().deliveryDay().isAfter(latest.get().deliveryDay())) {
            return Behaviors.same();
          }
          previous = latest;
          latest = Optional.of(m.forecast());
          ctx.getLog().info("forecast {} {} by {}: min {} max {} {}/MWh", deps.zone(), m.forecast().deliveryDay(),
              m.forecast().model(), round(min(m.forecast())), round(max(m.forecast())), deps.currency());
          publish(new ForecastIssued(m.forecast()));
          return Behaviors.same();
        })
        .onMessage(ForecastFailed.class, m -> {
          if (m.cause() instanceof InsufficientHistoryException) {
            ctx.getLog().debug("no forecast for {} yet: {}", m.day(), m.cause().getMessage());
          } else {
            ctx.getLog().warn("forecast for {} {} failed: {}", deps.zone(), m.day(), m.cause().toString());
          }
          return Behaviors.same();
        })
        .onMessage(SourceEnded.class, m -> {
          m.failure().ifPresentOrElse(
              f -> ctx.getLog().error("price source of {} failed: {}", deps.zone(), f.toString()),
              () -> ctx.getLog().info("price source of {} ended", deps.zone()));
          return Behaviors.same();
        })
        .onSignal(PostStop.class, s -> {
          kill.shutdown();
          return Behaviors.same();
        })
        .build();
  }

  private Behavior<Command> onSubscribe(Subscribe m) {
    if (!subscribers.contains(m.subscriber())) {
      subscribers.add(m.subscriber());
      ctx.watchWith(m.subscriber(), new SubscriberGone(m.subscriber()));
      previous.ifPresent(f -> m.subscriber().tell(new ForecastIssued(f)));
      lastClosed.ifPresent(m.subscriber()::tell);
      latest.ifPresent(f -> m.subscriber().tell(new ForecastIssued(f)));
    }
    return Behaviors.same();
  }

  private Behavior<Command> onObserve(Observe m) {
    PricePoint p = m.point();
    m.replyTo().tell(Done.getInstance());
    marketNow = p.end();
    publish(new HourObserved(p));
    Optional<LocalDate> closed;
    try {
      closed = history.add(p);
    } catch (IllegalArgumentException e) {
      ctx.getLog().warn("{}: price point ignored: {}", deps.zone(), e.getMessage());
      return Behaviors.same();
    }
    closed.ifPresent(day -> {
      double[] prices = history.dayPrices(day).orElseThrow();
      DayClosed dayClosed = new DayClosed(deps.zone(), day, Arrays.stream(prices).boxed().toList());
      lastClosed = Optional.of(dayClosed);
      publish(dayClosed);
      forecastNextDay(day.plusDays(1));
    });
    return Behaviors.same();
  }

  private void forecastNextDay(LocalDate day) {
    MarketHistory known = history.historyForNextDay();
    Instant issuedAt = marketNow;
    PriceForecaster model = deps.forecaster();
    CompletableFuture<DayAheadForecast> work = tail.handle((ignored, f) -> null).thenApplyAsync(
        ignored -> DayAheadForecast.of(deps.zone(), day, model.forecast(known, day), deps.currency(), model.name(),
            issuedAt),
        deps.blocking());
    tail = work;
    ctx.pipeToSelf(work, (forecast, failure) -> failure == null
        ? new ForecastReady(forecast)
        : new ForecastFailed(day, failure instanceof java.util.concurrent.CompletionException c && c.getCause() != null
            ? c.getCause() : failure));
  }

  private void publish(Published p) {
    for (ActorRef<Published> s : subscribers) s.tell(p);
  }

  private static double min(DayAheadForecast f) {
    return f.pricesPerMwh().stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
  }

  private static double max(DayAheadForecast f) {
    return f.pricesPerMwh().stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
