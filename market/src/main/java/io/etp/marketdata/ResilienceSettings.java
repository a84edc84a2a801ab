package io.etp.marketdata;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.Objects;

/**
 * Polling, restart and circuit-breaker settings of one remote source.
 *
 * @param pollInterval          time between successful polls
 * @param minBackoff            first restart delay after a failed poll
 * @param maxBackoff            cap of the exponentially growing restart delay
 * @param randomFactor          jitter added to each restart delay (0.2 = up to +20 %)
 * @param maxRestarts           restarts allowed within {@code maxRestartsWithin} before the source gives up and fails
 * @param maxRestartsWithin     window for {@code maxRestarts}
 * @param breakerMaxFailures    consecutive outage failures that open the breaker
 * @param breakerCallTimeout    a call slower than this counts as a failure (keep above the HTTP request timeout)
 * @param breakerResetTimeout   how long the open breaker fails fast before letting one trial call through
 * @param recentItemsRemembered how many delivered items are remembered to suppress unchanged re-deliveries
 */
public record ResilienceSettings(
    Duration pollInterval,
    Duration minBackoff,
    Duration maxBackoff,
    double randomFactor,
    int maxRestarts,
    Duration maxRestartsWithin,
    int breakerMaxFailures,
    Duration breakerCallTimeout,
    Duration breakerResetTimeout,
    int recentItemsRemembered) {

  public ResilienceSettings {
    Objects.requireNonNull(pollInterval, "pollInterval");
    Objects.requireNonNull(minBackoff, "minBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    Objects.requireNonNull(maxRestartsWithin, "maxRestartsWithin");
    Objects.requireNonNull(breakerCallTimeout, "breakerCallTimeout");
    Objects.requireNonNull(breakerResetTimeout, "breakerResetTimeout");
    if (pollInterval.isZero() || pollInterval.isNegative() || minBackoff.isNegative() || maxBackoff.compareTo(minBackoff) < 0) {
      throw new IllegalArgumentException("pollInterval must be positive and minBackoff <= maxBackoff");
    }
    if (breakerMaxFailures < 1 || recentItemsRemembered < 1 || randomFactor < 0) {
      throw new IllegalArgumentException("breakerMaxFailures and recentItemsRemembered must be positive, randomFactor >= 0");
    }
  }

  /**
   * Poll every 15 minutes; restart after 1 s doubling up to 5 min with 20 % jitter, unlimited restarts; open the
   * breaker after 5 consecutive outage failures for 1 minute; 45 s call timeout; remember 10,000 items.
   */
  public static ResilienceSettings defaults() {
    return new ResilienceSettings(Duration.ofMinutes(15), Duration.ofSeconds(1), Duration.ofMinutes(5), 0.2,
        -1, Duration.ofMinutes(10), 5, Duration.ofSeconds(45), Duration.ofMinutes(1), 10_000);
  }

  /**
   * Reads the settings from a config section, e.g. {@code etp.marketdata.entsoe.resilience}; every key is optional and
   * falls back to {@link #defaults()}: {@code poll-interval}, {@code min-backoff}, {@code max-backoff},
   * {@code random-factor}, {@code max-restarts}, {@code max-restarts-within}, {@code breaker.max-failures},
   * {@code breaker.call-timeout}, {@code breaker.reset-timeout}, {@code recent-items-remembered}.
   */
  public static ResilienceSettings fromConfig(Config config) {
    ResilienceSettings d = defaults();
    return new ResilienceSettings(
        duration(config, "poll-interval", d.pollInterval()),
        duration(config, "min-backoff", d.minBackoff()),
        duration(config, "max-backoff", d.maxBackoff()),
        config.hasPath("random-factor") ? config.getDouble("random-factor") : d.randomFactor(),
        config.hasPath("max-restarts") ? config.getInt("max-restarts") : d.maxRestarts(),
        duration(config, "max-restarts-within", d.maxRestartsWithin()),
        config.hasPath("breaker.max-failures") ? config.getInt("breaker.max-failures") : d.breakerMaxFailures(),
        duration(config, "breaker.call-timeout", d.breakerCallTimeout()),
        duration(config, "breaker.reset-timeout", d.breakerResetTimeout()),
        config.hasPath("recent-items-remembered") ? config.getInt("recent-items-remembered") : d.recentItemsRemembered());
  }

  private static Duration duration(Config config, String path, Duration fallback) {
    return config.hasPath(path) ? config.getDuration(path) : fallback;
  }

  public ResilienceSettings withPollInterval(Duration interval) {
    return new ResilienceSettings(interval, minBackoff, maxBackoff, randomFactor, maxRestarts, maxRestartsWithin,
        breakerMaxFailures, breakerCallTimeout, breakerResetTimeout, recentItemsRemembered);
  }

  public ResilienceSettings withBackoff(Duration min, Duration max, double jitter) {
    return new ResilienceSettings(pollInterval, min, max, jitter, maxRestarts, maxRestartsWithin,
        breakerMaxFailures, breakerCallTimeout, breakerResetTimeout, recentItemsRemembered);
  }

  public ResilienceSettings withMaxRestarts(int restarts, Duration within) {
    return new ResilienceSettings(pollInterval, minBackoff, maxBackoff, randomFactor, restarts, within,
        breakerMaxFailures, breakerCallTimeout, breakerResetTimeout, recentItemsRemembered);
  }

  public ResilienceSettings withBreaker(int maxFailures, Duration callTimeout, Duration resetTimeout) {
    return new ResilienceSettings(pollInterval, minBackoff, maxBackoff, randomFactor, maxRestarts, maxRestartsWithin,
        maxFailures, callTimeout, resetTimeout, recentItemsRemembered);
  }
}
