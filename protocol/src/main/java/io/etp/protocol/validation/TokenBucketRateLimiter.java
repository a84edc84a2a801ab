package io.etp.protocol.validation;

import io.etp.protocol.ValidationResult;
import io.etp.protocol.v1.ReasonCode;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A token bucket per sender, driven only by the injected {@link Clock}: each sender may send a burst of
 * {@code capacity} messages and then {@code refillPerSecond} messages per second; beyond that {@link #tryAcquire}
 * answers {@code RATE_LIMITED}. At most {@code maxSenders} buckets are kept; the least recently used one is dropped
 * (that sender starts again with a full bucket). Thread-safe.
 */
public final class TokenBucketRateLimiter {

  private final double capacity;
  private final double refillPerMs;
  private final Clock clock;
  private final Map<String, Bucket> buckets;

  /**
   * @param capacity the burst size, at least 1
   * @param refillPerSecond sustained messages per second, positive
   * @param maxSenders buckets kept at most
   * @param clock the clock that drives refills
   */
  public TokenBucketRateLimiter(double capacity, double refillPerSecond, int maxSenders, Clock clock) {
    if (!(capacity >= 1) || !(refillPerSecond > 0) || !Double.isFinite(capacity) || !Double.isFinite(refillPerSecond)
        || maxSenders < 1) {
      throw new IllegalArgumentException("need capacity >= 1, refillPerSecond > 0, maxSenders >= 1");
    }
    this.capacity = capacity;
    this.refillPerMs = refillPerSecond / 1000.0;
    this.clock = Objects.requireNonNull(clock, "clock");
    this.buckets = new LinkedHashMap<>(64, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
        return size() > maxSenders;
      }
    };
  }

  /**
   * Takes one token from the sender's bucket.
   *
   * @param senderId the sender
   * @return valid when a token was available, else {@code RATE_LIMITED}
   */
  public synchronized ValidationResult tryAcquire(String senderId) {
    long now = clock.millis();
    Bucket bucket = buckets.get(senderId);
    if (bucket == null) {
      bucket = new Bucket(capacity, now);
      buckets.put(senderId, bucket);
    }
    long elapsed = now - bucket.lastRefillMs;
    if (elapsed > 0) {
      bucket.tokens = Math.min(capacity, bucket.tokens + elapsed * refillPerMs);
      bucket.lastRefillMs = now;
    }
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return ValidationResult.valid();
    }
    return ValidationResult.invalid(ReasonCode.REASON_CODE_RATE_LIMITED, "sender '" + senderId
        + "' exceeds " + (refillPerMs * 1000.0) + " messages/s (burst " + capacity + ")");
  }

  /** @return buckets currently held */
  public synchronized int trackedSenders() {
    return buckets.size();
  }

  private static final class Bucket {
    double tokens;
    long lastRefillMs;

    Bucket(double tokens, long lastRefillMs) {
      this.tokens = tokens;
      this.lastRefillMs = lastRefillMs;
    }
  }
}
