package io.etp.dashboard;

import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.getFromResource;
import static org.apache.pekko.http.javadsl.server.Directives.getFromResourceDirectory;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;
import static org.apache.pekko.http.javadsl.server.Directives.pathSingleSlash;
import static org.apache.pekko.http.javadsl.server.Directives.respondWithHeaders;

import java.util.List;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The dashboard: {@code /} serves web/index.html, {@code /assets/*} the ES modules and styles under web/, and
 * {@code /webjars/chart.js/*} the Chart.js WebJar. Static files only, public (they hold no data); the data comes from
 * {@code /ws/events} and the REST API, which require a viewer.
 */
public final class DashboardRoutes {

  /** Chart.js as the page loads it. */
  public static final String CHART_JS = "/webjars/chart.js/4.5.1/dist/chart.umd.min.js";

  private static final List<org.apache.pekko.http.javadsl.model.HttpHeader> HEADERS = List.of(
      RawHeader.create("X-Content-Type-Options", "nosniff"),
      RawHeader.create("Referrer-Policy", "no-referrer"),
      RawHeader.create("Content-Security-Policy", "default-src 'self'; script-src 'self'; connect-src 'self' ws: wss:; "
          + "img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'"));

  public Route routes() {
    return get(() -> respondWithHeaders(HEADERS, () -> concat(
        pathSingleSlash(() -> getFromResource("web/index.html", ContentTypes.TEXT_HTML_UTF8)),
        pathPrefix("assets", () -> getFromResourceDirectory("web")),
        pathPrefix("webjars", () -> pathPrefix("chart.js",
            () -> getFromResourceDirectory("META-INF/resources/webjars/chart.js"))))));
  }
}
