package io.etp.optimize;

import java.time.Duration;
import java.util.List;

/**
 * An optimal schedule for one device.
 *
 * @param periodLength       length of each period
 * @param intervals          one entry per period, in order
 * @param marketRevenue      sum of price x net export energy at the prices optimised on, currency
 * @param throughputCost     degradation cost of the schedule, currency
 * @param modeBinariesUsed   true when negative prices forced the mixed-integer model (see {@link StorageDispatchOptimizer})
 */
public record DispatchSchedule(Duration periodLength, List<DispatchInterval> intervals, double marketRevenue,
    double throughputCost, boolean modeBinariesUsed) {

  public DispatchSchedule {
    intervals = List.copyOf(intervals);
  }

  /** Market revenue minus throughput cost: the objective the optimiser maximised. */
  public double profit() {
    return marketRevenue - throughputCost;
  }

  /** Revenue of this schedule if it were paid at other prices (e.g. the realised ones), currency. */
  public double marketRevenueAt(List<Double> pricesPerMwh) {
    if (pricesPerMwh.size() != intervals.size()) {
      throw new IllegalArgumentException("expected " + intervals.size() + " prices but got " + pricesPerMwh.size());
    }
    double hours = periodLength.toNanos() / 3.6e12;
    double revenue = 0;
    for (DispatchInterval interval : intervals) {
      revenue += pricesPerMwh.get(interval.period()) / 1000.0 * interval.netExportKw() * hours;
    }
    return revenue;
  }
}
