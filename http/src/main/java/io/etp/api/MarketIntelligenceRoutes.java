package io.etp.api;

import io.etp.web.ApiProblem;
import io.etp.web.ProblemException;
import io.etp.web.ValidationException;
import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.entity;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.handleExceptions;
import static org.apache.pekko.http.javadsl.server.Directives.onSuccess;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;
import static org.apache.pekko.http.javadsl.server.Directives.post;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.etp.access.AccessControl;
import io.etp.access.Role;
import io.etp.forecast.DayAheadForecast;
import io.etp.optimize.BidBuilder;
import io.etp.optimize.DispatchInterval;
import io.etp.optimize.DispatchProblem;
import io.etp.optimize.DispatchSchedule;
import io.etp.optimize.InfeasibleDispatchException;
import io.etp.optimize.PeriodBid;
import io.etp.optimize.StorageDispatchOptimizer;
import io.etp.optimize.StorageSpec;
import io.etp.pipeline.DayResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.ExceptionHandler;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;

/**
 * Market intelligence over REST: {@code GET /api/forecasts/{zone}} (the latest day-ahead forecast, viewer),
 * {@code GET /api/market/results} (the decision pipeline's latest days, viewer) and {@code POST /api/optimise} (a
 * battery spec with prices or a zone: the optimal schedule and its bids, operator). Shapes in docs/pipeline.md.
 *
 * <p>Failures are answered as the gateway's {@link ApiProblem}s: a bad spec or body 400 with a reason code, an unknown
 * zone or no forecast yet 404, an infeasible problem 422, an ask timeout 503. Concatenate before the gateway's routes.
 */
public final class MarketIntelligenceRoutes {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  /** Longest horizon POST /api/optimise accepts (a week of 5-minute periods). */
  static final int MAX_PERIODS = 2016;
  /**
   * Largest price magnitude POST /api/optimise accepts, per MWh: a thousand times the EU day-ahead cap; absurd
   * numbers (1e300) made the solver fail with a 500, now they are a 400 {@code invalid_prices}.
   */
  static final double MAX_ABS_PRICE_PER_MWH = 1e6;
  /** Largest magnitude of any battery number in POST /api/optimise (kW, kWh, efficiency, cost): else 400 invalid_battery. */
  static final double MAX_BATTERY_VALUE = 1e9;

  private final MarketIntelligenceView view;
  private final AccessControl access;
  private final Executor solver;

  /**
   * @param solver where optimisations run (the blocking dispatcher, never the HTTP threads)
   */
  public MarketIntelligenceRoutes(MarketIntelligenceView view, AccessControl access, Executor solver) {
    this.view = view;
    this.access = access;
    this.solver = solver;
  }

  public Route routes() {
    return pathPrefix("api", () -> concat(
        path(segment("forecasts").slash(segment()), zone -> get(() -> failures(() -> forecast(zone)))),
        path(segment("market").slash("results"), () -> get(() -> failures(this::results))),
        path("optimise", () -> post(() -> failures(this::optimise)))));
  }

  private static Route failures(java.util.function.Supplier<Route> inner) {
    return handleExceptions(ExceptionHandler.newBuilder()
        .matchAny(t -> complete(ApiFailures.problemFor(t).response())).build(), inner);
  }

  private Route forecast(String zone) {
    return access.require(Role.VIEWER, caller -> onSuccess(view.latestForecast(zone), f -> f
        .map(forecast -> json(forecastJson(forecast)))
        .orElseGet(() -> complete(new ApiProblem(StatusCodes.NOT_FOUND, "forecast_not_found",
            "no forecast for zone '" + zone + "' (unknown zone, or the first forecast is not ready yet)").response()))));
  }

  private Route results() {
    return access.require(Role.VIEWER, caller -> onSuccess(view.pipelineResults(), days -> {
      ArrayNode array = MAPPER.createArrayNode();
      days.forEach(d -> array.add(dayJson(d)));
      ObjectNode body = MAPPER.createObjectNode();
      body.set("days", array);
      return json(body);
    }));
  }

  private Route optimise() {
    return access.require(Role.OPERATOR, caller -> entity(Unmarshaller.entityToString(), body -> {
      OptimiseRequest request = OptimiseRequest.parse(body);
      CompletionStage<List<Double>> prices = request.prices().isPresent()
          ? CompletableFuture.completedFuture(request.prices().get())
          : view.latestForecast(request.zone().orElseThrow()).thenApply(f -> f.map(DayAheadForecast::pricesPerMwh)
              .orElseThrow(() -> new NotFound("forecast_not_found", "no forecast for zone '" + request.zone().get()
                  + "' (unknown zone, or the first forecast is not ready yet)")));
      CompletionStage<ObjectNode> answer = prices.thenApplyAsync(p -> solve(request, p), solver);
      return onSuccess(answer, MarketIntelligenceRoutes::json);
    }));
  }

  /** The request and its prices as a dispatch problem; a {@code ValidationException} (400) when they make none. */
  static DispatchProblem problem(OptimiseRequest request, List<Double> prices) {
    try {
      return DispatchProblem.of(request.storage(), request.period(), prices);
    } catch (IllegalArgumentException e) {
      throw new ValidationException("invalid_problem", e.getMessage());
    }
  }

  static ObjectNode solve(OptimiseRequest request, List<Double> prices) {
    DispatchProblem problem = problem(request, prices);
    DispatchSchedule schedule;
    try {
      schedule = new StorageDispatchOptimizer().optimise(problem);
    } catch (InfeasibleDispatchException e) {
      throw new Infeasible(e.getMessage());
    }
    List<PeriodBid> bids = BidBuilder.fromSchedule(schedule, request.storage());
    ObjectNode out = MAPPER.createObjectNode();
    request.zone().ifPresent(z -> out.put("zone", z));
    out.put("periods", problem.periods());
    out.put("period_minutes", request.period().toMinutes());
    out.put("market_revenue", schedule.marketRevenue());
    out.put("throughput_cost", schedule.throughputCost());
    out.put("profit", schedule.profit());
    ArrayNode intervals = out.putArray("schedule");
    for (DispatchInterval i : schedule.intervals()) {
      intervals.addObject().put("period", i.period()).put("charge_kw", i.chargeKw()).put("discharge_kw", i.dischargeKw())
          .put("soc_end_kwh", i.socEndKwh()).put("price_per_mwh", i.pricePerMwh());
    }
    ArrayNode bidArray = out.putArray("bids");
    for (PeriodBid b : bids) {
      bidArray.addObject().put("period", b.period()).put("side", b.side().name().toLowerCase(java.util.Locale.ROOT))
          .put("quantity_kwh", b.quantityKwh()).put("limit_price_per_mwh", b.limitPricePerMwh());
    }
    return out;
  }

  /** The body of POST /api/optimise, validated. */
  record OptimiseRequest(StorageSpec storage, Duration period, Optional<List<Double>> prices, Optional<String> zone) {

    static OptimiseRequest parse(String body) {
      JsonNode root;
      try {
        root = io.etp.web.JsonBodies.readTree(body);
      } catch (java.io.IOException e) {
        throw new ValidationException("malformed_json", "the body is not JSON");
      }
      if (root == null || !root.isObject()) throw new ValidationException("malformed_json", "the body is not a JSON object");
      JsonNode b = root.path("battery");
      if (!b.isObject()) throw new ValidationException("invalid_battery", "battery (an object) is required");
      StorageSpec spec;
      try {
        double capacity = number(b, "max_soc_kwh", Double.NaN);
        spec = new StorageSpec(number(b, "max_charge_kw", Double.NaN), number(b, "max_discharge_kw", Double.NaN),
            number(b, "min_soc_kwh", 0), capacity, number(b, "initial_soc_kwh", 0), number(b, "end_soc_target_kwh", 0),
            number(b, "charge_efficiency", Double.NaN), number(b, "discharge_efficiency", Double.NaN),
            number(b, "throughput_cost_per_kwh", 0));
      } catch (IllegalArgumentException e) {
        throw new ValidationException("invalid_battery", e.getMessage());
      }
      long minutes = root.path("period_minutes").asLong(60);
      if (minutes < 1 || minutes > 1440 || !(root.path("period_minutes").isMissingNode()
          || root.path("period_minutes").canConvertToLong())) {
        throw new ValidationException("invalid_period", "period_minutes must be an integer from 1 to 1440");
      }
      JsonNode p = root.path("prices_per_mwh");
      JsonNode z = root.path("zone");
      if (p.isMissingNode() == z.isMissingNode()) {
        throw new ValidationException("invalid_prices", "give exactly one of prices_per_mwh (an array) or zone");
      }
      if (!z.isMissingNode()) {
        if (!z.isTextual() || z.asText().isBlank()) throw new ValidationException("invalid_zone", "zone must be a name");
        return new OptimiseRequest(spec, Duration.ofMinutes(minutes), Optional.empty(), Optional.of(z.asText()));
      }
      if (!p.isArray() || p.isEmpty() || p.size() > MAX_PERIODS) {
        throw new ValidationException("invalid_prices", "prices_per_mwh must be an array of 1 to " + MAX_PERIODS
            + " numbers");
      }
      List<Double> prices = new ArrayList<>(p.size());
      for (JsonNode n : p) {
        if (!n.isNumber()) throw new ValidationException("invalid_prices", "prices_per_mwh must hold numbers only");
        double price = n.asDouble();
        if (!Double.isFinite(price) || Math.abs(price) > MAX_ABS_PRICE_PER_MWH) {
          throw new ValidationException("invalid_prices", "prices_per_mwh must lie from -" + (long) MAX_ABS_PRICE_PER_MWH
              + " to " + (long) MAX_ABS_PRICE_PER_MWH + " per MWh; got " + n.asText());
        }
        prices.add(price);
      }
      return new OptimiseRequest(spec, Duration.ofMinutes(minutes), Optional.of(prices), Optional.empty());
    }

    private static double number(JsonNode battery, String field, double missing) {
      JsonNode n = battery.path(field);
      if (n.isMissingNode()) {
        if (Double.isNaN(missing)) throw new IllegalArgumentException("battery." + field + " is required");
        return missing;
      }
      if (!n.isNumber()) throw new IllegalArgumentException("battery." + field + " must be a number");
      double value = n.asDouble();
      if (!Double.isFinite(value) || Math.abs(value) > MAX_BATTERY_VALUE) {
        throw new IllegalArgumentException("battery." + field + " must lie from -" + (long) MAX_BATTERY_VALUE + " to "
            + (long) MAX_BATTERY_VALUE + "; got " + n.asText());
      }
      return value;
    }
  }

  /** 422: the problem is well-formed but has no feasible schedule. */
  static final class Infeasible extends RuntimeException implements ProblemException {
    Infeasible(String message) {
      super(message);
    }

    @Override
    public ApiProblem problem() {
      return new ApiProblem(StatusCodes.UNPROCESSABLE_ENTITY, "infeasible", getMessage());
    }
  }

  /** 404 with a reason code. */
  static final class NotFound extends RuntimeException implements ProblemException {
    private final String code;

    NotFound(String code, String message) {
      super(message);
      this.code = code;
    }

    @Override
    public ApiProblem problem() {
      return new ApiProblem(StatusCodes.NOT_FOUND, code, getMessage());
    }
  }

  static ObjectNode forecastJson(DayAheadForecast f) {
    ObjectNode n = MAPPER.createObjectNode().put("zone", f.zone()).put("delivery_day", f.deliveryDay().toString())
        .put("model", f.model()).put("currency", f.currency()).put("issued_at", f.issuedAt().toString());
    ArrayNode perMwh = n.putArray("prices_per_mwh");
    ArrayNode cPerKwh = n.putArray("prices_c_per_kwh");
    for (int h = 0; h < f.pricesPerMwh().size(); h++) {
      perMwh.add(f.pricePerMwh(h));
      cPerKwh.add(f.priceCPerKwh(h));
    }
    return n;
  }

  static ObjectNode dayJson(DayResult d) {
    ObjectNode n = MAPPER.createObjectNode().put("zone", d.zone()).put("day", d.day().toString())
        .put("model", d.model()).put("currency", d.currency()).put("forecast_mae_per_mwh", d.forecastMaePerMwh())
        .put("batteries", d.batteries()).put("infeasible", d.infeasible()).put("bids_submitted", d.bidsSubmitted())
        .put("bids_rejected", d.bidsRejected()).put("sold_kwh", d.soldKwh()).put("bought_kwh", d.boughtKwh())
        .put("revenue", d.revenue()).put("mean_real_per_mwh", d.meanRealPerMwh());
    if (Double.isFinite(d.meanClearingPerMwh())) n.put("mean_clearing_per_mwh", d.meanClearingPerMwh());
    ObjectNode reasons = n.putObject("rejected_by_reason");
    d.rejectedByReason().forEach((k, v) -> reasons.put(k.name(), v));
    return n;
  }

  private static Route json(ObjectNode body) {
    return complete(StatusCodes.OK, HttpEntities.create(ContentTypes.APPLICATION_JSON, body.toString()));
  }
}
