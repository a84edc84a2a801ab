package io.etp.battery;

import static org.junit.jupiter.api.Assertions.*;

import io.etp.protocol.v1.RejectReason;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class InMemoryBidAuditSinkTest {

  static BidAudit audit(String battery, long messageId) {
    return new BidAudit(battery, "a1", "agg-1", messageId, 15, 5, BidAudit.Decision.REJECTED,
        RejectReason.REJECT_REASON_BELOW_RESERVE, Instant.EPOCH);
  }

  @Test
  void keepsEachBatteryTrailInOrder() {
    var sink = new InMemoryBidAuditSink(10);
    sink.offer(audit("bess-1", 1));
    sink.offer(audit("bess-2", 2));
    sink.offer(audit("bess-1", 3));
    assertEquals(java.util.List.of(1L, 3L), sink.forBattery("bess-1").stream().map(BidAudit::messageId).toList());
  }

  @Test
  void dropsTheOldestRecordsWhenFullInsteadOfBlocking() {
    var sink = new InMemoryBidAuditSink(2);
    for (long i = 1; i <= 5; i++) assertTrue(sink.offer(audit("bess-1", i)));
    assertEquals(java.util.List.of(4L, 5L), sink.forBattery("bess-1").stream().map(BidAudit::messageId).toList());
    assertEquals(3, sink.dropped());
  }
}
