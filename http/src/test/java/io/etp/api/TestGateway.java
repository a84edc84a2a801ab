package io.etp.api;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.etp.access.KeySecrets;
import io.etp.live.EventHub;
import io.etp.live.LiveEvent;
import io.etp.persistence.SchemaMigrations;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;

/**
 * A real gateway for tests: the node's configuration (cluster-config/) with a local actor system, the schema migrated
 * by the production migrations into an H2 file in a temp dir or a fresh PostgreSQL schema, {@link Gateway#start} as
 * the node runs it, and an HTTP server bound to an ephemeral loopback port.
 */
public final class TestGateway implements AutoCloseable {

  /** The admin key the gateway is started with (as ETP_ADMIN_API_KEY would give it). */
  public final String adminKey = KeySecrets.generate();
  public final ActorSystem<Void> system;
  public final Gateway gateway;
  public final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final ServerBinding binding;

  private TestGateway(String dbUrl, String dbUser, String dbPassword, String extraConfig,
                      java.util.Optional<MarketView> market) throws Exception {
    this(dbUrl, dbUser, dbPassword, extraConfig, market, null);
  }

  private TestGateway(String dbUrl, String dbUser, String dbPassword, String extraConfig,
                      java.util.Optional<MarketView> market,
                      java.util.function.Function<Gateway, org.apache.pekko.http.javadsl.server.Route> extraRoutes)
      throws Exception {
    Config config = ConfigFactory.parseString(extraConfig)
        .withFallback(ConfigFactory.parseString("""
            pekko.actor.provider = local
            pekko.coordinated-shutdown.exit-jvm = off
            pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off
            pekko.loglevel = WARNING
            etp.access.generate-admin-key-at-first-start = off
            """))
        .withFallback(ConfigFactory.parseMap(java.util.Map.of(
            "pekko-persistence-jdbc.shared-databases.slick.db.url", dbUrl,
            "pekko-persistence-jdbc.shared-databases.slick.db.user", dbUser,
            "pekko-persistence-jdbc.shared-databases.slick.db.password", dbPassword,
            "etp.access.bootstrap-admin-key", adminKey)))
        .withFallback(ConfigFactory.load())
        .resolve();
    SchemaMigrations.migrate(config);
    system = ActorSystem.create(Behaviors.empty(), "gateway-test", config);
    gateway = Gateway.start(system, config, market);
    gateway.bootstrap().toCompletableFuture().get(10, TimeUnit.SECONDS);
    binding = Http.get(system).newServerAt("127.0.0.1", 0).bind(extraRoutes == null ? gateway.routes()
            : org.apache.pekko.http.javadsl.server.Directives.concat(extraRoutes.apply(gateway), gateway.routes()))
        .toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** A gateway on an H2 file database in {@code dir}. */
  public static TestGateway onH2(Path dir, String extraConfig) throws Exception {
    return onH2(dir, extraConfig, java.util.Optional.empty());
  }

  /** A gateway on an H2 file database in {@code dir}, serving the market resources from {@code market}. */
  public static TestGateway onH2(Path dir, String extraConfig, java.util.Optional<MarketView> market)
      throws Exception {
    return new TestGateway("jdbc:h2:file:" + dir.resolve("etp") + ";DATABASE_TO_UPPER=false", "sa", "", extraConfig,
        market);
  }

  /**
   * A gateway on an H2 file database in {@code dir}, with the routes {@code extraRoutes} makes of it served before
   * the gateway's own (as the node concatenates its monitoring and read-side routes before them).
   */
  public static TestGateway onH2(Path dir, String extraConfig,
      java.util.function.Function<Gateway, org.apache.pekko.http.javadsl.server.Route> extraRoutes) throws Exception {
    return new TestGateway("jdbc:h2:file:" + dir.resolve("etp") + ";DATABASE_TO_UPPER=false", "sa", "", extraConfig,
        java.util.Optional.empty(), extraRoutes);
  }

  /** A gateway on the PostgreSQL test server at {@code url} (e.g. one {@link PostgresSchemas#fresh} gave, again). */
  public static TestGateway onPostgresUrl(String url, String extraConfig) throws Exception {
    return new TestGateway(url, PostgresSchemas.USER, PostgresSchemas.PASSWORD, extraConfig,
        java.util.Optional.empty());
  }

  /** A gateway on a fresh schema of the PostgreSQL test server. */
  public static TestGateway onPostgres(String extraConfig) throws Exception {
    return new TestGateway(PostgresSchemas.fresh("gw"), PostgresSchemas.USER, PostgresSchemas.PASSWORD, extraConfig,
        java.util.Optional.empty());
  }

  public EventHub hub() {
    return gateway.hub();
  }

  public int port() {
    return binding.localAddress().getPort();
  }

  public URI http(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + port() + pathAndQuery);
  }

  public URI ws(String pathAndQuery) {
    return URI.create("ws://127.0.0.1:" + port() + pathAndQuery);
  }

  /** Publishes events and waits until the hub has sequenced them all. */
  public void publishAndAwait(LiveEvent... events) throws InterruptedException {
    long target = hub().latestSeq() + events.length;
    for (LiveEvent e : events) {
      while (!hub().publish(e)) {
        Thread.sleep(1);
      }
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (hub().latestSeq() < target) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("hub sequenced " + hub().latestSeq() + " of " + target + " events within 5 s");
      }
      Thread.sleep(2);
    }
  }

  public HttpResponse<String> get(String path, String key) throws Exception {
    return send(HttpRequest.newBuilder(http(path)).GET(), key);
  }

  public HttpResponse<String> post(String path, String key, String json) throws Exception {
    return send(HttpRequest.newBuilder(http(path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)), key);
  }

  public HttpResponse<String> delete(String path, String key) throws Exception {
    return send(HttpRequest.newBuilder(http(path)).DELETE(), key);
  }

  public HttpResponse<String> send(HttpRequest.Builder request, String key) throws Exception {
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    return client.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Override
  public void close() {
    binding.unbind().toCompletableFuture().join();
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().orTimeout(15, TimeUnit.SECONDS).join();
  }
}
