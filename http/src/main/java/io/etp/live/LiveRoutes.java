package io.etp.live;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.extractActorSystem;
import static org.apache.pekko.http.javadsl.server.Directives.extractRequest;
import static org.apache.pekko.http.javadsl.server.Directives.extractWebSocketUpgrade;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;

import io.etp.access.AccessControl;
import io.etp.access.Role;
import io.etp.web.Cors;
import io.etp.web.ValidationException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.Query;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The live event resource: {@code /ws/events} (WebSocket, viewer) streams events as JSON with filters and resume;
 * {@code GET /api/events} (viewer) returns the recent events the hub still holds, with the same filters. Query
 * parameters: {@code types}, {@code batteries}, {@code aggregators} (comma-separated or repeated), {@code from} (the
 * last sequence number the client saw), {@code epoch} (the hub epoch that number belongs to), {@code cursor} (a cluster-wide {@link LiveCursor},
 * served by any node), and for the REST form
 * {@code limit}.
 */
public final class LiveRoutes {

  private static final int DEFAULT_LIMIT = 500;
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(LiveRoutes.class);

  private final EventHub hub;
  private final LiveSettings settings;
  private final AccessControl access;
  private final Cors cors;
  private final LiveConnections connections;

  public LiveRoutes(EventHub hub, LiveSettings settings, AccessControl access, Cors cors,
                    LiveConnections connections) {
    this.connections = connections;
    this.hub = hub;
    this.settings = settings;
    this.access = access;
    this.cors = cors;
  }

  public Route routes() {
    return concat(
        pathPrefix("ws", () -> path("events", () -> get(() -> cors.checkWebSocketOrigin(() ->
            access.requireAllowingQueryToken(Role.VIEWER, caller -> extractRequest(request -> {
              Query query = request.getUri().query();
              EventFilter filter = filter(query);
              EventHub.Resume resume = new EventHub.Resume(seq(query, "from"), query.get("epoch"), cursor(query));
              boolean batched = batch(query);
              return extractWebSocketUpgrade(upgrade -> extractActorSystem(system -> complete(
                  BoundedWebSocket.handle(upgrade,
                      LiveSocket.flow(hub, settings, filter, resume, connections, caller.id(), batched),
                      settings.maxClientMessage(), () -> log.warn(
                          "closing /ws/events connection of {}: client message over {} bytes (close 1009)",
                          caller.id(), settings.maxClientMessage()),
                      system))));
            })))))),
        pathPrefix("api", () -> path("events", () -> get(() ->
            access.require(Role.VIEWER, caller -> extractRequest(request -> {
              Query query = request.getUri().query();
              EventFilter filter = filter(query);
              long from = seq(query, "from").orElse(0);
              int limit = (int) Math.min(settings.ringSize(), positive(query, "limit").orElse(DEFAULT_LIMIT));
              return complete(StatusCodes.OK, HttpEntities.create(ContentTypes.APPLICATION_JSON,
                  LiveJson.writeEvents(hub.recent(from, limit, filter))));
            }))))));
  }

  /** The filter given by query parameters; an unknown event type is a 400 {@code invalid_filter}. */
  static EventFilter filter(Query query) {
    try {
      return new EventFilter(LiveJson.eventTypes(values(query, "types")), values(query, "batteries"),
          values(query, "aggregators"));
    } catch (IllegalArgumentException e) {
      throw new ValidationException("invalid_filter", e.getMessage());
    }
  }

  private static Set<String> values(Query query, String name) {
    Set<String> out = new LinkedHashSet<>();
    List<String> raw = query.getAll(name);
    raw.forEach(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(out::add));
    return out;
  }

  /** {@code batch=true} lets the socket send JSON arrays of messages during bursts (see {@link LiveSocket}). */
  static boolean batch(Query query) {
    Optional<String> value = query.get("batch");
    if (value.isEmpty() || value.get().equals("false")) {
      return false;
    }
    if (value.get().equals("true")) {
      return true;
    }
    throw new ValidationException("invalid_batch", "batch must be true or false");
  }

  /** The cluster-wide resume point ({@code cursor=source:offset,...}); a malformed one is a 400 {@code invalid_cursor}. */
  static Optional<LiveCursor> cursor(Query query) {
    Optional<String> value = query.get("cursor");
    if (value.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(LiveCursor.parse(value.get()));
    } catch (IllegalArgumentException e) {
      throw new ValidationException("invalid_cursor", e.getMessage());
    }
  }

  private static OptionalLong seq(Query query, String name) {
    Optional<String> value = query.get(name);
    if (value.isEmpty()) {
      return OptionalLong.empty();
    }
    try {
      long seq = Long.parseLong(value.get());
      if (seq >= 0) {
        return OptionalLong.of(seq);
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new ValidationException("invalid_" + name, name + " must be a sequence number >= 0");
  }

  private static OptionalLong positive(Query query, String name) {
    OptionalLong value = seq(query, name);
    if (value.isPresent() && value.getAsLong() < 1) {
      throw new ValidationException("invalid_" + name, name + " must be at least 1");
    }
    return value;
  }
}
