package io.etp.api;

import io.etp.web.MoneyJson;
import io.etp.money.MarketCurrency;
import io.etp.money.Amount;
import io.etp.web.ApiProblem;
import io.etp.web.ValidationException;
import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.handleExceptions;
import static org.apache.pekko.http.javadsl.server.Directives.onSuccess;
import static org.apache.pekko.http.javadsl.server.Directives.parameterMap;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.etp.access.AccessControl;
import io.etp.access.Role;
import io.etp.readmodel.Cursor;
import io.etp.readmodel.HistoryFilter;
import io.etp.readmodel.HistoryQueries;
import io.etp.readmodel.Page;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.ExceptionHandler;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * History read from the projected read tables ({@link HistoryQueries}), newest first, in keyset pages:
 * {@code GET /api/auctions/history}, {@code GET /api/trades/history}, {@code GET /api/trades/summary},
 * {@code GET /api/batteries/{id}/telemetry} (viewer) and {@code GET /api/batteries/{id}/audit} (operator: the bid
 * audit trail shows every aggregator's bids). Filters: {@code from}, {@code to} (ISO-8601 instants, [from, to)),
 * {@code battery}, {@code aggregator}, {@code status} (auctions), {@code limit} (1-1000, default 100) and the opaque
 * {@code cursor} of the previous page's {@code next_cursor}. Unknown parameters are a 400. Queries run on
 * {@code queries}, a blocking executor, never on the HTTP threads.
 */
public final class HistoryRoutes {

  private static final int DEFAULT_LIMIT = 100;
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:@-]{1,128}");
  private static final Pattern STATUS = Pattern.compile("[A-Z_]{1,32}");
  private static final Set<String> HISTORY_PARAMS = Set.of("from", "to", "battery", "aggregator", "limit", "cursor");
  private static final Set<String> AUCTION_PARAMS = Set.of("from", "to", "battery", "aggregator", "status", "limit",
      "cursor");
  private static final Set<String> SUMMARY_PARAMS = Set.of("from", "to", "battery", "aggregator");
  private static final Set<String> BATTERY_PARAMS = Set.of("from", "to", "limit", "cursor");

  private final HistoryQueries queries;
  private final AccessControl access;
  private final Executor blocking;
  private final MarketCurrency currency;

  /** @param currency the market's currency (etp.market.currency): a trade's amount is paid in it */
  public HistoryRoutes(HistoryQueries queries, AccessControl access, Executor blocking, MarketCurrency currency) {
    this.currency = currency;
    this.queries = queries;
    this.access = access;
    this.blocking = blocking;
  }

  public Route routes() {
    return pathPrefix("api", () -> handleExceptions(ExceptionHandler.newBuilder()
        .matchAny(t -> complete(ApiFailures.problemFor(t).response())).build(), () -> concat(
        path(segment("auctions").slash("history"), () -> get(() -> viewer(AUCTION_PARAMS, f ->
            run(() -> queries.auctions(f), HistoryRoutes::auction)))),
        path(segment("trades").slash("history"), () -> get(() -> viewer(HISTORY_PARAMS, f ->
            run(() -> queries.trades(f), t -> trade(t, currency))))),
        path(segment("trades").slash("summary"), () -> get(() -> viewer(SUMMARY_PARAMS, this::summary))),
        path(segment("batteries").slash(segment()).slash("telemetry"), id -> get(() ->
            battery(Role.VIEWER, id, f -> queries.telemetry(id, f), HistoryRoutes::telemetry))),
        path(segment("batteries").slash(segment()).slash("audit"), id -> get(() ->
            battery(Role.OPERATOR, id, f -> queries.audit(id, f), HistoryRoutes::audit))))));
  }

  private Route viewer(Set<String> allowed, Function<HistoryFilter, Route> inner) {
    return access.require(Role.VIEWER, caller -> parameterMap(params -> inner.apply(filter(params, allowed))));
  }

  private <T> Route battery(Role role, String batteryId, Function<HistoryFilter, Page<T>> query,
      Function<T, ObjectNode> toJson) {
    return access.require(role, caller -> parameterMap(params -> {
      id("battery id", batteryId);
      HistoryFilter f = filter(params, BATTERY_PARAMS);
      return onSuccess(CompletableFuture.supplyAsync(() -> {
        if (!queries.batteryKnown(batteryId)) {
          return Optional.<Page<T>>empty();
        }
        return Optional.of(guarded(() -> query.apply(f)));
      }, blocking), page -> page.map(p -> json(pageJson(p, toJson)))
          .orElseGet(() -> complete(new ApiProblem(StatusCodes.NOT_FOUND, "battery_not_found",
              "no battery '" + batteryId + "' in the read models").response())));
    }));
  }

  private Route summary(HistoryFilter f) {
    return onSuccess(CompletableFuture.supplyAsync(() -> queries.tradeSummary(f), blocking), s -> {
      ObjectNode n = RequestBodies.MAPPER.createObjectNode().put("trades", s.trades());
      MoneyJson.put(n, "energy_kwh", s.energyKwh());
      s.averagePriceCPerKwh().ifPresent(v -> MoneyJson.put(n, "average_price_c_per_kwh", v));
      s.minPriceCPerKwh().ifPresent(v -> MoneyJson.put(n, "min_price_c_per_kwh", v));
      s.maxPriceCPerKwh().ifPresent(v -> MoneyJson.put(n, "max_price_c_per_kwh", v));
      n.put("currency", currency.code());
      return json(n.put("open_auctions", s.openAuctions()));
    });
  }

  private <T> Route run(Supplier<Page<T>> query, Function<T, ObjectNode> toJson) {
    return onSuccess(CompletableFuture.supplyAsync(() -> guarded(query), blocking),
        page -> json(pageJson(page, toJson)));
  }

  /** A cursor that decodes but does not fit the history it is used on is a bad request, like any other bad cursor. */
  private static <T> T guarded(Supplier<T> query) {
    try {
      return query.get();
    } catch (IllegalArgumentException e) {
      throw new ValidationException("invalid_cursor", e.getMessage());
    }
  }

  // ---------------------------------------------------------------- parameters

  static HistoryFilter filter(Map<String, String> params, Set<String> allowed) {
    for (String name : params.keySet()) {
      if (!allowed.contains(name)) {
        throw new ValidationException("unknown_parameter",
            "unknown parameter '" + name + "'; allowed: " + String.join(", ", allowed.stream().sorted().toList()));
      }
    }
    Optional<Instant> from = RequestBodies.instant(Optional.ofNullable(params.get("from")), "from");
    Optional<Instant> to = RequestBodies.instant(Optional.ofNullable(params.get("to")), "to");
    if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
      throw new ValidationException("invalid_range", "from must be before to");
    }
    Optional<String> battery = Optional.ofNullable(params.get("battery")).map(v -> id("battery", v));
    Optional<String> aggregator = Optional.ofNullable(params.get("aggregator")).map(v -> id("aggregator", v));
    Optional<String> status = Optional.ofNullable(params.get("status")).map(v -> {
      String upper = v.toUpperCase(java.util.Locale.ROOT);
      if (!STATUS.matcher(upper).matches()) {
        throw new ValidationException("invalid_status", "status must be e.g. OPEN, COMPLETED, CANCELLED");
      }
      return upper;
    });
    Optional<Cursor> cursor = Optional.ofNullable(params.get("cursor")).map(v -> {
      try {
        return Cursor.decode(v);
      } catch (IllegalArgumentException e) {
        throw new ValidationException("invalid_cursor", e.getMessage());
      }
    });
    return new HistoryFilter(from, to, battery, aggregator, status,
        RequestBodies.limit(Optional.ofNullable(params.get("limit")), DEFAULT_LIMIT, HistoryFilter.MAX_LIMIT), cursor);
  }

  private static String id(String what, String value) {
    if (!ID.matcher(value).matches()) {
      throw new ValidationException("invalid_id", what + " must be 1-128 characters of A-Z a-z 0-9 . _ : @ -");
    }
    return value;
  }

  // ---------------------------------------------------------------- JSON

  private static <T> ObjectNode pageJson(Page<T> page, Function<T, ObjectNode> toJson) {
    ObjectNode body = RequestBodies.MAPPER.createObjectNode();
    ArrayNode items = body.putArray("items");
    page.items().forEach(item -> items.add(toJson.apply(item)));
    page.next().ifPresentOrElse(c -> body.put("next_cursor", c.encode()), () -> body.putNull("next_cursor"));
    return body;
  }

  static ObjectNode auction(HistoryQueries.AuctionRow a) {
    ObjectNode n = RequestBodies.MAPPER.createObjectNode().put("auction_id", a.auctionId()).put("battery_id", a.batteryId())
        .put("mechanism", a.mechanism());
    MoneyJson.put(n, "lot_kwh", a.lotKwh());
    MoneyJson.put(n, "reserve_c_per_kwh", a.reserveCPerKwh());
    n.put("opened_at", a.openedAt().toString()).put("closes_at", a.closesAt().toString())
        .put("status", a.status());
    a.winnerId().ifPresent(v -> n.put("winner_id", v));
    a.clearingCPerKwh().ifPresent(v -> MoneyJson.put(n, "clearing_c_per_kwh", v));
    a.energyKwh().ifPresent(v -> MoneyJson.put(n, "energy_kwh", v));
    a.bidders().ifPresent(v -> n.put("bidders", v));
    a.endedAt().ifPresent(v -> n.put("ended_at", v.toString()));
    return n;
  }

  /** A trade with its amount: energy x price, rounded once to the currency's minor unit (io.etp.money.Amount). */
  static ObjectNode trade(HistoryQueries.TradeRow t, MarketCurrency currency) {
    ObjectNode n = RequestBodies.MAPPER.createObjectNode().put("auction_id", t.auctionId())
        .put("battery_id", t.batteryId()).put("aggregator_id", t.aggregatorId());
    MoneyJson.put(n, "energy_kwh", t.energyKwh());
    MoneyJson.put(n, "price_c_per_kwh", t.priceCPerKwh());
    MoneyJson.putAmount(n, "amount", Amount.of(t.energyKwh(), t.priceCPerKwh(), currency));
    return n.put("confirmed_at", t.confirmedAt().toString());
  }

  static ObjectNode audit(HistoryQueries.AuditRow a) {
    ObjectNode n = RequestBodies.MAPPER.createObjectNode().put("auction_id", a.auctionId())
        .put("aggregator_id", a.aggregatorId()).put("message_id", a.messageId());
    MoneyJson.put(n, "price_c_per_kwh", a.priceCPerKwh());
    MoneyJson.put(n, "energy_kwh", a.energyKwh());
    return n.put("decision", a.decision()).put("reason", a.reason()).put("at", a.at().toString());
  }

  static ObjectNode telemetry(HistoryQueries.TelemetryRow t) {
    ObjectNode n = RequestBodies.MAPPER.createObjectNode().put("seq_nr", t.seqNr()).put("kind", t.kind());
    t.capacityKwh().ifPresent(v -> MoneyJson.put(n, "capacity_kwh", v));
    t.remainingKwh().ifPresent(v -> MoneyJson.put(n, "remaining_kwh", v));
    t.voltageV().ifPresent(v -> n.put("voltage_v", v));
    t.dischargeRateKw().ifPresent(v -> n.put("discharge_rate_kw", v));
    t.health().ifPresent(v -> n.put("health", v));
    t.detail().ifPresent(v -> n.put("detail", v));
    return n.put("at", t.at().toString());
  }

  private static Route json(ObjectNode body) {
    return RequestBodies.json(StatusCodes.OK, body);
  }
}
