package io.etp.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.etp.battery.BidAudit;
import io.etp.protocol.v1.RejectReason;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JdbcBidAuditSinkTest {

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
  void writesEveryAcceptedRecordAndReturnsEachBatteryTrailInArrivalOrder() throws Exception {
    var db = migratedDatabase();
    var sink = new JdbcBidAuditSink(testKit.system(), db,
        new BatchedJdbcWriter.Settings(10_000, 100, Duration.ofMillis(50), 3, 10_000));
    Instant t0 = Instant.parse("2026-11-21T10:00:00Z");
    for (int i = 0; i < 2_000; i++) {
      var decision = i % 5 == 0 ? BidAudit.Decision.REJECTED : BidAudit.Decision.LEADING;
      var reason = decision == BidAudit.Decision.REJECTED ? RejectReason.REJECT_REASON_BELOW_RESERVE
          : RejectReason.REJECT_REASON_UNSPECIFIED;
      assertTrue(sink.offer(new BidAudit("bess-" + (i % 3), "auction-" + i / 10, "agg-" + (i % 7), i, 10 + i * 0.01,
          1.5, decision, reason, t0.plusMillis(i))));
    }
    assertTrue(sink.awaitWritten(Duration.ofSeconds(30)));

    assertEquals(2_000, sink.written());
    assertEquals(0, sink.dropped());
    List<BidAudit> trail = sink.forBattery("bess-1");
    assertEquals(667, trail.size());
    for (int k = 1; k < trail.size(); k++) {
      assertTrue(trail.get(k - 1).messageId() < trail.get(k).messageId(), "arrival order");
    }
    BidAudit first = trail.get(0);
    assertEquals(new BidAudit("bess-1", "auction-0", "agg-1", 1, 10.01, 1.5, BidAudit.Decision.LEADING,
        RejectReason.REJECT_REASON_UNSPECIFIED, t0.plusMillis(1)), first);
    var rejected = sink.forBattery("bess-0").get(0);
    assertEquals(BidAudit.Decision.REJECTED, rejected.decision());
    assertEquals(RejectReason.REJECT_REASON_BELOW_RESERVE, rejected.reason());
    sink.close();
  }

  @Test
  void aFullQueueDropsAndCountsInsteadOfBlockingAndLosesNothingItAccepted() throws Exception {
    var db = migratedDatabase();
    var sink = new JdbcBidAuditSink(testKit.system(), db,
        new BatchedJdbcWriter.Settings(8, 4, Duration.ofMillis(20), 3, 100_000));
    int offered = 20_000;
    int accepted = 0;
    for (int i = 0; i < offered; i++) {
      if (sink.offer(new BidAudit("bess-x", "a", "agg", i, 12, 1, BidAudit.Decision.SEALED,
          RejectReason.REJECT_REASON_UNSPECIFIED, Instant.EPOCH))) {
        accepted++;
      }
    }
    assertTrue(sink.awaitWritten(Duration.ofSeconds(30)));

    assertTrue(sink.dropped() > 0, "a tight loop must overrun a queue of 8");
    assertEquals(offered, accepted + sink.dropped());
    assertEquals(accepted, sink.written());
    assertEquals(accepted, sink.forBattery("bess-x").size());
    sink.close();
  }

  private static SchemaMigrations.Target migratedDatabase() throws Exception {
    var target = new SchemaMigrations.Target(TestDatabases.freshPostgresSchema("audit"), TestDatabases.USER,
        TestDatabases.PASSWORD);
    SchemaMigrations.migrate(target);
    return target;
  }
}
