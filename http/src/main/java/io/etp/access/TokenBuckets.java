package io.etp.access;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * One token bucket per caller: {@code burst} tokens at most, refilled at {@code perSecond}; each request takes one.
 * Buckets exist per API key (a bounded set) and per anonymous loopback address.
 */
public final class TokenBuckets {

  /** The answer for one request: allowed, or refused until {@code retryAfter} has passed. */
  public record Decision(boolean allowed, Duration retryAfter) {}

  private final double burst;
  private final double perNano;
  private final Clock clock;
  private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

  public TokenBuckets(int burst, double perSecond, Clock clock) {
    if (burst < 1 || perSecond <= 0) {
      throw new IllegalArgumentException("rate limit needs burst >= 1 and per-second > 0");
    }
    this.burst = burst;
    this.perNano = perSecond / 1e9;
    this.clock = clock;
  }

  /** Takes a token from {@code callerId}'s bucket if one is there. */
  public Decision tryAcquire(String callerId) {
    return buckets.computeIfAbsent(callerId, id -> new Bucket(burst, nanos())).take(this);
  }

  private long nanos() {
    var now = clock.instant();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }

  private static final class Bucket {
    private double tokens;
    private long updatedNanos;

    Bucket(double tokens, long now) {
      this.tokens = tokens;
      this.updatedNanos = now;
    }

    synchronized Decision take(TokenBuckets limits) {
      long now = limits.nanos();
      tokens = Math.min(limits.burst, tokens + Math.max(0, now - updatedNanos) * limits.perNano);
      updatedNanos = now;
      if (tokens >= 1) {
        tokens -= 1;
        return new Decision(true, Duration.ZERO);
      }
      long waitNanos = (long) Math.ceil((1 - tokens) / limits.perNano);
      return new Decision(false, Duration.ofNanos(waitNanos));
    }
  }
}
