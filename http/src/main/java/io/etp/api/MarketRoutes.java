package io.etp.api;

import io.etp.web.MoneyJson;
import io.etp.money.PriceCPerKwh;
import io.etp.money.MarketCurrency;
import io.etp.money.EnergyKwh;
import io.etp.money.Amount;
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
  private final MarketCurrency currency;

  /** @param currency the market's currency (etp.market.currency): a trade's amount is paid in it */
  public MarketRoutes(MarketView market, AccessControl access, MarketCurrency currency) {
    this.market = market;
    this.access = access;
    this.currency = currency;
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
    // a device's telemetry and the battery's reserve arrive as doubles: shown at the exact types' scales
    MoneyJson.putFromDouble(n, "energy_kwh", b.energyKwh(), EnergyKwh.SCALE);
    MoneyJson.putFromDouble(n, "capacity_kwh", b.capacityKwh(), EnergyKwh.SCALE);
    putNumber(n, "health_pct", b.healthPct());
    MoneyJson.putFromDouble(n, "price_c_per_kwh", b.priceCPerKwh(), PriceCPerKwh.SCALE);
    return n.put("status", b.status()).put("updated_at", b.updatedAt().toString());
  }

  static ObjectNode auction(MarketView.AuctionSnapshot a) {
    ObjectNode n = MAPPER.createObjectNode().put("auction_id", a.auctionId()).put("battery_id", a.batteryId());
    MoneyJson.put(n, "reserve_c_per_kwh", a.reserveCPerKwh());
    MoneyJson.put(n, "energy_kwh", a.energyKwh());
    n.put("opened_at", a.openedAt().toString());
    putText(n, "aggregator_id", a.aggregatorId());
    putText(n, "closes_at", a.closesAt() == null ? null : a.closesAt().toString());
    ArrayNode bids = n.putArray("bids");
    a.bids().forEach(b -> {
      ObjectNode bid = bids.addObject().put("aggregator_id", b.aggregatorId());
      MoneyJson.put(bid, "price_c_per_kwh", b.priceCPerKwh());
      MoneyJson.put(bid, "energy_kwh", b.energyKwh());
      bid.put("placed_at", b.placedAt().toString()).put("status", b.status());
    });
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
