package io.etp.forecasting;

import io.etp.aggregator.PriceSignal;
import io.etp.forecast.DayAheadForecast;
import io.etp.forecast.MarketHistory;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The aggregators' {@link PriceSignal} fed by a zone's day-ahead forecasts (one instance per node, shared by the node's
 * aggregator twins; thread-safe: one immutable snapshot behind a volatile field).
 *
 * <p>Units: forecasts are in currency/MWh, strategies in c/kWh; the value is converted with
 * {@link DayAheadForecast#priceCPerKwh(int)} (1 currency/MWh = 0.1 c/kWh). The hour that is "now" comes from the
 * market clock ({@link ZoneForecaster.HourObserved}), not from the wall clock the aggregator passes in: on simulated time
 * one market day lasts a minute. Until a forecast covers the market's current hour, the configured fallback answers.
 *
 * <p>Trend: the forecast change from this hour to the next, c/kWh per hour (into the next day's hour 0 when that
 * forecast is already known, else the change into this hour).
 */
public final class ForecastPriceSignal implements PriceSignal {

  private record Snapshot(Map<LocalDate, DayAheadForecast> forecasts, Instant marketNow) {}

  private final PriceSignal fallback;
  private final ZoneId dayZone;
  private volatile Snapshot snapshot = new Snapshot(Map.of(), Instant.EPOCH);

  public ForecastPriceSignal(PriceSignal fallback, ZoneId dayZone) {
    this.fallback = fallback;
    this.dayZone = dayZone;
  }

  /** Takes a new forecast; keeps it and the one before (the current and the next day). */
  public synchronized void forecastIssued(DayAheadForecast forecast) {
    TreeMap<LocalDate, DayAheadForecast> next = new TreeMap<>(snapshot.forecasts());
    next.put(forecast.deliveryDay(), forecast);
    while (next.size() > 2) next.pollFirstEntry();
    snapshot = new Snapshot(Map.copyOf(next), snapshot.marketNow());
  }

  /** Moves the market clock. */
  public synchronized void marketTimeIs(Instant marketNow) {
    snapshot = new Snapshot(snapshot.forecasts(), marketNow);
  }

  /** The forecast covering the market's current hour, if one does. */
  public Optional<DayAheadForecast> current() {
    Snapshot s = snapshot;
    return Optional.ofNullable(s.forecasts().get(s.marketNow().atZone(dayZone).toLocalDate()));
  }

  @Override
  public double expectedPriceCPerKwh(Instant at) {
    Snapshot s = snapshot;
    ZonedDateTime now = s.marketNow().atZone(dayZone);
    DayAheadForecast f = s.forecasts().get(now.toLocalDate());
    return f == null ? fallback.expectedPriceCPerKwh(at) : f.priceCPerKwh(now.getHour());
  }

  @Override
  public double trendCPerKwhPerHour(Instant at) {
    Snapshot s = snapshot;
    ZonedDateTime now = s.marketNow().atZone(dayZone);
    DayAheadForecast f = s.forecasts().get(now.toLocalDate());
    if (f == null) return fallback.trendCPerKwhPerHour(at);
    int h = now.getHour();
    if (h < MarketHistory.HOURS - 1) return f.priceCPerKwh(h + 1) - f.priceCPerKwh(h);
    DayAheadForecast tomorrow = s.forecasts().get(now.toLocalDate().plusDays(1));
    return tomorrow != null ? tomorrow.priceCPerKwh(0) - f.priceCPerKwh(h) : f.priceCPerKwh(h) - f.priceCPerKwh(h - 1);
  }

  /** A subscriber of a {@link ZoneForecaster} that keeps this signal up to date. */
  public Behavior<ZoneForecaster.Published> feeder() {
    return Behaviors.receive(ZoneForecaster.Published.class)
        .onMessage(ZoneForecaster.ForecastIssued.class, m -> {
          forecastIssued(m.forecast());
          return Behaviors.same();
        })
        .onMessage(ZoneForecaster.HourObserved.class, m -> {
          marketTimeIs(m.point().start());
          return Behaviors.same();
        })
        .onMessage(ZoneForecaster.DayClosed.class, m -> Behaviors.same())
        .build();
  }
}
