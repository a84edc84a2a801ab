package io.etp.metrics;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.path;

import io.etp.access.AccessControl;
import io.etp.access.Role;
import java.util.Map;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.HttpCharsets;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code GET /metrics}: the node's figures in the Prometheus text exposition format, for the viewer role like the other
 * reads (so the anonymous loopback viewer too: a Prometheus on the same host scrapes without a key).
 */
public final class MetricsRoutes {

  /** {@code text/plain; version=0.0.4; charset=utf-8}, what Prometheus expects of the text format. */
  static final ContentType.NonBinary PROMETHEUS_TEXT =
      MediaTypes.customWithOpenCharset("text", "plain", Map.of("version", "0.0.4"), true)
          .toContentType(HttpCharsets.UTF_8);

  private final NodeMetrics metrics;
  private final AccessControl access;

  public MetricsRoutes(NodeMetrics metrics, AccessControl access) {
    this.metrics = metrics;
    this.access = access;
  }

  public Route routes() {
    return path("metrics", () -> get(() -> access.require(Role.VIEWER, caller ->
        complete(StatusCodes.OK, HttpEntities.create(PROMETHEUS_TEXT, metrics.scrape())))));
  }
}
