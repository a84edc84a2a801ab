package io.etp.metrics;

import static org.apache.pekko.http.javadsl.server.Directives.concat;

import com.typesafe.config.Config;
import io.etp.alerts.AlertMonitor;
import io.etp.alerts.AlertRoutes;
import io.etp.alerts.AlertRules;
import io.etp.alerts.AlertWindow;
import io.etp.access.AccessControl;
import io.etp.live.EventHub;
import io.etp.persistence.JdbcRiskAuditSink;
import io.etp.trading.MessageTimings;
import io.etp.trading.TradingCore;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The node's monitoring: {@code GET /metrics} and the threshold alerts, over the same figures, with the alerts active
 * now at {@code GET /api/alerts/active}.
 */
public final class Monitoring {

  private Monitoring() {}

  /**
   * Starts the alert monitor (unless {@code etp.alerts.enabled} is off) and returns the {@code /metrics} and
   * {@code /api/alerts/active} routes (the latter an empty set while the monitor is off).
   *
   * @param figures the dashboard figures, fed by the live events the node publishes
   * @param edge the device edge's counters
   */
  public static Route start(ActorSystem<?> system, Config config, TradingCore core, LiveFigures figures,
      MeterBinder edge, EventHub hub, AccessControl access) {
    return start(system, config, core, figures, edge, hub, access, List::of);
  }

  /**
   * As above; {@code otherAlerts} are raised alerts of other sources (the live market-data feeds) that
   * {@code /api/alerts/active} lists beside the monitor's.
   */
  public static Route start(ActorSystem<?> system, Config config, TradingCore core, LiveFigures figures,
      MeterBinder edge, EventHub hub, AccessControl access, Supplier<List<AlertRoutes.Active>> otherAlerts) {
    AlertMonitor.Settings alerts = AlertMonitor.Settings.fromConfig(config.getConfig("etp.alerts"));
    Clock clock = Clock.systemUTC();
    Duration window = alerts.thresholds().window();
    core.timings().retainFor(window);
    AlertWindow bids = new AlertWindow(window, clock.instant());
    AlertMonitor monitor = new AlertMonitor(new AlertRules(alerts.thresholds()),
        () -> alertFigures(core.timings(), figures, bids, window, clock), hub, clock);
    if (alerts.enabled()) {
      monitor.start(system, alerts.interval());
    }
    NodeMetrics metrics = new NodeMetrics(new NodeMetrics.Sources(core.timings(), figures, edge,
        () -> core.audit().dropped(),
        () -> core.riskAudit() instanceof JdbcRiskAuditSink risk ? risk.dropped() : 0,
        hub::droppedAtInput, monitor::status));
    return concat(new MetricsRoutes(metrics, access).routes(), new AlertRoutes(() -> {
      List<AlertRoutes.Active> all = new ArrayList<>(AlertRoutes.of(monitor.active()));
      all.addAll(otherAlerts.get());
      return all;
    }, access).routes());
  }

  /** The figures of the last {@code window}: bids decided, device failures, p99 latency; storage as it is now. */
  static AlertRules.Figures alertFigures(MessageTimings timings, LiveFigures figures, AlertWindow bids,
      Duration window, Clock clock) {
    Map<String, AlertRules.Bids> cumulative = new TreeMap<>();
    figures.bidOutcomes().forEach((aggregator, b) -> cumulative.put(aggregator,
        new AlertRules.Bids(b.accepted(), b.rejected())));
    Map<String, Long> p99 = new TreeMap<>();
    timings.p99Within(window).forEach((type, ms) -> p99.put(type.name(), ms));
    return new AlertRules.Figures(bids.bidsWithin(clock.instant(), cumulative), figures.deviceFailuresWithin(window),
        p99, figures.storageUtilisationPct());
  }
}
