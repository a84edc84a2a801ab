package io.etp.access;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Failed authentications (no key where one is needed, or a key that matches none) per client address, in a bounded
 * set of token buckets ({@code etp.access.auth-failures}). While a source has failures left, each failure is audited
 * as before; once its bucket is empty, its requests that would need the key store are refused with 429 before any
 * lookup and are only counted, and {@link #drainSummary} reports the count as one line per interval.
 */
public final class AuthFailureLimiter {

  /** What was refused without an audit entry since the last summary. */
  public record Summary(long refused, Duration over) {}

  private final TokenBuckets buckets;
  private final Clock clock;
  private final AtomicLong refused = new AtomicLong();
  private volatile java.time.Instant since;

  public AuthFailureLimiter(int burst, double perSecond, int maxSources, Clock clock) {
    this.buckets = new TokenBuckets(burst, perSecond, maxSources, clock);
    this.clock = clock;
    this.since = clock.instant();
  }

  /** Whether {@code source} has used up its failures; if so the request is counted as refused. */
  public TokenBuckets.Decision admit(String source) {
    TokenBuckets.Decision d = buckets.peek(source);
    if (!d.allowed()) {
      refused.incrementAndGet();
    }
    return d;
  }

  /** Records one failure of {@code source}; true if it is to be audited, false if it is only counted. */
  public boolean failed(String source) {
    if (buckets.tryAcquire(source).allowed()) {
      return true;
    }
    refused.incrementAndGet();
    return false;
  }

  /** The refusals counted since the last call, if any (then the count restarts). */
  public Optional<Summary> drainSummary() {
    java.time.Instant now = clock.instant();
    long n = refused.getAndSet(0);
    java.time.Instant from = since;
    since = now;
    return n == 0 ? Optional.empty() : Optional.of(new Summary(n, Duration.between(from, now)));
  }

  /** Sources tracked now. */
  public int sources() {
    return buckets.size();
  }
}
