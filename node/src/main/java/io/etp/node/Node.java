package io.etp.node;

import static org.apache.pekko.http.javadsl.server.Directives.concat;

import com.typesafe.config.Config;
import io.etp.aggregator.AggregatorSettings;
import io.etp.aggregator.PriceSignal;
import io.etp.forecasting.ForecastPriceSignal;
import io.etp.forecasting.Forecasting;
import io.etp.forecasting.ForecastingSettings;
import io.etp.access.AccessSettings;
import io.etp.api.Gateway;
import io.etp.feed.EntityMarket;
import io.etp.feed.FeedSettings;
import io.etp.feed.LiveFeed;
import io.etp.feed.MarketWindow;
import io.etp.gateway.DeviceEdge;
import io.etp.edge.EdgeMetrics;
import io.etp.fleet.Fleet;
import io.etp.fleet.FleetDemandResponse;
import io.etp.fleet.FleetSettings;
import io.etp.alerts.FeedOutageAlerts;
import io.etp.marketdata.FeedStatus;
import io.etp.marketdata.IngestReport;
import io.etp.marketfeed.FeedBoard;
import io.etp.marketfeed.LiveMarketData;
import io.etp.marketfeed.LiveMarketDataSettings;
import org.apache.pekko.stream.javadsl.Source;
import io.etp.live.EventHub;
import io.etp.live.LiveEventPublisher;
import io.etp.live.LiveSettings;
import io.etp.metrics.LiveFigures;
import io.etp.metrics.Monitoring;
import io.etp.persistence.BatchedJdbcWriter;
import io.etp.persistence.JdbcBidAuditSink;
import io.etp.persistence.JdbcRiskAuditSink;
import io.etp.persistence.SchemaMigrations;
import io.etp.trading.TradingCore;
import java.time.Clock;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.ClusterSingleton;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.cluster.typed.SelfUp;
import org.apache.pekko.cluster.typed.SingletonActor;
import org.apache.pekko.cluster.typed.Subscribe;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.management.cluster.bootstrap.ClusterBootstrap;
import org.apache.pekko.management.javadsl.PekkoManagement;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.stream.Materializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's guardian: joins the cluster, starts the entities and the simulated fleet, binds HTTP, and prints a short
 * banner once the node is ready. Every part registers its coordinated-shutdown task in the phase where it stops
 * (cluster-config/cluster.conf lists the order).
 */
public final class Node {

  private static final Logger log = LoggerFactory.getLogger(Node.class);

  /** The cluster singleton name of the simulated {@link Fleet}. */
  public static final String FLEET = "etp-fleet";

  private Node() {}

  public static Behavior<Void> create() {
    return Behaviors.setup(context -> {
      ActorSystem<Void> system = context.getSystem();
      Config config = system.settings().config();
      Cluster cluster = Cluster.get(system);
      startFormation(system, config, cluster);

      ForecastingSettings forecasting = ForecastingSettings.fromConfig(config.getConfig("etp"));
      ForecastPriceSignal signal = Forecasting.priceSignal(forecasting,
          AggregatorSettings.fromConfig(config.getConfig("etp")).priceSignal());
      // the live hub takes what the cluster persisted (journal, bid audit) from this node's tails, and telemetry
      EventHub hub = EventHub.start(LiveSettings.fromConfig(config), Materializer.matFromSystem(system));
      FeedSettings feed = FeedSettings.fromConfig(config);
      MarketWindow window = feed.newWindow();
      LiveFigures figures = new LiveFigures(Clock.systemUTC()); // the dashboard's figures, for /metrics and alerts
      LiveEventPublisher live = figures.tee(hub);
      TradingCore core = startTradingCore(system, config, signal);
      // live market data, when keys are configured: polled by the singletons that consume them (once per cluster);
      // every node's board shows each feed's state on /health/ready and announces outages as alerts
      FeedOutageAlerts feedAlerts = new FeedOutageAlerts(live, Clock.systemUTC());
      FeedBoard feeds = FeedBoard.start(system, Clock.systemUTC(), feedAlerts::announce);
      LiveMarketDataSettings liveSettings = LiveMarketDataSettings.fromConfig(config.getConfig("etp"));
      LiveMarketData liveData = liveSettings.any()
          ? LiveMarketData.create(liveSettings, system, Clock.systemUTC(), new IngestReport(), feeds)
          : LiveMarketData.NONE;
      log.info("market data: {}", liveSettings.any() ? "live feeds " + liveSettings.describe()
          : "no keys configured, the " + (forecasting.epfFile().isPresent() ? "CSV replay" : "synthetic market")
          + " serves");
      LiveFeed.start(system, core, SchemaMigrations.Target.fromConfig(config), feed, live, window);
      CoordinatedShutdown shutdown = CoordinatedShutdown.get(system);
      if (config.getBoolean("etp.fleet.enabled")) {
        // once per cluster: every node starts the singleton, the oldest node runs the fleet
        ActorRef<Fleet.Command> fleet = ClusterSingleton.get(system).init(SingletonActor.of(
                Fleet.create(core, FleetSettings.fromConfig(config.getConfig("etp")), Clock.systemUTC(),
                    new FleetDemandResponse(liveData.demandResponse().orElse(Source::empty),
                        liveData.batteriesOfArea())), FLEET)
            .withStopMessage(Fleet.Stop.INSTANCE));
        // the simulated devices stop offering with the gateways: no new auctions once the node that runs the fleet
        // is stopping (the next oldest node starts it again after the hand-over)
        shutdown.addTask(CoordinatedShutdown.PhaseServiceUnbind(), "etp-fleet-stop", () -> {
          if (isOldest(cluster)) {
            fleet.tell(Fleet.Stop.INSTANCE);
          }
          return CompletableFuture.completedFuture(Done.getInstance());
        });
      }

      // the live gateway: dashboard at /, /ws/events, /api/events, /api/keys, /api/audit; its routes answer every
      // request that reaches them, so they stay last
      EntityMarket market = EntityMarket.start(system, core, feed, window);
      Gateway gateway = Gateway.start(system, config, hub, Optional.of(market), Optional.of(market));
      Route intelligence = MarketIntelligence.start(system, forecasting, core, signal, gateway.access(), liveData);
      Route history = ReadModels.start(system, config, gateway.access());
      EdgeMetrics edge = new EdgeMetrics();
      Route metrics = Monitoring.start(system, config, core, figures, edge, hub, gateway.access(),
          feedAlerts::activeAlerts);
      // readiness turns false first, before anything unbinds, so that load balancers stop sending work here
      AtomicBoolean stopping = new AtomicBoolean();
      shutdown.addTask(CoordinatedShutdown.PhaseBeforeServiceUnbind(), "etp-readiness-off", () -> {
        stopping.set(true);
        log.info("stopping: /health/ready answers 503 from now on");
        return CompletableFuture.completedFuture(Done.getInstance());
      });
      // ready: an Up member whose journal database answers (a cached periodic SELECT 1, never a call per request)
      JournalHealth journal = new JournalHealth(SchemaMigrations.Target.fromConfig(config),
          config.getDuration("etp.node.journal-health-interval"));
      shutdown.addTask(CoordinatedShutdown.PhaseBeforeActorSystemTerminate(), "journal-health",
          () -> CompletableFuture.supplyAsync(() -> {
            journal.close();
            return Done.getInstance();
          }));
      // the node's own checks, also Pekko Management's /ready with its membership check (NodeReadinessCheck)
      NodeReadiness.get(Adapter.toClassic(system)).set(() -> !stopping.get() && journal.healthy());
      Route routes = concat(new HealthRoutes(() -> NodeReadiness.get(Adapter.toClassic(system)).ready()
              && cluster.selfMember().status() == MemberStatus.up(), () -> feedLines(feeds)).routes(),
          metrics, intelligence, history, gateway.routes());
      CompletionStage<ServerBinding> http = bindHttp(system, config, routes);
      DeviceEdge.start(system, core, edge);
      http.thenCombine(selfUp(context, cluster), (binding, up) -> binding)
          .thenCombine(gateway.bootstrap(), (binding, admin) -> {
            AccessSettings access = AccessSettings.fromConfig(config);
            InetSocketAddress at = binding.localAddress();
            List<String> banner = StartBanner.lines("http://" + at.getHostString() + ":" + at.getPort() + "/", admin,
                access.bootstrapAdminKey().isPresent(), access.generateAdminKeyAtFirstStart());
            System.out.println(System.lineSeparator() + String.join(System.lineSeparator(), banner)
                + System.lineSeparator());
            return binding;
          });
      return Behaviors.empty();
    });
  }

  /**
   * The battery and aggregator entities, with the bid and risk audit trails written to the journal's database in
   * batches (flushed at shutdown); every node's live feed reads the bid audit back from there.
   */
  private static TradingCore startTradingCore(ActorSystem<?> system, Config config, PriceSignal priceSignal) {
    JdbcBidAuditSink audit = new JdbcBidAuditSink(system, SchemaMigrations.Target.fromConfig(config),
        BatchedJdbcWriter.Settings.DEFAULT);
    JdbcRiskAuditSink riskAudit = new JdbcRiskAuditSink(system, SchemaMigrations.Target.fromConfig(config),
        BatchedJdbcWriter.Settings.DEFAULT);
    CoordinatedShutdown.get(system).addTask(CoordinatedShutdown.PhaseBeforeActorSystemTerminate(), "flush-bid-audit",
        () -> CompletableFuture.supplyAsync(() -> {
          audit.close();
          riskAudit.close();
          return Done.getInstance();
        }));
    return TradingCore.init(system, audit, priceSignal, riskAudit);
  }

  /**
   * Joins the cluster as etp.cluster says (io.etp.node.ClusterFormation decided it in Main): itself (the one-node
   * default), the configured seed nodes (Pekko joins them on its own), or Cluster Bootstrap over discovery; and
   * starts Pekko Management (/ready, /alive, the bootstrap's contact point) when it is on.
   */
  private static void startFormation(ActorSystem<Void> system, Config config, Cluster cluster) {
    boolean bootstrap = config.getBoolean("etp.cluster.bootstrap");
    if (config.getBoolean("etp.cluster.management") || bootstrap) {
      org.apache.pekko.actor.ActorSystem classic = Adapter.toClassic(system);
      PekkoManagement.get(classic).start().whenComplete((uri, failure) -> {
        if (failure != null) {
          log.error("Pekko Management could not start: {}; stopping the node", failure.getMessage());
          system.terminate();
        } else {
          log.info("Pekko Management on {} (probes: {}ready, {}alive)", uri, uri, uri);
        }
      });
      if (bootstrap) {
        ClusterBootstrap.get(classic).start();
        log.info("cluster bootstrap: discovering contact points by {} for service {} ({} needed to form a new cluster)",
            config.getString("pekko.management.cluster.bootstrap.contact-point-discovery.discovery-method"),
            config.getString("pekko.management.cluster.bootstrap.contact-point-discovery.service-name"),
            config.getInt("pekko.management.cluster.bootstrap.contact-point-discovery.required-contact-point-nr"));
      }
    }
    if (!bootstrap && config.getBoolean("etp.cluster.join-self")
        && config.getStringList("pekko.cluster.seed-nodes").isEmpty()) {
      cluster.manager().tell(Join.create(cluster.selfMember().address()));
    }
  }

  /** One {@code /health/ready} detail line per live feed the cluster runs (none without keys). */
  static List<String> feedLines(FeedBoard feeds) {
    return feeds.current().values().stream().sorted(java.util.Comparator.comparing(FeedStatus::source))
        .map(s -> "market data: " + s.line()).toList();
  }

  /** @return whether this node is the oldest Up member, the one that runs the cluster singletons */
  private static boolean isOldest(Cluster cluster) {
    org.apache.pekko.cluster.Member self = cluster.selfMember();
    for (org.apache.pekko.cluster.Member m : cluster.state().getMembers()) {
      if (m.status() == MemberStatus.up() && !m.equals(self) && m.isOlderThan(self)) {
        return false;
      }
    }
    return true;
  }

  /** Completes once this node is an Up member of the cluster. */
  private static CompletionStage<Done> selfUp(ActorContext<Void> context, Cluster cluster) {
    CompletableFuture<Done> up = new CompletableFuture<>();
    ActorRef<SelfUp> listener = context.spawn(Behaviors.receive(SelfUp.class)
        .onMessage(SelfUp.class, m -> {
          up.complete(Done.getInstance());
          return Behaviors.stopped();
        })
        .build(), "self-up");
    cluster.subscriptions().tell(Subscribe.create(listener, SelfUp.class));
    return up;
  }

  /**
   * Binds HTTP; on coordinated shutdown the server unbinds (service-unbind), lets the requests in progress finish for
   * up to 5 s (service-requests-done), then closes the connections left.
   */
  private static CompletionStage<ServerBinding> bindHttp(ActorSystem<?> system, Config config, Route routes) {
    String host = config.getString("etp.http.host");
    int port = config.getInt("etp.http.port");
    return Http.get(system).newServerAt(host, port).bind(routes)
        .thenApply(binding -> binding.addToCoordinatedShutdown(Duration.ofSeconds(5), system))
        .whenComplete((binding, failure) -> {
          if (failure != null) {
            log.error("HTTP could not bind {}:{}: {}; stopping the node", host, port, failure.getMessage());
            system.terminate();
          } else {
            InetSocketAddress at = binding.localAddress();
            log.info("HTTP listening on http://{}:{}/ (health: /health/ready)", at.getHostString(), at.getPort());
          }
        });
  }
}
