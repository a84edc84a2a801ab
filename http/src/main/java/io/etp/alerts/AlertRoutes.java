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
import java.util.List;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code GET /api/alerts/active} (viewer): the threshold alerts this node's {@link AlertMonitor} has raised and not yet
 * cleared, oldest first. The dashboard loads it at start, then follows the stream's RAISED and CLEARED ALERT events,
 * so a page that connects after an alert was raised still shows it. Per node: each node evaluates its own figures.
 */
public final class AlertRoutes {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Supplier<List<AlertMonitor.ActiveAlert>> active;
  private final AccessControl access;

  public AlertRoutes(Supplier<List<AlertMonitor.ActiveAlert>> active, AccessControl access) {
    this.active = active;
    this.access = access;
  }

  public Route routes() {
    return path(segment("api").slash("alerts").slash("active"), () -> get(() -> access.require(Role.VIEWER, caller ->
        complete(StatusCodes.OK, HttpEntities.create(ContentTypes.APPLICATION_JSON, json(active.get()).toString())))));
  }

  static ObjectNode json(List<AlertMonitor.ActiveAlert> alerts) {
    ObjectNode body = MAPPER.createObjectNode().put("scope", "node");
    ArrayNode items = body.putArray("alerts");
    alerts.forEach(a -> items.addObject().put("rule", a.key().rule().name()).put("subject", a.key().subject())
        .put("severity", a.severity()).put("message", a.message()).put("raised_at", a.raisedAt().toString()));
    return body;
  }
}
