package io.etp.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etp.alerts.AlertMonitor;
import io.etp.alerts.AlertRules;
import io.etp.api.TestGateway;
import io.etp.edge.EdgeMetrics;
import io.etp.live.LiveEvent;
import io.etp.live.LiveEventType;
import io.etp.protocol.v1.EtpMessage;
import io.etp.protocol.v1.MessageType;
import io.etp.protocol.v1.ReasonCode;
import io.etp.trading.MessageTimings;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /metrics} on a real gateway's access control: the Prometheus text of real sources (message timings, the
 * live figures, the edge counters), readable as the other viewer GETs are.
 */
class MetricsRoutesTest {

  private static final Instant NOW = Instant.parse("2026-11-21T04:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  @Test
  void servesTheNodeFiguresInThePrometheusTextFormatToALoopbackViewer(@TempDir Path dir) throws Exception {
    try (TestGateway server = TestGateway.onH2(dir, "etp.access.anonymous-loopback-viewer = on")) {
      ServerBinding binding = bind(server, metrics());
      try {
        HttpResponse<String> response = get(server, binding, null);
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"),
            response.headers().toString());
        String body = response.body();
        assertContains(body, "etp_message_latency_p50_ms{type=\"BID\"} 40.0");
        // HdrHistogram at 3 significant digits: 5000 ms reads as the top of its bucket
        assertContains(body, "etp_message_latency_p99_ms{type=\"BID\"} 5003.0");
        assertContains(body, "etp_message_late_total{type=\"BID\"} 1.0");
        assertContains(body, "etp_message_handled_total{type=\"BID\"} 2.0");
        assertContains(body, "etp_trades_per_minute 1.0");
        assertContains(body, "etp_auctions_active 1.0");
        assertContains(body, "etp_bid_success_percent{aggregator=\"agg-1\"} 50.0");
        assertContains(body, "etp_storage_utilisation_percent 25.0");
        assertContains(body, "etp_device_failures_total 1.0");
        assertContains(body, "etp_edge_frames_in_total 3.0");
        assertContains(body, "etp_edge_refused_total{reason=\"BAD_SIGNATURE\"} 1.0");
        assertContains(body, "etp_edge_open_connections 0.0");
        assertContains(body, "etp_audit_dropped_total{trail=\"bid\"} 7.0");
        assertContains(body, "etp_audit_dropped_total{trail=\"risk\"} 0.0");
        assertContains(body, "etp_live_events_dropped_total 0.0");
      } finally {
        binding.unbind().toCompletableFuture().get(10, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void servesTheFiguresTheAlertsJudgeAndTheActiveAlerts(@TempDir Path dir) throws Exception {
    java.util.concurrent.atomic.AtomicReference<AlertRules.Figures> seen = new java.util.concurrent.atomic
        .AtomicReference<>(new AlertRules.Figures(java.util.Map.of("agg-1", new AlertRules.Bids(5, 45)), 4,
            java.util.Map.of("BID", 1200L), java.util.OptionalDouble.of(40)));
    AlertMonitor monitor = new AlertMonitor(new AlertRules(new AlertRules.Thresholds(20, 50, 3,
        java.time.Duration.ofMinutes(5), 1000, 95, 10)), seen::get, event -> true, CLOCK);
    monitor.evaluate();
    MessageTimings timings = new MessageTimings(CLOCK);
    NodeMetrics metrics = new NodeMetrics(new NodeMetrics.Sources(timings, new LiveFigures(CLOCK), new EdgeMetrics(),
        () -> 0, () -> 0, () -> 0, monitor::status));
    try (TestGateway server = TestGateway.onH2(dir, "etp.access.anonymous-loopback-viewer = on")) {
      ServerBinding binding = bind(server, metrics);
      try {
        String body = get(server, binding, null).body();
        assertContains(body, "etp_alerts_active 3.0");
        assertContains(body, "etp_alert_active{rule=\"BID_SUCCESS_LOW\",subject=\"agg-1\"} 1.0");
        assertContains(body, "etp_alert_active{rule=\"DEVICE_FAILURES_HIGH\",subject=\"node\"} 1.0");
        assertContains(body, "etp_alert_active{rule=\"LATENCY_P99_HIGH\",subject=\"BID\"} 1.0");
        assertContains(body, "etp_alert_window_bid_success_percent{aggregator=\"agg-1\"} 10.0");
        assertContains(body, "etp_alert_window_latency_p99_ms{type=\"BID\"} 1200.0");
        assertContains(body, "etp_alert_window_device_failures 4.0");

        seen.set(new AlertRules.Figures(java.util.Map.of(), 0, java.util.Map.of("BID", 100L),
            java.util.OptionalDouble.of(40)));
        monitor.evaluate();
        String after = get(server, binding, null).body();
        assertContains(after, "etp_alerts_active 0.0");
        assertTrue(!after.contains("etp_alert_active{"), "cleared alerts leave the gauge:\n" + after);
        assertContains(after, "etp_alert_window_latency_p99_ms{type=\"BID\"} 100.0");
      } finally {
        binding.unbind().toCompletableFuture().get(10, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void needsAViewerKeyWhenTheLoopbackViewerIsOff(@TempDir Path dir) throws Exception {
    try (TestGateway server = TestGateway.onH2(dir, "etp.access.anonymous-loopback-viewer = off")) {
      ServerBinding binding = bind(server, metrics());
      try {
        assertEquals(401, get(server, binding, null).statusCode());
        HttpResponse<String> withKey = get(server, binding, server.adminKey);
        assertEquals(200, withKey.statusCode());
        assertContains(withKey.body(), "etp_trades_per_minute");
      } finally {
        binding.unbind().toCompletableFuture().get(10, TimeUnit.SECONDS);
      }
    }
  }

  private static NodeMetrics metrics() {
    MessageTimings timings = new MessageTimings(CLOCK);
    // BID's deadline is below 1 s, so the slow one is late
    timings.record(EtpMessage.newBuilder().setMessageType(MessageType.BID).setSentAtMs(NOW.toEpochMilli() - 40)
        .build());
    timings.record(EtpMessage.newBuilder().setMessageType(MessageType.BID).setSentAtMs(NOW.toEpochMilli() - 5000)
        .build());
    LiveFigures figures = new LiveFigures(CLOCK);
    figures.record(event(LiveEventType.AUCTION_OPENED, "bess-1", null, "a-1", LiveEvent.Payload.EMPTY));
    figures.record(event(LiveEventType.TRADE_CONFIRMED, "bess-2", "agg-1", "a-2", LiveEvent.Payload.EMPTY));
    figures.record(event(LiveEventType.BID_ACCEPTED, "bess-2", "agg-1", "a-2", LiveEvent.Payload.EMPTY));
    figures.record(event(LiveEventType.BID_REJECTED, "bess-1", "agg-1", "a-1", LiveEvent.Payload.EMPTY));
    figures.record(event(LiveEventType.BATTERY_STATUS, "bess-1", null, null,
        LiveEvent.Payload.EMPTY.withEnergy(25).withCapacity(100)));
    figures.record(event(LiveEventType.DEVICE_FAILURE, "bess-3", null, null, LiveEvent.Payload.EMPTY));
    EdgeMetrics edge = new EdgeMetrics();
    for (int i = 0; i < 3; i++) {
      edge.increment(EdgeMetrics.Counter.FRAMES_IN);
    }
    edge.refused(ReasonCode.REASON_CODE_BAD_SIGNATURE);
    return new NodeMetrics(new NodeMetrics.Sources(timings, figures, edge, () -> 7, () -> 0, () -> 0,
        () -> AlertMonitor.Status.NONE));
  }

  private static LiveEvent event(LiveEventType type, String battery, String aggregator, String auction,
      LiveEvent.Payload payload) {
    return LiveEvent.of(type, NOW.minusSeconds(10), battery, aggregator, auction, payload);
  }

  private static ServerBinding bind(TestGateway server, NodeMetrics metrics) throws Exception {
    return Http.get(server.system).newServerAt("127.0.0.1", 0)
        .bind(new MetricsRoutes(metrics, server.gateway.access()).routes())
        .toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static HttpResponse<String> get(TestGateway server, ServerBinding binding, String key) throws Exception {
    URI uri = URI.create("http://127.0.0.1:" + binding.localAddress().getPort() + "/metrics");
    return server.send(HttpRequest.newBuilder(uri).GET(), key);
  }

  private static void assertContains(String body, String line) {
    assertTrue(body.contains(line), () -> "expected '" + line + "' in:\n" + body);
  }
}
