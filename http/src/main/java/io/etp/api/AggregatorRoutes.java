package io.etp.api;

import io.etp.web.MoneyJson;
import io.etp.money.PriceCPerKwh;
import io.etp.money.EnergyKwh;
import io.etp.web.ApiProblem;
import io.etp.web.ValidationException;
import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.entity;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.onSuccess;
import static org.apache.pekko.http.javadsl.server.Directives.patch;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathEnd;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;
import static org.apache.pekko.http.javadsl.server.Directives.post;
import static org.apache.pekko.http.javadsl.server.Directives.put;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.etp.access.AccessControl;
import io.etp.access.Role;
import java.util.Optional;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;

/**
 * Aggregator twins through REST: {@code POST /api/aggregators} creates one with its targets and strategy,
 * {@code PATCH /api/aggregators/{id}/strategy} switches strategy or parameters, {@code PUT /api/aggregators/{id}/targets}
 * replaces requirement, maximum price and budget, {@code POST /api/aggregators/{id}/pause} and {@code /resume}
 * (all operator); {@code GET /api/aggregators/{id}} shows one (viewer). Shapes in docs/api.md.
 */
public final class AggregatorRoutes {

  private final MarketCommands market;
  private final AccessControl access;

  public AggregatorRoutes(MarketCommands market, AccessControl access) {
    this.market = market;
    this.access = access;
  }

  public Route routes() {
    return pathPrefix("api", () -> pathPrefix("aggregators", () -> concat(
        pathEnd(() -> post(this::create)),
        path(segment(), id -> get(() -> show(id))),
        path(segment().slash("strategy"), id -> patch(() -> changeStrategy(id))),
        path(segment().slash("targets"), id -> put(() -> setTargets(id))),
        path(segment().slash("pause"), id -> post(() -> pause(id, true))),
        path(segment().slash("resume"), id -> post(() -> pause(id, false))))));
  }

  private Route create() {
    return access.require(Role.OPERATOR, caller -> entity(Unmarshaller.entityToString(), body -> {
      JsonNode json = RequestBodies.object(body);
      String id = RequestBodies.id(RequestBodies.text(json, "aggregator_id"), "invalid_aggregator_id");
      MarketCommands.Targets targets = targets(json);
      Optional<MarketCommands.StrategyChange> strategy = json.has("strategy") || json.has("params")
          ? Optional.of(strategy(json)) : Optional.empty();
      return onSuccess(market.createAggregator(id, targets, strategy), created -> {
        if (created instanceof MarketCommands.Creation.Created c) {
          return RequestBodies.json(StatusCodes.CREATED, aggregator(c.aggregator()));
        }
        return complete(new ApiProblem(StatusCodes.CONFLICT, "aggregator_exists",
            "aggregator '" + id + "' exists already; change it with PATCH .../strategy or PUT .../targets")
            .response());
      });
    }));
  }

  private Route show(String id) {
    return access.require(Role.VIEWER, caller -> onSuccess(market.aggregator(id), found -> orNotFound(found, id)));
  }

  private Route changeStrategy(String id) {
    return access.require(Role.OPERATOR, caller -> entity(Unmarshaller.entityToString(), body ->
        onSuccess(market.changeStrategy(id, strategy(RequestBodies.object(body))), found -> orNotFound(found, id))));
  }

  private Route setTargets(String id) {
    return access.require(Role.OPERATOR, caller -> entity(Unmarshaller.entityToString(), body ->
        onSuccess(market.setTargets(id, targets(RequestBodies.object(body))), found -> orNotFound(found, id))));
  }

  private Route pause(String id, boolean paused) {
    return access.require(Role.OPERATOR, caller ->
        onSuccess(market.setPaused(id, paused), found -> orNotFound(found, id)));
  }

  static MarketCommands.Targets targets(JsonNode json) {
    return new MarketCommands.Targets(RequestBodies.required(json, "requirement_kwh", 0, 1e12),
        RequestBodies.required(json, "max_price_c_per_kwh", 0, 10_000),
        RequestBodies.required(json, "budget_c", 0, 1e15));
  }

  /** {@code strategy} (fixed-increment, value-based, adaptive) and {@code params}, each optional. */
  static MarketCommands.StrategyChange strategy(JsonNode json) {
    String kind = RequestBodies.text(json, "strategy");
    if (kind != null && !kind.matches("(?i)fixed[-_]increment|value[-_]based|adaptive")) {
      throw new ValidationException("invalid_strategy", "strategy must be fixed-increment, value-based or adaptive");
    }
    JsonNode params = json.path("params");
    if (!params.isMissingNode() && !params.isObject()) {
      throw new ValidationException("invalid_params", "params must be an object");
    }
    return new MarketCommands.StrategyChange(kind,
        RequestBodies.optional(params, "start_price_c_per_kwh", 0, 10_000),
        RequestBodies.optional(params, "increment_c_per_kwh", 0.0001, 10_000),
        RequestBodies.optional(params, "margin_c_per_kwh", 0, 10_000),
        RequestBodies.optional(params, "target_success_rate", 0, 1));
  }

  private static Route orNotFound(Optional<MarketCommands.AggregatorDetail> found, String id) {
    return found.map(a -> RequestBodies.json(StatusCodes.OK, aggregator(a)))
        .orElseGet(() -> complete(new ApiProblem(StatusCodes.NOT_FOUND, "aggregator_not_found",
            "no aggregator with id '" + id + "'").response()));
  }

  /**
   * The aggregator's targets and bookkeeping, which its twin keeps in doubles (its budget and strategy are decisions,
   * not payments), written at the exact types' scales by io.etp.money's rule: kWh at 3 decimals, c/kWh at 4, cents
   * ({@code budget_c}, {@code spent_c}) at 4.
   */
  static ObjectNode aggregator(MarketCommands.AggregatorDetail a) {
    ObjectNode n = RequestBodies.MAPPER.createObjectNode().put("aggregator_id", a.aggregatorId());
    MoneyJson.putFromDouble(n, "requirement_kwh", a.requirementKwh(), EnergyKwh.SCALE);
    MoneyJson.putFromDouble(n, "max_price_c_per_kwh", a.maxPriceCPerKwh(), PriceCPerKwh.SCALE);
    MoneyJson.putFromDouble(n, "budget_c", a.budgetC(), CENT_SCALE);
    n.put("strategy", a.strategy());
    ObjectNode params = n.putObject("params");
    MoneyJson.putFromDouble(params, "start_price_c_per_kwh", a.startPriceCPerKwh(), PriceCPerKwh.SCALE);
    MoneyJson.putFromDouble(params, "increment_c_per_kwh", a.incrementCPerKwh(), PriceCPerKwh.SCALE);
    MoneyJson.putFromDouble(params, "margin_c_per_kwh", a.marginCPerKwh(), PriceCPerKwh.SCALE);
    params.put("target_success_rate", a.targetSuccessRate());
    n.put("paused", a.paused());
    MoneyJson.putFromDouble(n, "bought_kwh", a.boughtKwh(), EnergyKwh.SCALE);
    MoneyJson.putFromDouble(n, "spent_c", a.spentC(), CENT_SCALE);
    n.put("auctions", a.auctions()).put("won", a.won());
    MoneyJson.putFromDouble(n, "mean_clearing_price_c_per_kwh", a.meanClearingPriceCPerKwh(), PriceCPerKwh.SCALE);
    return n.put("open_negotiations", a.openNegotiations());
  }

  /** Decimals of the aggregator's cent figures: energy (3) x price (4) is exact at 7; 4 keep 1/10000 c. */
  private static final int CENT_SCALE = 4;
}
