package io.etp.fleet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * When each simulated battery re-offers its energy. Every battery re-offers once per {@code interval}. Spread (the
 * default), the fleet is divided into {@link #slots()} groups that take turns, one group per {@link #tick()}, so that
 * re-offers and the auctions they start arrive evenly over the interval as a real fleet's do, instead of all at once.
 * Not spread, there is one slot: every battery re-offers at the same instant, the largest burst a fleet can make.
 *
 * <p>Battery {@code i} (1-based) is in slot {@code (i - 1) % slots}; the tick period is at least
 * {@link #MIN_TICK}, so a large fleet re-offers a few batteries per tick rather than ticking faster than a timer can.
 */
public record ReofferSchedule(int batteries, Duration interval, int slots) {

  /** The shortest tick: below this a fleet re-offers several batteries per tick. */
  public static final Duration MIN_TICK = Duration.ofMillis(10);

  public ReofferSchedule {
    if (batteries < 0) {
      throw new IllegalArgumentException("batteries must not be negative: " + batteries);
    }
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("the re-offer interval must be positive: " + interval);
    }
    if (slots < 1 || slots > Math.max(1, batteries)) {
      throw new IllegalArgumentException("slots must be between 1 and the number of batteries: " + slots);
    }
  }

  /** The schedule for {@code batteries} re-offering every {@code interval}, spread over it or all at once. */
  public static ReofferSchedule of(int batteries, Duration interval, boolean spread) {
    if (!spread || batteries <= 1) {
      return new ReofferSchedule(batteries, interval, 1);
    }
    long byTick = Math.max(1, interval.toNanos() / MIN_TICK.toNanos());
    return new ReofferSchedule(batteries, interval, (int) Math.min(batteries, byTick));
  }

  /** How often a slot of batteries re-offers: the interval divided among the slots. */
  public Duration tick() {
    return interval.dividedBy(slots);
  }

  /** The batteries (1-based) that re-offer on tick number {@code tick} (0-based, counted from the first re-offer). */
  public List<Integer> batteriesAt(long tick) {
    if (tick < 0) {
      throw new IllegalArgumentException("tick must not be negative: " + tick);
    }
    int slot = (int) (tick % slots);
    List<Integer> due = new ArrayList<>(batteries / slots + 1);
    for (int i = slot + 1; i <= batteries; i += slots) {
      due.add(i);
    }
    return due;
  }
}
