package io.etp.marketfeed;

import io.etp.marketdata.DemandResponseEvent;
import io.etp.marketdata.EntsoeDayAheadClient;
import io.etp.marketdata.IngestReport;
import io.etp.marketdata.OpenAdrClient;
import io.etp.marketdata.OpenMeteoClient;
import io.etp.marketdata.PriceValidation;
import io.etp.marketdata.PricePoint;
import io.etp.marketdata.RemoteFeeds;
import io.etp.marketdata.ResilientPolling;
import io.etp.marketdata.WeatherPoint;
import io.etp.marketdata.HourlyPrices;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.stream.javadsl.Source;

/**
 * The node's live feeds, built from {@link LiveMarketDataSettings}: each a {@link ResilientPolling} (its own circuit
 * breaker and backoff) whose polls are reported to the {@link FeedBoard}. Building them starts nothing: each
 * {@code Source} supplier is materialized by the singleton that consumes it (prices and weather by the zone
 * forecaster, demand-response events by the fleet), so every feed polls once per cluster, on the node that runs the
 * singletons, and moves with them.
 */
public final class LiveMarketData {

  private final Optional<Supplier<Source<PricePoint, NotUsed>>> prices;
  private final Optional<Supplier<Source<WeatherPoint, NotUsed>>> weather;
  private final Optional<Supplier<Source<DemandResponseEvent, NotUsed>>> demandResponse;
  private final Map<String, Set<String>> batteriesOfArea;

  private LiveMarketData(Optional<Supplier<Source<PricePoint, NotUsed>>> prices,
      Optional<Supplier<Source<WeatherPoint, NotUsed>>> weather,
      Optional<Supplier<Source<DemandResponseEvent, NotUsed>>> demandResponse, Map<String, Set<String>> batteriesOfArea) {
    this.prices = prices;
    this.weather = weather;
    this.demandResponse = demandResponse;
    this.batteriesOfArea = batteriesOfArea;
  }

  /** No live feed: the synthetic market or the CSV replay serves. */
  public static final LiveMarketData NONE = new LiveMarketData(Optional.empty(), Optional.empty(), Optional.empty(),
      Map.of());

  /**
   * The feeds {@code settings} configures, reporting to {@code board}; {@code report} counts their issues.
   *
   * @param clock the ENTSO-E window (today and tomorrow) is taken from it
   */
  public static LiveMarketData create(LiveMarketDataSettings settings, ActorSystem<?> system, Clock clock,
      IngestReport report, FeedBoard board) {
    Optional<Supplier<Source<PricePoint, NotUsed>>> prices = settings.entsoe().map(e -> {
      EntsoeDayAheadClient client = new EntsoeDayAheadClient(e.http(), e.key());
      // a fresh feed per materialization (a restarted or moved forecaster has lost its history): its first successful
      // poll also fetches the history the forecaster calibrates on, later ones today and tomorrow (UTC days), as
      // RemoteFeeds.entsoeDayAhead does; each validates afresh: a revised price of an hour already seen is a
      // conflicting duplicate and dropped (the forecaster has the hour), a late hour out of order too; both counted
      return () -> {
        AtomicBoolean seeded = new AtomicBoolean();
        ResilientPolling<PricePoint> polling = new ResilientPolling<PricePoint>(
            EntsoeDayAheadClient.SOURCE + ":" + e.biddingZone(), () -> {
              Instant today = clock.instant().truncatedTo(ChronoUnit.DAYS);
              Instant from = seeded.get() ? today : today.minus(Duration.ofDays(e.historyDays()));
              return client.dayAheadPrices(e.biddingZone(), from, today.plus(Duration.ofDays(2)))
                  .thenApply(points -> {
                    seeded.set(true);
                    return points;
                  });
            }, p -> List.of(p.zone(), p.start(), p.resolution()), e.resilience(), report, system)
            .withListener(board.listener());
        return polling.source().via(PriceValidation.acceptedOnly(e.validation(), report, polling.sourceName()))
            .via(HourlyPrices.flow());
      };
    });
    Optional<Supplier<Source<WeatherPoint, NotUsed>>> weather = settings.openMeteo().map(w -> {
      ResilientPolling<WeatherPoint> polling = RemoteFeeds.openMeteo(
          new OpenMeteoClient(w.http(), Optional.of(w.key()), w.forecastDays()), w.latitudeDeg(), w.longitudeDeg(),
          w.resilience(), report, system).withListener(board.listener());
      return polling::source;
    });
    Optional<Supplier<Source<DemandResponseEvent, NotUsed>>> dr = settings.openAdr().map(a -> {
      ResilientPolling<DemandResponseEvent> polling = RemoteFeeds.openAdrEvents(
          new OpenAdrClient(a.http(), a.key(), a.programId()), a.resilience(), report, system)
          .withListener(board.listener());
      return polling::source;
    });
    return new LiveMarketData(prices, weather, dr,
        settings.openAdr().map(LiveMarketDataSettings.OpenAdr::batteriesOfArea).orElse(Map.of()));
  }

  /** ENTSO-E day-ahead prices, validated, when configured: the forecaster's source instead of synthetic/replay. */
  public Optional<Supplier<Source<PricePoint, NotUsed>>> prices() {
    return prices;
  }

  /** Open-Meteo hourly weather, when configured. */
  public Optional<Supplier<Source<WeatherPoint, NotUsed>>> weather() {
    return weather;
  }

  /** OpenADR events, when configured. */
  public Optional<Supplier<Source<DemandResponseEvent, NotUsed>>> demandResponse() {
    return demandResponse;
  }

  /** Program id (area) to the batteries in it. */
  public Map<String, Set<String>> batteriesOfArea() {
    return batteriesOfArea;
  }
}
