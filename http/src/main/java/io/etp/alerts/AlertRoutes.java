package io.etp.alerts;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.etp.access.AccessControl;
import io.etp.access.Role;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code GET /api/alerts/active} (viewer): the alerts raised and not yet cleared, oldest first: the threshold alerts
 * this node's {@link AlertMonitor} has raised, and the live market-data feeds that are down ({@link FeedOutageAlerts}).
 * The dashboard loads it at start, then follows the stream's RAISED and CLEARED ALERT events, so a page that connects
 * after an alert was raised still shows it. Per node: each node evaluates its own figures (the feeds' states are
 * replicated, so every node lists the same feed outages).
 */
public final class AlertRoutes {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** One raised alert as the route lists it. */
  public record Active(String rule, String subject, String severity, String message, Instant raisedAt) {}

  private final Supplier<List<Active>> active;
  private final AccessControl access;

  public AlertRoutes(Supplier<List<Active>> active, AccessControl access) {
    this.active = active;
    this.access = access;
  }

  /** The monitor's alerts as the route lists them. */
  public static List<Active> of(List<AlertMonitor.ActiveAlert> alerts) {
    return alerts.stream().map(a -> new Active(a.key().rule().name(), a.key().subject(), a.severity(), a.message(),
        a.raisedAt())).toList();
  }

  public Route routes() {
    return path(segment("api").slash("alerts").slash("active"), () -> get(() -> access.require(Role.VIEWER, caller ->
        complete(StatusCodes.OK, HttpEntities.create(ContentTypes.APPLICATION_JSON, json(active.get()).toString())))));
  }

  static ObjectNode json(List<Active> alerts) {
    ObjectNode body = MAPPER.createObjectNode().put("scope", "node");
    ArrayNode items = body.putArray("alerts");
    alerts.stream().sorted(Comparator.comparing(Active::raisedAt)).forEach(a -> items.addObject()
        .put("rule", a.rule()).put("subject", a.subject()).put("severity", a.severity()).put("message", a.message())
        .put("raised_at", a.raisedAt().toString()));
    return body;
  }
}
