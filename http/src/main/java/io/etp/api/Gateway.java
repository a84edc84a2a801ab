package io.etp.api;

import io.etp.money.MarketCurrency;
import io.etp.web.AllowedHosts;
import io.etp.web.Cors;
import io.etp.web.CorsSettings;
import static org.apache.pekko.http.javadsl.server.Directives.concat;

import com.typesafe.config.Config;
import io.etp.access.AccessControl;
import io.etp.access.AccessDatabase;
import io.etp.access.AccessSettings;
import io.etp.access.AdminBootstrap;
import io.etp.access.AuditEvent;
import io.etp.access.AuditKind;
import io.etp.access.AuthFailureLimiter;
import io.etp.access.ClientAddresses;
import io.etp.access.ApiKeyRoutes;
import io.etp.access.ApiKeyStore;
import io.etp.access.AuditRoutes;
import io.etp.access.Authenticator;
import io.etp.access.JdbcApiKeyStore;
import io.etp.access.JdbcAuditLog;
import io.etp.access.TokenBuckets;
import io.etp.dashboard.DashboardRoutes;
import io.etp.live.EventHub;
import io.etp.live.LiveConnections;
import io.etp.live.LiveEventPublisher;
import io.etp.live.LiveRoutes;
import io.etp.live.LiveSettings;
import io.etp.persistence.SchemaMigrations;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.http.javadsl.server.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's live gateway assembled from configuration: the event hub, the API key store and audit log on the
 * journal's database, the access gate, CORS, and the routes for the dashboard, {@code /ws/events}, {@code /api/events},
 * {@code /api/keys} and {@code /api/audit}. The trading core publishes through {@link #publisher()}.
 */
public final class Gateway {

  private static final Logger log = LoggerFactory.getLogger(Gateway.class);

  private final EventHub hub;
  private final Route routes;
  private final CompletionStage<AdminBootstrap.Outcome> bootstrap;
  private final AccessControl access;

  private Gateway(EventHub hub, Route routes, CompletionStage<AdminBootstrap.Outcome> bootstrap,
      AccessControl access) {
    this.hub = hub;
    this.routes = routes;
    this.bootstrap = bootstrap;
    this.access = access;
  }

  /**
   * Starts the gateway without the market's REST resources (the trading core is not wired): the dashboard then works
   * from the live stream alone.
   */
  public static Gateway start(ActorSystem<?> system, Config config) {
    return start(system, config, Optional.empty());
  }

  /**
   * Starts the gateway's parts on {@code system}; they stop with the system's coordinated shutdown. With a
   * {@link MarketView}, {@code /api/batteries}, {@code /api/auctions} and {@code /api/trades} are served from it. The
   * database schema (V3__access.sql) must have been migrated, as Main does on start.
   */
  public static Gateway start(ActorSystem<?> system, Config config, Optional<MarketView> market) {
    return start(system, config, EventHub.start(LiveSettings.fromConfig(config), Materializer.matFromSystem(system)),
        market);
  }

  /**
   * As {@link #start(ActorSystem, Config, Optional)}, on a hub the caller started (so the trading core can publish
   * to it before the gateway exists). The gateway shuts the hub down with the node.
   */
  public static Gateway start(ActorSystem<?> system, Config config, EventHub hub, Optional<MarketView> market) {
    return start(system, config, hub, market, Optional.empty());
  }

  /**
   * As {@link #start(ActorSystem, Config, EventHub, Optional)}, also serving the market's commands from
   * {@code commands}: {@code /api/batteries} (register, one battery, criteria) and {@code /api/aggregators}.
   */
  public static Gateway start(ActorSystem<?> system, Config config, EventHub hub, Optional<MarketView> market,
      Optional<MarketCommands> commands) {
    Clock clock = Clock.systemUTC();
    LiveSettings liveSettings = LiveSettings.fromConfig(config);
    AccessSettings accessSettings = AccessSettings.fromConfig(config);
    AllowedHosts hosts = AllowedHosts.fromConfig(config);
    Cors cors = new Cors(CorsSettings.fromConfig(config), hosts);

    SchemaMigrations.Target target = SchemaMigrations.Target.fromConfig(config);
    AccessDatabase db = new AccessDatabase(target.url(), target.user(), target.password(), accessSettings.dbQueue());
    ApiKeyStore store = new JdbcApiKeyStore(db, clock);
    JdbcAuditLog audit = new JdbcAuditLog(db, accessSettings.auditQueue(), accessSettings.auditBatch());
    Authenticator authenticator = new Authenticator(store, accessSettings.cacheTtl(),
        accessSettings.anonymousLoopbackViewer(), clock);
    Optional<TokenBuckets> rateLimit = accessSettings.rateLimitEnabled()
        ? Optional.of(new TokenBuckets(accessSettings.rateLimitBurst(), accessSettings.rateLimitPerSecond(),
            accessSettings.rateLimitMaxBuckets(), clock))
        : Optional.empty();
    AuthFailureLimiter failures = new AuthFailureLimiter(accessSettings.authFailureBurst(),
        accessSettings.authFailurePerSecond(), accessSettings.authFailureMaxSources(), clock);
    AccessControl access = new AccessControl(authenticator, rateLimit, failures, ClientAddresses.fromConfig(config),
        hosts, audit, clock);
    Duration summaryEvery = accessSettings.authFailureSummaryInterval();
    Cancellable summaries = system.scheduler().scheduleAtFixedRate(summaryEvery, summaryEvery,
        () -> failures.drainSummary().ifPresent(summary -> {
          log.warn("{} failed authentications refused (429, not audited one by one) in the last {} s",
              summary.refused(), summary.over().toSeconds());
          audit.record(new AuditEvent(clock.instant(), AuditKind.AUTH_FAILED, null, null, "(summary)",
              summary.refused() + " further failed authentications refused with 429 in the last "
                  + summary.over().toSeconds() + " s"));
        }), system.executionContext());
    CompletionStage<AdminBootstrap.Outcome> bootstrap = AdminBootstrap.run(accessSettings, store, audit, clock,
        System.out);
    bootstrap.whenComplete((outcome, failure) -> {
      if (failure != null) {
        log.error("admin key bootstrap failed: {}", failure.getMessage());
      }
    });

    LiveConnections connections = new LiveConnections();
    List<Route> resources = new ArrayList<>(List.of(
        new DashboardRoutes().routes(),
        new LiveRoutes(hub, liveSettings, access, cors, connections).routes(),
        new ApiKeyRoutes(store, access, authenticator, connections).routes(),
        new AuditRoutes(audit, access).routes()));
    commands.ifPresent(c -> resources.add(new BatteryRoutes(c, access).routes()));
    commands.ifPresent(c -> resources.add(new AggregatorRoutes(c, access).routes()));
    MarketCurrency currency = MarketCurrency.of(config.getString("etp.market.currency"));
    market.ifPresent(view -> resources.add(new MarketRoutes(view, access, currency).routes()));
    resources.add(new OpenApiRoutes().routes());
    Route routes = ApiFailures.handle(() -> hosts.check(() -> cors.handle(() -> concat(resources.get(0),
        resources.subList(1, resources.size()).toArray(Route[]::new)))));

    CoordinatedShutdown.get(system).addTask(CoordinatedShutdown.PhaseServiceStop(), "etp-gateway", () -> {
      summaries.cancel();
      hub.shutdown();
      return CompletableFuture.completedFuture(Done.getInstance());
    });
    // the access database closes with the node's other pools, after the last request and the twins have stopped
    // (closed from another thread: flush completes on the database thread, which close() waits for)
    CoordinatedShutdown.get(system).addTask(CoordinatedShutdown.PhaseBeforeActorSystemTerminate(), "etp-access-db",
        () -> audit.flush().handleAsync((ok, failure) -> {
          db.close();
          return Done.getInstance();
        }).toCompletableFuture());
    return new Gateway(hub, routes, bootstrap, access);
  }

  /** Where the trading core publishes live events. */
  public LiveEventPublisher publisher() {
    return hub;
  }

  /** The hub itself (subscriber counts, epoch, recent events). */
  public EventHub hub() {
    return hub;
  }

  /** Authentication and roles, for resources served beside the gateway's own (e.g. MarketIntelligenceRoutes). */
  public AccessControl access() {
    return access;
  }

  /** Completes once the admin key from the environment is stored (or one was generated at first start). */
  public CompletionStage<AdminBootstrap.Outcome> bootstrap() {
    return bootstrap;
  }

  /**
   * The gateway's routes. They answer every request that reaches them (an unmatched path gets the JSON 404 of
   * {@link ApiFailures}), so concatenate them <em>after</em> the node's other routes.
   */
  public Route routes() {
    return routes;
  }
}
