package io.etp.metrics;

import io.etp.alerts.AlertMonitor;
import io.etp.protocol.v1.MessageType;
import io.etp.trading.MessageTimings;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.ToDoubleFunction;

/**
 * The node's figures as Prometheus metrics (Micrometer): ETP message latency per type (p50, p99, late count), the
 * dashboard's overview (trades per minute, active auctions, bid success per aggregator, storage utilisation, device
 * failures), the device edge's counters, and rows the audit trails and the live hub dropped. Every meter reads its
 * source when scraped; {@link #scrape()} takes one snapshot of the message timings for all of them.
 */
public final class NodeMetrics {

  /** Where the node's figures come from. */
  public record Sources(MessageTimings timings, LiveFigures figures, MeterBinder edge, LongSupplier bidAuditDropped,
                        LongSupplier riskAuditDropped, LongSupplier liveEventsDropped,
                        java.util.function.Supplier<AlertMonitor.Status> alerts) {}

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Sources sources;
  private final MultiGauge bidSuccess;
  private final MultiGauge alertActive;
  private final MultiGauge windowBidSuccess;
  private final MultiGauge windowLatencyP99;
  private volatile AlertMonitor.Status alerts = AlertMonitor.Status.NONE;
  private volatile Map<MessageType, MessageTimings.Summary> timings = Map.of();

  public NodeMetrics(Sources sources) {
    this.sources = sources;
    for (MessageType type : MessageType.values()) {
      if (type == MessageType.UNRECOGNIZED) {
        continue;
      }
      Tags tags = Tags.of("type", typeName(type));
      latency("etp.message.latency.p50", tags, type, s -> s.p50Ms());
      latency("etp.message.latency.p99", tags, type, s -> s.p99Ms());
      FunctionCounter.builder("etp.message.late", this, m -> summary(m, type, s -> s.late()))
          .description("ETP messages handled past their type's deadline, since start").tags(tags).register(registry);
      FunctionCounter.builder("etp.message.handled", this, m -> summary(m, type, s -> s.count()))
          .description("ETP messages handled by the twins, since start").tags(tags).register(registry);
    }
    LiveFigures figures = sources.figures();
    Gauge.builder("etp.trades.per.minute", figures, LiveFigures::tradesPerMinute)
        .description("trades confirmed in the last minute").register(registry);
    Gauge.builder("etp.auctions.active", figures, LiveFigures::activeAuctions)
        .description("auctions opened and not yet ended").register(registry);
    Gauge.builder("etp.storage.utilisation.percent", figures, f -> f.storageUtilisationPct().orElse(Double.NaN))
        .description("energy stored over usable capacity across reporting batteries (NaN before any report)")
        .register(registry);
    FunctionCounter.builder("etp.device.failures", figures, LiveFigures::deviceFailures)
        .description("device failures reported since start").register(registry);
    bidSuccess = MultiGauge.builder("etp.bid.success.percent")
        .description("bids accepted over bids decided per aggregator, since start").register(registry);

    Gauge.builder("etp.alerts.active", this, m -> m.alerts.active().size())
        .description("alerts raised and not yet cleared, at the last evaluation").register(registry);
    alertActive = MultiGauge.builder("etp.alert.active")
        .description("1 for each alert raised and not yet cleared, by rule and subject").register(registry);
    windowBidSuccess = MultiGauge.builder("etp.alert.window.bid.success.percent")
        .description("bid success per aggregator within the alert window, as the alert rules last saw it")
        .register(registry);
    windowLatencyP99 = MultiGauge.builder("etp.alert.window.latency.p99").baseUnit("ms")
        .description("p99 ETP message latency per type within the alert window, as the alert rules last saw it")
        .register(registry);
    Gauge.builder("etp.alert.window.device.failures", this, m -> m.alerts.figures().deviceFailuresInWindow())
        .description("device failures within the alert window, as the alert rules last saw them").register(registry);

    sources.edge().bindTo(registry); // the device edge's counters, from the gateway

    dropped("etp.audit.dropped", Tags.of("trail", "bid"), sources.bidAuditDropped(),
        "audit rows dropped because the writer's queue was full");
    dropped("etp.audit.dropped", Tags.of("trail", "risk"), sources.riskAuditDropped(),
        "audit rows dropped because the writer's queue was full");
    dropped("etp.live.events.dropped", Tags.empty(), sources.liveEventsDropped(),
        "live events refused because the hub's input buffer was full");
  }

  /** @return every metric in the Prometheus text exposition format (0.0.4) */
  public String scrape() {
    timings = sources.timings().snapshot();
    List<MultiGauge.Row<?>> rows = new ArrayList<>();
    sources.figures().bidOutcomes().forEach((aggregator, outcomes) -> outcomes.successRatePct()
        .ifPresent(rate -> rows.add(MultiGauge.Row.of(Tags.of("aggregator", aggregator), rate))));
    bidSuccess.register(rows, true);
    alerts = sources.alerts().get();
    alertActive.register(alerts.active().keySet().stream().map(key -> MultiGauge.Row.of(
        Tags.of("rule", key.rule().name(), "subject", key.subject()), 1)).toList(), true);
    List<MultiGauge.Row<?>> windowRows = new ArrayList<>();
    alerts.figures().bids().forEach((aggregator, b) -> windowRows.add(MultiGauge.Row.of(
        Tags.of("aggregator", aggregator), 100.0 * b.accepted() / Math.max(1, b.accepted() + b.rejected()))));
    windowBidSuccess.register(windowRows, true);
    windowLatencyP99.register(alerts.figures().latencyP99Ms().entrySet().stream().map(e -> MultiGauge.Row.of(
        Tags.of("type", e.getKey()), e.getValue())).toList(), true);
    return registry.scrape();
  }

  private void latency(String name, Tags tags, MessageType type, ToDoubleFunction<MessageTimings.Summary> value) {
    Gauge.builder(name, this, m -> summary(m, type, value)).baseUnit("ms")
        .description("ETP message latency, sent_at to handling, since start (NaN before the first message)")
        .tags(tags).register(registry);
  }

  private void dropped(String name, Tags tags, LongSupplier source, String description) {
    FunctionCounter.builder(name, source, LongSupplier::getAsLong).description(description).tags(tags)
        .register(registry);
  }

  private static double summary(NodeMetrics m, MessageType type, ToDoubleFunction<MessageTimings.Summary> value) {
    MessageTimings.Summary s = m.timings.get(type);
    return s == null ? Double.NaN : value.applyAsDouble(s);
  }

  private static String typeName(MessageType type) {
    return type.name().replace("MESSAGE_TYPE_", "");
  }
}
