package io.etp.api;

import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.getFromResource;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;

import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code GET /api/openapi.json}: the OpenAPI 3 description of the REST API (a resource, {@code openapi.json}), public
 * like the dashboard's static files: it describes the API and holds no data.
 */
public final class OpenApiRoutes {

  public Route routes() {
    return pathPrefix("api", () -> path("openapi.json", () -> get(() ->
        getFromResource("openapi.json", ContentTypes.APPLICATION_JSON))));
  }
}
