package io.etp.api;

import io.etp.web.MoneyJson;
import io.etp.money.MarketCurrency;
import io.etp.money.Amount;
import io.etp.money.Decimals;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.apache.pekko.NotUsed;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.ContentDisposition;
import org.apache.pekko.http.javadsl.model.headers.ContentDispositionTypes;
import org.apache.pekko.http.javadsl.server.ExceptionHandler;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.connectors.csv.javadsl.CsvFormatting;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;

/**
 * History read from the projected read tables ({@link HistoryQueries}), newest first, in keyset pages:
 * {@code GET /api/auctions/history}, {@code GET /api/trades} (the history with each trade's reserve; {@code since} is
 * read as {@code from}), {@code GET /api/trades/history}, {@code GET /api/trades/summary}, the CSV export
 * {@code GET /api/trades/export?from=&to=} (oldest first, streamed),
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
  /** {@code GET /api/trades}: the history parameters, and {@code since}, the older name of {@code from}. */
  private static final Set<String> TRADES_PARAMS = Set.of("from", "to", "since", "battery", "aggregator", "limit",
      "cursor");
  private static final Set<String> EXPORT_PARAMS = Set.of("from", "to", "battery", "aggregator");
  /** Rows the CSV export reads per query: at most this many trades are in memory per export. */
  static final int EXPORT_BATCH = 1000;
  private static final List<String> EXPORT_HEADER = List.of("auction_id", "battery_id", "aggregator_id", "energy_kwh",
      "price_c_per_kwh", "amount", "currency", "confirmed_at");
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
        path("trades", () -> get(() -> access.require(Role.VIEWER, caller -> parameterMap(params ->
            run(() -> queries.tradeListing(filter(sinceAsFrom(params), TRADES_PARAMS)), l -> listing(l, currency)))))),
        path(segment("trades").slash("export"), () -> get(() -> access.require(Role.VIEWER, caller ->
            parameterMap(params -> export(exportFilter(params)))))),
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

  /**
   * The trades of a time range as CSV, oldest first, streamed: a Pekko Streams source reads {@link #EXPORT_BATCH}
   * rows at a time on the blocking executor, each query continuing after the last row of the one before (keyset, so
   * no row is skipped or repeated), and the response is chunked as the rows come. A database failure part way
   * through ends the response early (the client sees a truncated body without the final chunk).
   */
  private Route export(HistoryFilter range) {
    HistoryFilter batch = new HistoryFilter(range.from(), range.to(), range.battery(), range.aggregator(),
        Optional.empty(), EXPORT_BATCH, Optional.empty());
    Source<List<HistoryQueries.TradeRow>, NotUsed> batches = Source.unfoldAsync(new ExportPosition(Optional.empty(),
        false), position -> position.done()
        ? CompletableFuture.completedFuture(Optional.empty())
        : CompletableFuture.supplyAsync(() -> {
          List<HistoryQueries.TradeRow> rows = queries.tradesOldestFirst(batch, position.after());
          if (rows.isEmpty()) {
            return Optional.empty();
          }
          HistoryQueries.TradeRow last = rows.get(rows.size() - 1);
          return Optional.of(Pair.create(new ExportPosition(Optional.of(new Cursor(last.confirmedAt().toEpochMilli(),
              last.auctionId())), rows.size() < EXPORT_BATCH), rows));
        }, blocking));
    Source<ByteString, NotUsed> csv = Source.single(EXPORT_HEADER)
        .concat(batches.mapConcat(rows -> rows).map(t -> csvRow(t, currency)))
        .via(CsvFormatting.<List<String>>format())
        .grouped(200)
        .map(lines -> lines.stream().reduce(ByteString.emptyByteString(), ByteString::concat));
    String name = "trades_" + range.from().orElseThrow() + "_" + range.to().orElseThrow() + ".csv";
    return complete(HttpResponse.create().withStatus(StatusCodes.OK)
        .addHeader(ContentDisposition.create(ContentDispositionTypes.ATTACHMENT,
            Map.of("filename", name.replace(':', '-'))))
        .withEntity(HttpEntities.createChunked(ContentTypes.TEXT_CSV_UTF8, csv)));
  }

  private record ExportPosition(Optional<Cursor> after, boolean done) {}

  /** A trade as one CSV record: the fields of {@code /api/trades/history}, numbers exactly as the JSON shows them. */
  static List<String> csvRow(HistoryQueries.TradeRow t, MarketCurrency currency) {
    Amount amount = Amount.of(t.energyKwh(), t.priceCPerKwh(), currency);
    return List.of(t.auctionId(), t.batteryId(), t.aggregatorId(), Decimals.plain(t.energyKwh().value()).toPlainString(),
        Decimals.plain(t.priceCPerKwh().value()).toPlainString(), amount.value().toPlainString(),
        amount.currency().code(), t.confirmedAt().toString());
  }

  /** The export's filter: {@code from} and {@code to} are both required (a year of trades is fine; all time is not). */
  static HistoryFilter exportFilter(Map<String, String> params) {
    HistoryFilter f = filter(params, EXPORT_PARAMS);
    if (f.from().isEmpty() || f.to().isEmpty()) {
      throw new ValidationException("invalid_range",
          "the export needs both from and to (ISO-8601 instants, from before to), e.g."
              + " from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z");
    }
    return f;
  }

  /** {@code since}, what {@code GET /api/trades} took before it was paginated, is read as {@code from}. */
  static Map<String, String> sinceAsFrom(Map<String, String> params) {
    if (!params.containsKey("since")) {
      return params;
    }
    if (params.containsKey("from")) {
      throw new ValidationException("invalid_range", "give from or since (its older name), not both");
    }
    RequestBodies.instant(Optional.of(params.get("since")), "since"); // a bad since is invalid_since, as before
    Map<String, String> renamed = new java.util.HashMap<>(params);
    renamed.put("from", renamed.remove("since"));
    return renamed;
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

  /** A trade as {@code GET /api/trades} shows it: the history's fields, {@code trade_id} and the auction's reserve. */
  static ObjectNode listing(HistoryQueries.TradeListing l, MarketCurrency currency) {
    ObjectNode n = trade(l.trade(), currency).put("trade_id", l.trade().auctionId());
    l.reserveCPerKwh().ifPresent(v -> MoneyJson.put(n, "reserve_c_per_kwh", v));
    return n;
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
