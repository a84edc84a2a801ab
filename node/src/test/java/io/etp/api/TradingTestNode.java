package io.etp.api;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.etp.access.KeySecrets;
import io.etp.feed.EntityMarket;
import io.etp.feed.FeedSettings;
import io.etp.feed.LiveFeed;
import io.etp.feed.MarketWindow;
import io.etp.live.EventHub;
import io.etp.live.LiveSettings;
import io.etp.persistence.BatchedJdbcWriter;
import io.etp.persistence.JdbcBidAuditSink;
import io.etp.persistence.SchemaMigrations;
import io.etp.trading.TradingCore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.stream.Materializer;

/**
 * A real one-node cluster for API tests, wired as {@code io.etp.node.Node} wires it but without the simulated fleet:
 * the node's configuration, an H2 file journal migrated by the production migrations, the Battery and Aggregator
 * twins in Cluster Sharding, the bid tee, journal tail and telemetry feed into the hub, {@link EntityMarket} behind
 * the gateway, the read-model projections and the history routes on their own pool, HTTP on an ephemeral loopback
 * port. Tests drive the twins through the API (or {@link #core}).
 */
public final class TradingTestNode implements AutoCloseable {

  public final String adminKey = KeySecrets.generate();
  public final ActorSystem<Void> system;
  public final TradingCore core;
  public final Gateway gateway;
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final ServerBinding binding;
  private final JdbcBidAuditSink audit;
  private final com.zaxxer.hikari.HikariDataSource readSide;

  public TradingTestNode(Path dir, String extraConfig) throws Exception {
    Config config = ConfigFactory.parseString(extraConfig)
        .withFallback(ConfigFactory.parseString("""
            pekko.remote.artery.canonical.port = 0
            pekko.coordinated-shutdown.exit-jvm = off
            pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off
            pekko.loglevel = WARNING
            etp.access.generate-admin-key-at-first-start = off
            etp.access.anonymous-loopback-viewer = off
            etp.access.rate-limit.enabled = off
            """))
        .withFallback(ConfigFactory.parseMap(java.util.Map.of(
            "pekko-persistence-jdbc.shared-databases.slick.db.url",
            "jdbc:h2:file:" + dir.resolve("etp") + ";DATABASE_TO_UPPER=false",
            "etp.access.bootstrap-admin-key", adminKey)))
        .withFallback(ConfigFactory.load())
        .resolve();
    SchemaMigrations.migrate(config);
    system = ActorSystem.create(Behaviors.empty(), "trading-api-test", config);
    Cluster cluster = Cluster.get(system);
    cluster.manager().tell(Join.create(cluster.selfMember().address()));

    EventHub hub = EventHub.start(LiveSettings.fromConfig(config), Materializer.matFromSystem(system));
    FeedSettings feed = FeedSettings.fromConfig(config);
    MarketWindow window = feed.newWindow();
    audit = new JdbcBidAuditSink(system, SchemaMigrations.Target.fromConfig(config),
        BatchedJdbcWriter.Settings.DEFAULT);
    core = TradingCore.init(system, audit,
        io.etp.aggregator.AggregatorSettings.fromConfig(config.getConfig("etp")).priceSignal());
    LiveFeed.start(system, core, SchemaMigrations.Target.fromConfig(config), feed, hub, window);
    EntityMarket market = EntityMarket.start(system, core, feed, window);
    gateway = Gateway.start(system, config, hub, Optional.of(market), Optional.of(market));
    gateway.bootstrap().toCompletableFuture().get(10, TimeUnit.SECONDS);
    // the read side as ReadModels wires it: the projections into the read tables and the routes that read them
    io.etp.readmodel.ReadModelSettings readModels = io.etp.readmodel.ReadModelSettings.fromConfig(config);
    readSide = SchemaMigrations.Target.fromConfig(config).derivedDataPool("read-models", readModels.poolSize());
    io.etp.readmodel.ReadModelProjection.init(system, readSide, readModels);
    org.apache.pekko.http.javadsl.server.Route history = new HistoryRoutes(
        new io.etp.readmodel.HistoryQueries(readSide), gateway.access(),
        system.dispatchers().lookup(org.apache.pekko.actor.typed.DispatcherSelector.blocking()),
        io.etp.money.MarketCurrency.of(config.getString("etp.market.currency"))).routes();
    binding = Http.get(system).newServerAt("127.0.0.1", 0)
        .bind(org.apache.pekko.http.javadsl.server.Directives.concat(history, gateway.routes()))
        .toCompletableFuture().get(10, TimeUnit.SECONDS);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (cluster.selfMember().status() != MemberStatus.up()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the node did not join itself within 30 s");
      }
      Thread.sleep(50);
    }
  }

  public EventHub hub() {
    return gateway.hub();
  }

  public URI http(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + binding.localAddress().getPort() + pathAndQuery);
  }

  public HttpResponse<String> get(String path, String key) throws Exception {
    return send(HttpRequest.newBuilder(http(path)).GET(), key);
  }

  public HttpResponse<String> post(String path, String key, String json) throws Exception {
    return send(HttpRequest.newBuilder(http(path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)), key);
  }

  public HttpResponse<String> put(String path, String key, String json) throws Exception {
    return send(HttpRequest.newBuilder(http(path)).header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(json)), key);
  }

  public HttpResponse<String> patch(String path, String key, String json) throws Exception {
    return send(HttpRequest.newBuilder(http(path)).header("Content-Type", "application/json")
        .method("PATCH", HttpRequest.BodyPublishers.ofString(json)), key);
  }

  private HttpResponse<String> send(HttpRequest.Builder request, String key) throws Exception {
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    return client.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Override
  public void close() throws Exception {
    binding.unbind().toCompletableFuture().join();
    audit.close();
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().get(60, TimeUnit.SECONDS);
    readSide.close();
  }
}
