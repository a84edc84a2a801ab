package io.etp.optimize;

import java.time.Duration;
import java.util.List;

/**
 * One device's scheduling problem: its limits, the length of a period, the price per period and its DR obligations.
 *
 * @param storage       device limits
 * @param periodLength  length of every period (e.g. 1 h, 15 min, 5 min)
 * @param pricesPerMwh  price of each period, currency/MWh, may be negative; the horizon is its size
 * @param obligations   demand-response obligations, at most one of each kind per period is meaningful
 */
public record DispatchProblem(StorageSpec storage, Duration periodLength, List<Double> pricesPerMwh,
    List<DemandResponseObligation> obligations) {

  public DispatchProblem {
    if (storage == null || periodLength == null || pricesPerMwh == null || obligations == null) {
      throw new IllegalArgumentException("storage, periodLength, prices and obligations are required");
    }
    if (periodLength.isNegative() || periodLength.isZero()) {
      throw new IllegalArgumentException("periodLength must be positive but was " + periodLength);
    }
    if (pricesPerMwh.isEmpty()) {
      throw new IllegalArgumentException("at least one period price is required");
    }
    pricesPerMwh = List.copyOf(pricesPerMwh);
    for (int t = 0; t < pricesPerMwh.size(); t++) {
      if (!Double.isFinite(pricesPerMwh.get(t))) {
        throw new IllegalArgumentException("price of period " + t + " is not finite: " + pricesPerMwh.get(t));
      }
    }
    obligations = List.copyOf(obligations);
    for (DemandResponseObligation o : obligations) {
      if (o.period() >= pricesPerMwh.size()) {
        throw new IllegalArgumentException("obligation " + o + " lies outside the horizon of " + pricesPerMwh.size()
            + " periods");
      }
      if (o instanceof DemandResponseObligation.MinimumNetDischarge m && m.kw() > storage.maxDischargeKw()) {
        throw new IllegalArgumentException("obligation " + o + " asks for more than maxDischargeKw "
            + storage.maxDischargeKw());
      }
    }
  }

  /** A problem without DR obligations. */
  public static DispatchProblem of(StorageSpec storage, Duration periodLength, List<Double> pricesPerMwh) {
    return new DispatchProblem(storage, periodLength, pricesPerMwh, List.of());
  }

  /** Number of periods in the horizon. */
  public int periods() {
    return pricesPerMwh.size();
  }

  /** Period length in hours. */
  public double periodHours() {
    return periodLength.toNanos() / 3.6e12;
  }
}
