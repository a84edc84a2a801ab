package io.etp.alerts;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Turns the node's since-start bid counts into counts within a sliding window. Pure: the caller passes the time. Each
 * {@link #bidsWithin} call keeps a sample of the cumulative counts; the counts within the window are the latest
 * counts minus those of the newest sample at least {@code window} old (or, while the node is younger than the window,
 * minus nothing). Samples older than that one are forgotten, so memory is bounded by the evaluations in one window.
 */
public final class AlertWindow {

  private record Sample(Instant at, Map<String, AlertRules.Bids> bids) {}

  private final Duration window;
  private final Deque<Sample> samples = new ArrayDeque<>();

  /**
   * @param window how far back the counts reach
   * @param start when counting started (the node's start): the counts are zero then
   */
  public AlertWindow(Duration window, Instant start) {
    this.window = Objects.requireNonNull(window, "window");
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("the alert window must be positive: " + window);
    }
    samples.add(new Sample(start, Map.of()));
  }

  /**
   * @param at now (not before the previous call)
   * @param cumulative bids decided per aggregator since the start
   * @return bids decided per aggregator within the window ending {@code at}; aggregators with none are left out
   */
  public Map<String, AlertRules.Bids> bidsWithin(Instant at, Map<String, AlertRules.Bids> cumulative) {
    if (at.isBefore(samples.peekLast().at())) {
      throw new IllegalArgumentException("time went backwards: " + at + " before " + samples.peekLast().at());
    }
    samples.addLast(new Sample(at, Map.copyOf(cumulative)));
    Instant from = at.minus(window);
    while (samples.size() > 1 && !second().at().isAfter(from)) {
      samples.removeFirst(); // the next sample is old enough to be the base
    }
    Map<String, AlertRules.Bids> base = samples.peekFirst().bids();
    Map<String, AlertRules.Bids> within = new TreeMap<>();
    cumulative.forEach((aggregator, now) -> {
      AlertRules.Bids then = base.getOrDefault(aggregator, new AlertRules.Bids(0, 0));
      long accepted = Math.max(0, now.accepted() - then.accepted());
      long rejected = Math.max(0, now.rejected() - then.rejected());
      if (accepted + rejected > 0) {
        within.put(aggregator, new AlertRules.Bids(accepted, rejected));
      }
    });
    return within;
  }

  private Sample second() {
    java.util.Iterator<Sample> it = samples.iterator();
    it.next();
    return it.next();
  }

  /** Samples held (for tests: bounded by the evaluations in one window). */
  int samplesHeld() {
    return samples.size();
  }
}
