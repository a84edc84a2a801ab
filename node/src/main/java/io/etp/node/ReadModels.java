package io.etp.node;

import io.etp.money.MarketCurrency;
import com.typesafe.config.Config;
import com.zaxxer.hikari.HikariDataSource;
import io.etp.access.AccessControl;
import io.etp.api.HistoryRoutes;
import io.etp.persistence.SchemaMigrations;
import io.etp.readmodel.HistoryQueries;
import io.etp.readmodel.ReadModelProjection;
import io.etp.readmodel.ReadModelSettings;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.http.javadsl.server.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's read side: one bounded connection pool on the journal's database (its commits do not wait for the WAL
 * flush on PostgreSQL: {@link SchemaMigrations.Target#derivedDataPool}), the read-model projections
 * (when {@code etp.read-models.enabled}) and the history routes, whose queries run on Pekko's blocking dispatcher.
 * The pool closes with the node.
 */
final class ReadModels {

  private static final Logger log = LoggerFactory.getLogger(ReadModels.class);

  private ReadModels() {}

  static Route start(ActorSystem<?> system, Config config, AccessControl access) {
    ReadModelSettings settings = ReadModelSettings.fromConfig(config);
    SchemaMigrations.Target target = SchemaMigrations.Target.fromConfig(config);
    HikariDataSource dataSource = target.derivedDataPool("read-models", settings.poolSize());
    CoordinatedShutdown.get(system).addTask(CoordinatedShutdown.PhaseBeforeActorSystemTerminate(),
        "close-read-models", () -> CompletableFuture.supplyAsync(() -> {
          dataSource.close();
          return Done.getInstance();
        }));
    if (settings.enabled()) {
      ReadModelProjection.init(system, dataSource, settings);
      log.info("read-model projections started (group of {} within {})", settings.groupSize(),
          settings.groupWithin());
    } else {
      log.info("read-model projections are off (etp.read-models.enabled = off); history shows what is stored");
    }
    return new HistoryRoutes(new HistoryQueries(dataSource), access,
        system.dispatchers().lookup(DispatcherSelector.blocking()),
        MarketCurrency.of(system.settings().config().getString("etp.market.currency"))).routes();
  }
}
