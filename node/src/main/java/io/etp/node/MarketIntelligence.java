package io.etp.node;

import static org.apache.pekko.http.javadsl.server.Directives.reject;

import io.etp.access.AccessControl;
import io.etp.api.ForecastingView;
import io.etp.api.MarketIntelligenceRoutes;
import io.etp.forecasting.ForecastPriceSignal;
import io.etp.forecasting.Forecasting;
import io.etp.forecasting.ForecastingSettings;
import io.etp.marketfeed.LiveMarketData;
import io.etp.trading.TradingCore;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Starts the node's market intelligence (zone forecaster, forecast-fed price signal, dynamic reserves, the decision
 * pipeline on simulated time) when {@code etp.forecasting.enabled}, and returns its REST routes.
 */
final class MarketIntelligence {

  private MarketIntelligence() {}

  /** Starts it (if enabled) and returns its routes; with forecasting off, a route that matches nothing. */
  static Route start(ActorSystem<?> system, ForecastingSettings settings, TradingCore core, ForecastPriceSignal signal,
      AccessControl access, LiveMarketData live) {
    if (!settings.enabled()) {
      if (live.prices().isPresent() || live.weather().isPresent()) {
        org.slf4j.LoggerFactory.getLogger(MarketIntelligence.class).warn("live prices/weather are configured but"
            + " etp.forecasting.enabled is off: nothing consumes them, they are not polled");
      }
      return reject();
    }
    Forecasting forecasting = Forecasting.start(system, settings, core, signal, live);
    return new MarketIntelligenceRoutes(new ForecastingView(forecasting, system), access,
        system.dispatchers().lookup(DispatcherSelector.blocking())).routes();
  }
}
