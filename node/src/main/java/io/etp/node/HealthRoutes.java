package io.etp.node;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;

import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Liveness and readiness for Kubernetes probes and operators: {@code /health/alive} answers while the process serves
 * HTTP; {@code /health/ready} answers 200 only while this node is an Up cluster member whose journal database answers
 * ({@link JournalHealth}), and 503 again
 * from the first phase of its coordinated shutdown (Node), before anything unbinds. Both answer any Host header: probes address the pod IP, and the answers reveal nothing.
 * Below the first line ({@code ready} / {@code not ready}) come the detail lines: each live market-data feed, up or
 * DOWN (degraded). A feed's outage never makes the node not ready: trading goes on without it.
 */
public final class HealthRoutes {

  private final BooleanSupplier ready;
  private final Supplier<List<String>> detail;

  public HealthRoutes(BooleanSupplier ready) {
    this(ready, List::of);
  }

  /** @param detail lines shown below the answer (never blocks; empty: the answer alone, as before) */
  public HealthRoutes(BooleanSupplier ready, Supplier<List<String>> detail) {
    this.ready = ready;
    this.detail = detail;
  }

  private String body(String answer) {
    List<String> lines = detail.get();
    return lines.isEmpty() ? answer : answer + "\n" + String.join("\n", lines) + "\n";
  }

  public Route routes() {
    return pathPrefix("health", () -> concat(
        path("alive", () -> get(() -> complete(StatusCodes.OK, "alive"))),
        path("ready", () -> get(() -> ready.getAsBoolean()
            ? complete(StatusCodes.OK, body("ready"))
            : complete(StatusCodes.SERVICE_UNAVAILABLE, body("not ready"))))));
  }
}
