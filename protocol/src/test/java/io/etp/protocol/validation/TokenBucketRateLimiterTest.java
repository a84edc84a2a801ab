package io.etp.protocol.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.etp.protocol.MutableClock;
import io.etp.protocol.TestMessages;
import io.etp.protocol.ValidationResult;
import io.etp.protocol.v1.ReasonCode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TokenBucketRateLimiterTest {

  private final MutableClock clock = new MutableClock(TestMessages.NOW);
  private final TokenBucketRateLimiter limiter = new TokenBucketRateLimiter(3, 2, 100, clock);

  @Test
  void allowsABurstThenRejectsWithRateLimitedReason() {
    for (int i = 0; i < 3; i++) {
      assertEquals(ValidationResult.valid(), limiter.tryAcquire("50"));
    }
    ValidationResult.Invalid refused = assertInstanceOf(ValidationResult.Invalid.class, limiter.tryAcquire("50"));
    assertEquals(ReasonCode.REASON_CODE_RATE_LIMITED, refused.reason());
  }

  @Test
  void refillsAtTheConfiguredRate() {
    for (int i = 0; i < 3; i++) {
      limiter.tryAcquire("50");
    }
    clock.advance(Duration.ofMillis(499));
    assertInstanceOf(ValidationResult.Invalid.class, limiter.tryAcquire("50"));
    clock.advance(Duration.ofMillis(2));
    assertEquals(ValidationResult.valid(), limiter.tryAcquire("50"));
    assertInstanceOf(ValidationResult.Invalid.class, limiter.tryAcquire("50"));
  }

  @Test
  void neverHoldsMoreThanTheBurst() {
    clock.advance(Duration.ofHours(1));
    for (int i = 0; i < 3; i++) {
      assertEquals(ValidationResult.valid(), limiter.tryAcquire("50"));
    }
    assertInstanceOf(ValidationResult.Invalid.class, limiter.tryAcquire("50"));
  }

  @Test
  void limitsEachSenderSeparately() {
    for (int i = 0; i < 3; i++) {
      limiter.tryAcquire("50");
    }
    assertEquals(ValidationResult.valid(), limiter.tryAcquire("51"));
  }

  @Test
  void keepsAtMostMaxSendersBuckets() {
    TokenBucketRateLimiter small = new TokenBucketRateLimiter(1, 1, 2, clock);
    small.tryAcquire("a");
    small.tryAcquire("b");
    small.tryAcquire("c");
    assertEquals(2, small.trackedSenders());
  }
}
