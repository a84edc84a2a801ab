package io.etp.marketdata;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.apache.pekko.actor.ClassicActorSystemProvider;

/**
 * The three remote feeds as {@link ResilientPolling} sources, each with its own circuit breaker. Call
 * {@link ResilientPolling#source()} to get the {@code Source}.
 */
public final class RemoteFeeds {

  private RemoteFeeds() {}

  /**
   * Day-ahead prices of {@code biddingZone} for today and tomorrow (UTC days, per {@code clock}); each poll asks for
   * that window again, so tomorrow's prices appear once the auction has published them. Keyed by zone, start and
   * resolution: a revised price is emitted again.
   */
  public static ResilientPolling<PricePoint> entsoeDayAhead(EntsoeDayAheadClient client, String biddingZone, Clock clock,
      ResilienceSettings settings, IngestReport report, ClassicActorSystemProvider system) {
    return new ResilientPolling<>(EntsoeDayAheadClient.SOURCE + ":" + biddingZone, () -> {
      Instant today = clock.instant().truncatedTo(ChronoUnit.DAYS);
      return client.dayAheadPrices(biddingZone, today, today.plus(Duration.ofDays(2)));
    }, p -> List.of(p.zone(), p.start(), p.resolution()), settings, report, system);
  }

  /** The hourly forecast at one location; a changed forecast for an hour is emitted again. */
  public static ResilientPolling<WeatherPoint> openMeteo(OpenMeteoClient client, double latitudeDeg, double longitudeDeg,
      ResilienceSettings settings, IngestReport report, ClassicActorSystemProvider system) {
    return new ResilientPolling<>(OpenMeteoClient.SOURCE, () -> client.hourlyForecast(latitudeDeg, longitudeDeg),
        w -> List.of(w.latitudeDeg(), w.longitudeDeg(), w.time()), settings, report, system);
  }

  /** The VTN's events; an event is emitted when first seen and again whenever the VTN changes it. */
  public static ResilientPolling<DemandResponseEvent> openAdrEvents(OpenAdrClient client, ResilienceSettings settings,
      IngestReport report, ClassicActorSystemProvider system) {
    return new ResilientPolling<>(OpenAdrClient.SOURCE, client::events, DemandResponseEvent::id, settings, report, system);
  }
}
