package io.etp.metrics;

import com.typesafe.config.Config;
import io.etp.alerts.AlertMonitor;
import io.etp.alerts.AlertRules;
import io.etp.edge.EdgeMetrics;
import io.etp.access.AccessControl;
import io.etp.live.EventHub;
import io.etp.persistence.JdbcRiskAuditSink;
import io.etp.trading.TradingCore;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.server.Route;

/** The node's monitoring: {@code GET /metrics} and the threshold alerts, over the same figures. */
public final class Monitoring {

  private Monitoring() {}

  /**
   * Starts the alert monitor (unless {@code etp.alerts.enabled} is off) and returns the {@code /metrics} route.
   *
   * @param figures the dashboard figures, fed by the live events the node publishes
   * @param edge the device edge's counters
   */
  public static Route start(ActorSystem<?> system, Config config, TradingCore core, LiveFigures figures,
      EdgeMetrics edge, EventHub hub, AccessControl access) {
    NodeMetrics metrics = new NodeMetrics(new NodeMetrics.Sources(core.timings(), figures, edge,
        () -> core.audit().dropped(),
        () -> core.riskAudit() instanceof JdbcRiskAuditSink risk ? risk.dropped() : 0,
        hub::droppedAtInput));
    AlertMonitor.Settings alerts = AlertMonitor.Settings.fromConfig(config.getConfig("etp.alerts"));
    if (alerts.enabled()) {
      AlertMonitor.start(system, alerts, () -> alertFigures(core, figures, alerts.thresholds()), hub,
          Clock.systemUTC());
    }
    return new MetricsRoutes(metrics, access).routes();
  }

  static AlertRules.Figures alertFigures(TradingCore core, LiveFigures figures, AlertRules.Thresholds thresholds) {
    Map<String, AlertRules.Bids> bids = new TreeMap<>();
    figures.bidOutcomes().forEach((aggregator, b) -> bids.put(aggregator,
        new AlertRules.Bids(b.accepted(), b.rejected())));
    Map<String, Long> p99 = new TreeMap<>();
    core.timings().snapshot().forEach((type, summary) -> p99.put(type.name(), summary.p99Ms()));
    return new AlertRules.Figures(bids, figures.deviceFailuresWithin(thresholds.deviceFailureWindow()), p99,
        figures.storageUtilisationPct());
  }
}
