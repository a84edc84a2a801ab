package io.etp.api;

import io.etp.web.MoneyJson;
import io.etp.money.PriceCPerKwh;
import io.etp.money.EnergyKwh;
import io.etp.web.ApiProblem;
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
 * Battery twins through REST: {@code POST /api/batteries} registers one (operator; the twin is created or updated by
 * a Register ETP message, as the device would send it), {@code GET /api/batteries/{id}} shows one (viewer),
 * {@code PATCH /api/batteries/{id}/criteria} changes its reserve price and acceptance criteria (operator). The list
 * {@code GET /api/batteries} is {@link MarketRoutes}'. Shapes in docs/api.md.
 */
public final class BatteryRoutes {

  private final MarketCommands market;
  private final AccessControl access;

  public BatteryRoutes(MarketCommands market, AccessControl access) {
    this.market = market;
    this.access = access;
  }

  public Route routes() {
    return pathPrefix("api", () -> pathPrefix("batteries", () -> concat(
        pathEnd(() -> post(this::register)),
        path(segment(), id -> get(() -> show(id))),
        path(segment().slash("criteria"), id -> patch(() -> changeCriteria(id))))));
  }

  private Route register() {
    return access.require(Role.OPERATOR, caller -> entity(Unmarshaller.entityToString(), body -> {
      var registration = registration(body);
      return onSuccess(market.registerBattery(registration), r -> RequestBodies.json(
          r.created() ? StatusCodes.CREATED : StatusCodes.OK, battery(r.battery())));
    }));
  }

  private Route show(String id) {
    return access.require(Role.VIEWER, caller -> onSuccess(market.battery(id), found -> orNotFound(found, id)));
  }

  private Route changeCriteria(String id) {
    return access.require(Role.OPERATOR, caller -> entity(Unmarshaller.entityToString(), body -> {
      var change = criteria(body);
      return onSuccess(market.changeCriteria(id, change), found -> orNotFound(found, id));
    }));
  }

  /** The body of {@code POST /api/batteries}; a {@code ValidationException} (400) when it is not one. */
  static MarketCommands.BatteryRegistration registration(String body) {
    JsonNode json = RequestBodies.object(body);
    String id = RequestBodies.id(RequestBodies.text(json, "battery_id"), "invalid_battery_id");
    double capacity = RequestBodies.required(json, "capacity_kwh", 0.001, 1_000_000);
    Double remaining = RequestBodies.optional(json, "remaining_kwh", 0, capacity);
    Double forSale = RequestBodies.optional(json, "percentage_for_sale", 0, 100);
    Double voltage = RequestBodies.optional(json, "voltage_v", 0, 100_000);
    return new MarketCommands.BatteryRegistration(id, capacity, remaining == null ? capacity : remaining,
        forSale == null ? 100 : forSale, voltage == null ? 0 : voltage);
  }

  /** The body of {@code PATCH /api/batteries/{id}/criteria}; a {@code ValidationException} (400) when it is not one. */
  static MarketCommands.CriteriaChange criteria(String body) {
    JsonNode json = RequestBodies.object(body);
    return new MarketCommands.CriteriaChange(
        RequestBodies.optional(json, "reserve_c_per_kwh", 0, 10_000),
        RequestBodies.optional(json, "min_reputation", 0, 1),
        RequestBodies.optional(json, "safety_margin_kwh", 0, 1_000_000),
        RequestBodies.optional(json, "max_energy_per_trade_kwh", 0.001, 1_000_000));
  }

  private static Route orNotFound(Optional<MarketCommands.BatteryDetail> found, String id) {
    return found.map(b -> RequestBodies.json(StatusCodes.OK, battery(b)))
        .orElseGet(() -> complete(new ApiProblem(StatusCodes.NOT_FOUND, "battery_not_found",
            "no registered battery with id '" + id + "'").response()));
  }

  /** Energies and prices the twin holds as doubles are written at the exact types' scales (io.etp.money's rule). */
  static ObjectNode battery(MarketCommands.BatteryDetail b) {
    ObjectNode n = RequestBodies.MAPPER.createObjectNode()
        .put("battery_id", b.batteryId()).put("availability", b.availability()).put("status", b.status());
    MoneyJson.putFromDouble(n, "capacity_kwh", b.capacityKwh(), EnergyKwh.SCALE);
    MoneyJson.putFromDouble(n, "energy_kwh", b.remainingKwh(), EnergyKwh.SCALE);
    MoneyJson.putFromDouble(n, "for_sale_kwh", b.forSaleKwh(), EnergyKwh.SCALE);
    MoneyJson.putFromDouble(n, "sold_kwh", b.soldKwh(), EnergyKwh.SCALE);
    n.put("health", b.health())
        .put("voltage_v", b.voltageV()).put("discharge_rate_kw", b.dischargeRateKw())
        .put("mechanism", b.mechanism()).put("auctions_opened", b.auctionsOpened());
    ObjectNode criteria = n.putObject("criteria");
    MoneyJson.putFromDouble(criteria, "reserve_c_per_kwh", b.reserveCPerKwh(), PriceCPerKwh.SCALE);
    criteria.put("min_reputation", b.minReputation());
    MoneyJson.putFromDouble(criteria, "safety_margin_kwh", b.safetyMarginKwh(), EnergyKwh.SCALE);
    MoneyJson.putFromDouble(criteria, "max_energy_per_trade_kwh", b.maxEnergyPerTradeKwh(), EnergyKwh.SCALE);
    if (b.openAuctionId() != null) {
      n.put("open_auction_id", b.openAuctionId());
    }
    return n;
  }
}
