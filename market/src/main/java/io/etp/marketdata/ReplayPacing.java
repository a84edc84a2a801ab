package io.etp.marketdata;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.pekko.NotUsed;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.ThrottleMode;
import org.apache.pekko.stream.javadsl.Source;

/** Paces a price series by its market timestamps (a token bucket whose tokens are market minutes). */
final class ReplayPacing {

  /** Up to one market hour may be emitted without waiting, so timer granularity does not slow high speeds down. */
  private static final int BURST_MARKET_MINUTES = 60;

  private ReplayPacing() {}

  static Source<PricePoint, NotUsed> paced(Source<PricePoint, NotUsed> points, ReplaySpeed speed) {
    if (speed instanceof ReplaySpeed.Accelerated accelerated) {
      return points
          .statefulMap(
              () -> Optional.<Instant>empty(),
              (previous, point) -> Pair.create(Optional.of(point.start()), Pair.create(point, minutesSince(previous, point))),
              previous -> Optional.empty())
          .throttle(1, accelerated.wallTimePerMarketMinute(), BURST_MARKET_MINUTES, Pair::second, ThrottleMode.shaping())
          .map(Pair::first);
    }
    return points;
  }

  private static int minutesSince(Optional<Instant> previous, PricePoint point) {
    if (previous.isEmpty()) {
      return 0;
    }
    long minutes = Duration.between(previous.get(), point.start()).toMinutes();
    return (int) Math.max(0, Math.min(Integer.MAX_VALUE, minutes));
  }
}
