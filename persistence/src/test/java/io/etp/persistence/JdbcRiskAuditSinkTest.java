package io.etp.persistence;

import static org.junit.jupiter.api.Assertions.*;

import com.typesafe.config.ConfigFactory;
import io.etp.optimize.BidSide;
import io.etp.risk.AggregatorBook;
import io.etp.risk.AggregatorLimits;
import io.etp.risk.DeviceHealth;
import io.etp.risk.DeviceState;
import io.etp.risk.OrderIntent;
import io.etp.risk.RiskContext;
import io.etp.risk.RiskDecision;
import io.etp.risk.RiskReason;
import io.etp.risk.RiskRejection;
import io.etp.risk.RiskRules;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The risk rules' rejections land in risk_audit on the real PostgreSQL server, per aggregator in order. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JdbcRiskAuditSinkTest {

  private ActorTestKit testKit;

  @BeforeAll
  void start() {
    testKit = ActorTestKit.create(ConfigFactory.parseString("pekko.actor.provider = local")
        .withFallback(ConfigFactory.defaultReference()));
  }

  @AfterAll
  void stop() {
    testKit.shutdownTestKit();
  }

  @Test
  void everyRejectionOfTheRulesIsStoredWithItsReasonAndOrder() throws Exception {
    var target = new SchemaMigrations.Target(TestDatabases.freshPostgresSchema("risk"), TestDatabases.USER,
        TestDatabases.PASSWORD);
    SchemaMigrations.migrate(target);
    Instant at = Instant.parse("2026-11-21T04:00:00Z");
    try (var sink = new JdbcRiskAuditSink(testKit.system(), target,
        new BatchedJdbcWriter.Settings(1000, 10, Duration.ofMillis(20), 3, 1000))) {
      RiskRules rules = RiskRules.standard(0, 300, 80, sink, Clock.fixed(at, ZoneOffset.UTC));
      AggregatorBook book = AggregatorBook.empty("agg-1", new AggregatorLimits(1000, 1000, 1000));
      DeviceState healthy = new DeviceState("bess-1", 50, 0, 100, 1, 1, new DeviceHealth(true, false, 100), Map.of());
      DeviceState worn = new DeviceState("bess-2", 50, 0, 100, 1, 1, new DeviceHealth(true, false, 60), Map.of());
      OrderIntent tooExpensive = new OrderIntent("agg-1", "bess-1", 3, BidSide.SELL, 5, 450);
      OrderIntent fine = new OrderIntent("agg-1", "bess-1", 4, BidSide.SELL, 5, 150);
      OrderIntent fromWorn = new OrderIntent("agg-1", "bess-2", 5, BidSide.BUY, 7.5, 120);

      assertInstanceOf(RiskDecision.Rejected.class, rules.evaluate(tooExpensive, new RiskContext(book, healthy, List.of())));
      assertEquals(RiskDecision.APPROVED, rules.evaluate(fine, new RiskContext(book, healthy, List.of())));
      assertInstanceOf(RiskDecision.Rejected.class, rules.evaluate(fromWorn, new RiskContext(book, worn, List.of())));
      assertTrue(sink.awaitWritten(Duration.ofSeconds(10)));

      List<RiskRejection> stored = sink.forAggregator("agg-1");
      assertEquals(2, stored.size());
      assertEquals(tooExpensive, stored.get(0).order());
      assertEquals(RiskReason.PRICE_ABOVE_CAP, stored.get(0).reason());
      assertEquals(at, stored.get(0).at());
      assertEquals(fromWorn, stored.get(1).order());
      assertEquals(RiskReason.DEVICE_UNHEALTHY, stored.get(1).reason());
      assertTrue(stored.get(1).detail().contains("60"), stored.get(1).detail());
      assertTrue(sink.forAggregator("agg-2").isEmpty());
    }
  }
}
