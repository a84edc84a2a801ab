package io.etp.api;

import io.etp.access.KeyRequestBodies;
import java.util.List;
import java.util.function.Function;

/**
 * Every REST JSON body reader, by route, for the fuzz target {@code io.etp.api.fuzz.RequestBodiesFuzzTest}: each reads
 * a body to its command (returned) or throws a {@code ValidationException} (400 with a reason code). The readers are
 * package-private in the routes; this test-side list is their one public entry. A new route with a body gets a line.
 */
public final class BodyReaders {

  /**
   * @param route the route whose body this reads
   * @param read reads a body; what it returns must be non-null
   */
  public record Reader(String route, Function<String, Object> read) {
  }

  /** Optimise bodies with at most this many prices are also solved, as the route does (larger ones only checked). */
  static final int MAX_SOLVED_PERIODS = 48;

  /** The readers, in a fixed order (the fuzz input's first byte picks one). */
  public static final List<Reader> ALL = List.of(
      new Reader("POST /api/batteries", BatteryRoutes::registration),
      new Reader("PATCH /api/batteries/{id}/criteria", BatteryRoutes::criteria),
      new Reader("POST /api/aggregators", body -> {
        var json = RequestBodies.object(body);
        String id = RequestBodies.id(RequestBodies.text(json, "aggregator_id"), "invalid_aggregator_id");
        var targets = AggregatorRoutes.targets(json);
        return json.has("strategy") || json.has("params") ? List.of(id, targets, AggregatorRoutes.strategy(json))
            : List.of(id, targets);
      }),
      new Reader("PATCH /api/aggregators/{id}/strategy",
          body -> AggregatorRoutes.strategy(RequestBodies.object(body))),
      new Reader("PUT /api/aggregators/{id}/targets", body -> AggregatorRoutes.targets(RequestBodies.object(body))),
      new Reader("POST /api/auctions/{id}/terminate", MarketRoutes::reason),
      new Reader("POST /api/optimise", body -> {
        MarketIntelligenceRoutes.OptimiseRequest r = MarketIntelligenceRoutes.OptimiseRequest.parse(body);
        if (r.prices().isEmpty()) {
          return r;
        }
        if (r.prices().get().size() > MAX_SOLVED_PERIODS) {
          return MarketIntelligenceRoutes.problem(r, r.prices().get());
        }
        try {
          // solved as the route does: what it throws is answered through the same mapping
          return MarketIntelligenceRoutes.solve(r, r.prices().get());
        } catch (MarketIntelligenceRoutes.Infeasible e) {
          return "422 infeasible: " + e.getMessage(); // an answer about a well-formed body, not a failure to read it
        }
      }),
      new Reader("POST /api/keys", KeyRequestBodies::read));

  private BodyReaders() {
  }
}
