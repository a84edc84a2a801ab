package io.etp.api;

import io.etp.web.ApiProblem;
import io.etp.web.ValidationException;
import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.entity;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.onSuccess;
import static org.apache.pekko.http.javadsl.server.Directives.parameterOptional;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathEnd;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;
import static org.apache.pekko.http.javadsl.server.Directives.post;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.etp.access.AccessControl;
import io.etp.access.Role;
import java.util.List;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;

/**
 * The market's REST resources, served from a {@link MarketView} the trading core provides: {@code GET /api/batteries},
 * {@code GET /api/auctions?state=active} (viewer) and {@code POST /api/auctions/{id}/terminate} (operator). Trades are
 * served from the read model by {@link HistoryRoutes}. Shapes are documented in docs/api.md.
 */
public final class MarketRoutes {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final MarketView market;
  private final AccessControl access;

  public MarketRoutes(MarketView market, AccessControl access) {
    this.market = market;
    this.access = access;
  }

  public Route routes() {
    return pathPrefix("api", () -> concat(
        path("batteries", () -> get(this::batteries)),
        pathPrefix("auctions", () -> concat(
            pathEnd(() -> get(this::auctions)),
            path(segment().slash("terminate"), id -> post(() -> terminate(id)))))));
  }

  private Route batteries() {
    return access.require(Role.VIEWER, caller ->
        onSuccess(market.batteries(), list -> json(array(list, MarketRoutes::battery))));
  }

  private Route auctions() {
    return access.require(Role.VIEWER, caller -> parameterOptional("state", state -> {
      if (state.isPresent() && !state.get().equals("active")) {
        throw new ValidationException("invalid_state", "only state=active is served");
      }
      return onSuccess(market.activeAuctions(), list -> json(array(list, MarketRoutes::auction)));
    }));
  }

  private Route terminate(String auctionId) {
    return access.require(Role.OPERATOR, caller -> entity(Unmarshaller.entityToString(), body ->
        onSuccess(market.terminateAuction(auctionId, reason(body), caller.id()), MarketRoutes::termination)));
  }

  private static Route termination(MarketView.Termination outcome) {
    if (outcome instanceof MarketView.Termination.Terminated t) {
      return complete(StatusCodes.ACCEPTED, HttpEntities.create(ContentTypes.APPLICATION_JSON,
          MAPPER.createObjectNode().put("auction_id", t.auctionId()).put("state", "terminated").toString()));
    }
    if (outcome instanceof MarketView.Termination.UnknownAuction u) {
      return complete(new ApiProblem(StatusCodes.NOT_FOUND, "auction_not_found",
          "no auction with id '" + u.auctionId() + "'").response());
    }
    MarketView.Termination.AlreadyClosed closed = (MarketView.Termination.AlreadyClosed) outcome;
    return complete(new ApiProblem(StatusCodes.CONFLICT, "auction_closed",
        "auction '" + closed.auctionId() + "' has already ended").response());
  }

  static String reason(String body) {
    JsonNode node;
    try {
      node = io.etp.web.JsonBodies.readTree(body);
    } catch (java.io.IOException e) {
      throw new ValidationException("malformed_json", "the body is not JSON");
    }
    String reason = node == null ? "" : node.path("reason").asText("").trim();
    if (reason.isEmpty() || reason.length() > 200) {
      throw new ValidationException("invalid_reason", "reason must be 1-200 characters");
    }
    return reason;
  }


  private static Route json(ArrayNode array) {
    return complete(StatusCodes.OK, HttpEntities.create(ContentTypes.APPLICATION_JSON, array.toString()));
  }

  private static <T> ArrayNode array(List<T> items, Function<T, ObjectNode> toJson) {
    ArrayNode array = MAPPER.createArrayNode();
    items.forEach(item -> array.add(toJson.apply(item)));
    return array;
  }

  static ObjectNode battery(MarketView.BatterySnapshot b) {
    ObjectNode n = MAPPER.createObjectNode().put("battery_id", b.batteryId());
    putText(n, "aggregator_id", b.aggregatorId());
    putNumber(n, "energy_kwh", b.energyKwh());
    putNumber(n, "capacity_kwh", b.capacityKwh());
    putNumber(n, "health_pct", b.healthPct());
    putNumber(n, "price_c_per_kwh", b.priceCPerKwh());
    return n.put("status", b.status()).put("updated_at", b.updatedAt().toString());
  }

  static ObjectNode auction(MarketView.AuctionSnapshot a) {
    ObjectNode n = MAPPER.createObjectNode().put("auction_id", a.auctionId()).put("battery_id", a.batteryId())
        .put("reserve_c_per_kwh", a.reserveCPerKwh()).put("energy_kwh", a.energyKwh())
        .put("opened_at", a.openedAt().toString());
    putText(n, "aggregator_id", a.aggregatorId());
    putText(n, "closes_at", a.closesAt() == null ? null : a.closesAt().toString());
    ArrayNode bids = n.putArray("bids");
    a.bids().forEach(b -> bids.addObject().put("aggregator_id", b.aggregatorId())
        .put("price_c_per_kwh", b.priceCPerKwh()).put("energy_kwh", b.energyKwh())
        .put("placed_at", b.placedAt().toString()).put("status", b.status()));
    return n;
  }

  private static void putText(ObjectNode node, String field, String value) {
    if (value != null) {
      node.put(field, value);
    }
  }

  private static void putNumber(ObjectNode node, String field, Double value) {
    if (value != null) {
      node.put(field, value);
    }
  }
}
