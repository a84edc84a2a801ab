package io.etp.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.etp.optimize.BidBuilder;
import io.etp.optimize.BidSide;
import io.etp.optimize.DispatchProblem;
import io.etp.optimize.DispatchSchedule;
import io.etp.optimize.PeriodBid;
import io.etp.optimize.StorageDispatchOptimizer;
import io.etp.optimize.StorageSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScheduleBidScreenTest {

  private final InMemoryRiskAuditSink audit = new InMemoryRiskAuditSink();
  private final RiskRules rules = RiskRules.standard(-500, 3000, 70, audit,
      Clock.fixed(Instant.parse("2026-11-21T02:00:00Z"), ZoneOffset.UTC));
  private final StorageSpec spec = StorageSpec.of(100, 200, 0.95, 0.95);
  // two cycles: charge in periods 0 and 2, sell in periods 1 and 3
  private final DispatchSchedule schedule = new StorageDispatchOptimizer()
      .optimise(DispatchProblem.of(spec, Duration.ofHours(1), List.of(20.0, 90.0, 20.0, 90.0)));
  private final List<PeriodBid> bids = BidBuilder.fromSchedule(schedule, spec);
  private final DeviceState device = new DeviceState("bat-1", 0, 0, 200, 0.95, 0.95,
      new DeviceHealth(true, false, 99), Map.of());

  @Test
  void approvesTheOptimisersBidsWithinLimitsAndBooksThem() {
    var result = new ScheduleBidScreen(rules).screen("agg-1",
        AggregatorBook.empty("agg-1", new AggregatorLimits(1000, 1000, 1000)), device, List.of(), spec, schedule, bids);
    assertEquals(4, bids.size());
    assertEquals(bids, result.approved());
    assertEquals(List.of(), result.rejected());
    assertEquals(-100.0, result.book().positionKwh(0), 1e-9);
    assertEquals(90.25, result.book().positionKwh(1), 1e-9);
  }

  @Test
  void budgetStopsTheSecondChargeAndTheRejectionIsAudited() {
    // each buy is 100 kWh with a limit near 81 per MWh, so about 8.1 of worst-case spend; a budget of 10 fits one
    var result = new ScheduleBidScreen(rules).screen("agg-1",
        AggregatorBook.empty("agg-1", new AggregatorLimits(1000, 1000, 10)), device, List.of(), spec, schedule, bids);
    assertEquals(1, result.rejected().size());
    PeriodBid stopped = result.rejected().get(0).bid();
    assertEquals(2, stopped.period());
    assertEquals(BidSide.BUY, stopped.side());
    assertEquals(RiskReason.BUDGET_EXCEEDED, result.rejected().get(0).rejection().reason());
    assertEquals(1, audit.rejections().size());
  }
}
