package io.etp.access;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.onSuccess;
import static org.apache.pekko.http.javadsl.server.Directives.parameterOptional;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.etp.web.ValidationException;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;

/** {@code GET /api/audit?limit=N} (admin): the most recent audit entries, newest first. */
public final class AuditRoutes {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final int MAX_LIMIT = 1000;

  private final AuditLog audit;
  private final AccessControl access;

  public AuditRoutes(AuditLog audit, AccessControl access) {
    this.audit = audit;
    this.access = access;
  }

  public Route routes() {
    return pathPrefix("api", () -> path("audit", () -> get(() -> access.require(Role.ADMIN, caller ->
        parameterOptional("limit", limitParam -> {
          int limit = limitParam.map(AuditRoutes::limit).orElse(100);
          return onSuccess(audit.recent(limit), events -> {
            ArrayNode array = MAPPER.createArrayNode();
            events.forEach(e -> array.addObject().put("at", e.at().toString()).put("kind", e.kind().name())
                .put("key_id", e.keyId()).put("remote", e.remote()).put("resource", e.resource())
                .put("detail", e.detail()));
            return complete(StatusCodes.OK, HttpEntities.create(ContentTypes.APPLICATION_JSON, array.toString()));
          });
        })))));
  }

  private static int limit(String value) {
    try {
      int limit = Integer.parseInt(value);
      if (limit >= 1 && limit <= MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new ValidationException("invalid_limit", "limit must be an integer from 1 to " + MAX_LIMIT);
  }
}
