package io.etp.access;

import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One token bucket per caller: {@code burst} tokens at most, refilled at {@code perSecond}; each request takes one.
 * The set of buckets is bounded: a bucket idle long enough to be full again is dropped (it would allow exactly what a
 * new bucket allows), and beyond {@code maxBuckets} the least recently used one is dropped, so callers named by
 * source address (anonymous viewers, failed authentications) cannot grow it without limit.
 */
public final class TokenBuckets {

  /** The answer for one request: allowed, or refused until {@code retryAfter} has passed. */
  public record Decision(boolean allowed, Duration retryAfter) {}

  /** Buckets kept at most unless told otherwise. */
  public static final int DEFAULT_MAX_BUCKETS = 10_000;

  private final double burst;
  private final double perNano;
  private final long refillNanos;
  private final int maxBuckets;
  private final Clock clock;
  /** Access order: the eldest entry is the least recently used bucket. Guarded by itself. */
  private final LinkedHashMap<String, Bucket> buckets = new LinkedHashMap<>(64, 0.75f, true);

  public TokenBuckets(int burst, double perSecond, Clock clock) {
    this(burst, perSecond, DEFAULT_MAX_BUCKETS, clock);
  }

  public TokenBuckets(int burst, double perSecond, int maxBuckets, Clock clock) {
    if (burst < 1 || perSecond <= 0 || maxBuckets < 1) {
      throw new IllegalArgumentException("rate limit needs burst >= 1, per-second > 0 and max buckets >= 1");
    }
    this.burst = burst;
    this.perNano = perSecond / 1e9;
    this.refillNanos = (long) Math.ceil(burst / this.perNano);
    this.maxBuckets = maxBuckets;
    this.clock = clock;
  }

  /** Takes a token from {@code callerId}'s bucket if one is there. */
  public Decision tryAcquire(String callerId) {
    return bucket(callerId).take(this, true);
  }

  /** Whether {@code callerId} has a token, without taking it. */
  public Decision peek(String callerId) {
    Bucket b;
    synchronized (buckets) {
      b = buckets.get(callerId);
    }
    return b == null ? new Decision(true, Duration.ZERO) : b.take(this, false);
  }

  /** Buckets held now (for tests and metrics). */
  public int size() {
    synchronized (buckets) {
      return buckets.size();
    }
  }

  private Bucket bucket(String callerId) {
    long now = nanos();
    synchronized (buckets) {
      Bucket b = buckets.get(callerId);
      if (b == null) {
        evict(now);
        b = new Bucket(burst, now);
        buckets.put(callerId, b);
      }
      return b;
    }
  }

  /** Drops buckets idle long enough to be full (oldest first), then the least recently used ones beyond the cap. */
  private void evict(long now) {
    Iterator<Map.Entry<String, Bucket>> eldest = buckets.entrySet().iterator();
    while (eldest.hasNext()) {
      Bucket b = eldest.next().getValue();
      if (buckets.size() >= maxBuckets || now - b.lastUsed() >= refillNanos) {
        eldest.remove();
      } else {
        break;
      }
    }
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

    synchronized long lastUsed() {
      return updatedNanos;
    }

    synchronized Decision take(TokenBuckets limits, boolean take) {
      long now = limits.nanos();
      tokens = Math.min(limits.burst, tokens + Math.max(0, now - updatedNanos) * limits.perNano);
      updatedNanos = now;
      if (tokens >= 1) {
        if (take) {
          tokens -= 1;
        }
        return new Decision(true, Duration.ZERO);
      }
      long waitNanos = (long) Math.ceil((1 - tokens) / limits.perNano);
      return new Decision(false, Duration.ofNanos(waitNanos));
    }
  }
}
