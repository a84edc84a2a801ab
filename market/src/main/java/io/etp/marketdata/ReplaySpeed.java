package io.etp.marketdata;

import java.time.Duration;

/** How fast a replayed or generated series is emitted relative to the market time it covers. */
public sealed interface ReplaySpeed {

  /** No pacing: elements are emitted as fast as downstream takes them. */
  record AsFastAsPossible() implements ReplaySpeed {}

  /**
   * Market time runs {@code factor} times faster than wall time: with 3600, one market hour takes one second.
   * Gaps in the series take proportionally long, so the replay keeps the series' rhythm.
   */
  record Accelerated(double factor) implements ReplaySpeed {
    public Accelerated {
      if (!(factor > 0) || Double.isInfinite(factor)) {
        throw new IllegalArgumentException("factor must be positive and finite: " + factor);
      }
    }

    /** Wall time one market minute takes at this speed. */
    public Duration wallTimePerMarketMinute() {
      return Duration.ofNanos(Math.max(1, Math.round(60e9 / factor)));
    }
  }

  static ReplaySpeed asFastAsPossible() {
    return new AsFastAsPossible();
  }

  /** One hour of market time per second (3600x). */
  static ReplaySpeed hourPerSecond() {
    return new Accelerated(3600);
  }

  static ReplaySpeed accelerated(double factor) {
    return new Accelerated(factor);
  }
}
