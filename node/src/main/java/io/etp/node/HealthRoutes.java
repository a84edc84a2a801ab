package io.etp.node;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;

import java.util.function.BooleanSupplier;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Liveness and readiness for Kubernetes probes and operators: {@code /health/alive} answers while the process serves
 * HTTP; {@code /health/ready} answers 200 only while this node is an Up cluster member whose journal database answers
 * ({@link JournalHealth}), and 503 again
 * from the first phase of its coordinated shutdown (Node), before anything unbinds. Both answer any Host header: probes address the pod IP, and the answers reveal nothing.
 */
public final class HealthRoutes {

  private final BooleanSupplier ready;

  public HealthRoutes(BooleanSupplier ready) {
    this.ready = ready;
  }

  public Route routes() {
    return pathPrefix("health", () -> concat(
        path("alive", () -> get(() -> complete(StatusCodes.OK, "alive"))),
        path("ready", () -> get(() -> ready.getAsBoolean()
            ? complete(StatusCodes.OK, "ready")
            : complete(StatusCodes.SERVICE_UNAVAILABLE, "not ready")))));
  }
}
