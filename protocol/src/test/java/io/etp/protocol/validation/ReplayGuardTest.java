package io.etp.protocol.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.etp.protocol.MutableClock;
import io.etp.protocol.TestMessages;
import io.etp.protocol.ValidationResult;
import io.etp.protocol.v1.ReasonCode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReplayGuardTest {

  private final MutableClock clock = new MutableClock(TestMessages.NOW);

  private long now() {
    return clock.millis();
  }

  private static void assertReplayed(ValidationResult result) {
    assertEquals(ReasonCode.REASON_CODE_REPLAYED, assertInstanceOf(ValidationResult.Invalid.class, result).reason());
  }

  @Test
  void rejectsSameSenderAndMessageIdWithReplayedReason() {
    ReplayGuard guard = new ReplayGuard(Duration.ofSeconds(10), 100, 1000, clock);
    assertEquals(ValidationResult.valid(), guard.checkAndRecord("50", 1, now()));
    assertReplayed(guard.checkAndRecord("50", 1, now()));
  }

  @Test
  void acceptsSameMessageIdFromAnotherSender() {
    ReplayGuard guard = new ReplayGuard(Duration.ofSeconds(10), 100, 1000, clock);
    guard.checkAndRecord("50", 1, now());
    assertEquals(ValidationResult.valid(), guard.checkAndRecord("51", 1, now()));
  }

  @Test
  void forgetsIdsAfterTheWindow() {
    ReplayGuard guard = new ReplayGuard(Duration.ofSeconds(10), 100, 1000, clock);
    guard.checkAndRecord("50", 1, now());
    clock.advance(Duration.ofSeconds(9));
    assertReplayed(guard.checkAndRecord("50", 1, now()));
    clock.advance(Duration.ofSeconds(2));
    assertEquals(ValidationResult.valid(), guard.checkAndRecord("50", 1, now()));
    assertEquals(1, guard.size());
  }

  @Test
  void boundsIdsPerSenderAndRefusesMessagesOlderThanWhatItForgot() {
    ReplayGuard guard = new ReplayGuard(Duration.ofSeconds(10), 3, 1000, clock);
    long t0 = now();
    for (int id = 1; id <= 4; id++) {
      assertEquals(ValidationResult.valid(), guard.checkAndRecord("50", id, t0 + id));
    }
    assertEquals(3, guard.size());
    // id 1 was dropped to stay within 3 ids; its replay must still be refused (via the watermark)
    assertReplayed(guard.checkAndRecord("50", 1, t0 + 1));
    assertEquals(ValidationResult.valid(), guard.checkAndRecord("50", 5, t0 + 5));
  }

  @Test
  void boundsIdsOverallByDroppingTheLeastRecentSender() {
    ReplayGuard guard = new ReplayGuard(Duration.ofSeconds(10), 2, 4, clock);
    long t0 = now();
    for (int sender = 0; sender < 10; sender++) {
      guard.checkAndRecord("bess-" + sender, 1, t0 - 100 + sender);
      guard.checkAndRecord("bess-" + sender, 2, t0 - 100 + sender);
    }
    assertEquals(4, guard.size());
    assertEquals(2, guard.senderCount());
    // a forgotten sender's old message is refused rather than risked
    assertReplayed(guard.checkAndRecord("bess-0", 1, t0 - 100));
    // a fresh message of a new sender passes
    assertEquals(ValidationResult.valid(), guard.checkAndRecord("bess-new", 1, t0));
  }

  @Test
  void releasesSendersIdleLongerThanTheWindow() {
    ReplayGuard guard = new ReplayGuard(Duration.ofSeconds(10), 10, 100, clock);
    guard.checkAndRecord("50", 1, now());
    clock.advance(Duration.ofSeconds(11));
    guard.checkAndRecord("51", 1, now());
    assertEquals(1, guard.senderCount());
  }

  @Test
  void minimumWindowCoversLongestDeadlinePlusSkew() {
    assertEquals(Duration.ofMillis(7000), ReplayGuard.minimumWindow(ValidationLimits.DEFAULTS));
  }
}
