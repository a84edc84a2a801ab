package io.etp.protocol.validation;

import io.etp.protocol.TimingClass;
import io.etp.protocol.ValidationResult;
import io.etp.protocol.v1.ReasonCode;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Remembers {@code (sender_id, message_id)} pairs for a window of receive time and refuses a pair seen again with
 * {@code REPLAYED}. Record only messages whose signature verified (see {@link MessageGate}), so forged messages cannot
 * fill the cache or block a genuine id.
 *
 * <p>The window must cover the longest deadline plus the clock skew ({@link #minimumWindow}): an id forgotten after the
 * window belongs to a message that the deadline check already refuses.
 *
 * <p>Memory is bounded per sender ({@code maxIdsPerSender}) and overall ({@code maxIds}). Bounding never lets a replay
 * through; it fails closed instead: when a sender's log is full its oldest id is dropped and the sender's watermark
 * rises to that message's {@code sent_at_ms}, and from then on any message of that sender sent at or before the
 * watermark is refused as possibly replayed. When the overall bound is hit, the least recently active sender is
 * dropped and a global watermark rises the same way for senders the guard no longer knows. Thread-safe.
 */
public final class ReplayGuard {

  /** Default number of ids remembered per sender. */
  public static final int DEFAULT_MAX_IDS_PER_SENDER = 4096;
  /** Default number of ids remembered overall. */
  public static final int DEFAULT_MAX_IDS = 1_000_000;

  private final long windowMs;
  private final int maxIdsPerSender;
  private final int maxIds;
  private final Clock clock;
  private final LinkedHashMap<String, SenderLog> senders = new LinkedHashMap<>(64, 0.75f, true);
  private long globalWatermarkMs = Long.MIN_VALUE;
  private int totalIds;

  /**
   * @param window how long (receive time) an id is remembered; at least {@link #minimumWindow}
   * @param maxIdsPerSender ids remembered per sender
   * @param maxIds ids remembered overall
   * @param clock the receiver's clock
   */
  public ReplayGuard(Duration window, int maxIdsPerSender, int maxIds, Clock clock) {
    this.windowMs = window.toMillis();
    if (windowMs <= 0 || maxIdsPerSender < 1 || maxIds < maxIdsPerSender) {
      throw new IllegalArgumentException("need window > 0 and 1 <= maxIdsPerSender <= maxIds");
    }
    this.maxIdsPerSender = maxIdsPerSender;
    this.maxIds = maxIds;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * @param limits the validation limits in force
   * @param clock the receiver's clock
   * @return a guard with the minimum safe window for those limits and the default bounds
   */
  public static ReplayGuard forLimits(ValidationLimits limits, Clock clock) {
    return new ReplayGuard(minimumWindow(limits), DEFAULT_MAX_IDS_PER_SENDER, DEFAULT_MAX_IDS, clock);
  }

  /**
   * @param limits the validation limits in force
   * @return the longest deadline plus the allowed clock skew
   */
  public static Duration minimumWindow(ValidationLimits limits) {
    return TimingClass.MAX_DEADLINE.plus(limits.maxClockSkew());
  }

  /**
   * Refuses a replayed pair, else records it.
   *
   * @param senderId the message's {@code sender_id}
   * @param messageId the message's {@code message_id}
   * @param sentAtMs the message's {@code sent_at_ms}
   * @return valid if the pair is new (and is now recorded), else {@code REPLAYED}
   */
  public synchronized ValidationResult checkAndRecord(String senderId, long messageId, long sentAtMs) {
    long now = clock.millis();
    evictIdleEldest(now);
    SenderLog log = senders.get(senderId);
    if (log == null) {
      if (sentAtMs <= globalWatermarkMs) {
        return replayed(senderId, messageId, "sent before the guard's horizon for forgotten senders");
      }
      log = new SenderLog();
      senders.put(senderId, log);
    }
    totalIds -= log.expire(now - windowMs);
    if (log.ids.containsKey(messageId)) {
      return replayed(senderId, messageId, "already received within the replay window");
    }
    if (sentAtMs <= log.watermarkMs) {
      return replayed(senderId, messageId, "sent before the sender's oldest remembered message");
    }
    log.ids.put(messageId, new Seen(sentAtMs, now));
    totalIds++;
    if (log.ids.size() > maxIdsPerSender) {
      log.dropOldest();
      totalIds--;
    }
    while (totalIds > maxIds) {
      dropLeastRecentSender();
    }
    return ValidationResult.valid();
  }

  /** @return ids currently remembered, over all senders */
  public synchronized int size() {
    return totalIds;
  }

  /** @return senders currently remembered */
  public synchronized int senderCount() {
    return senders.size();
  }

  private void evictIdleEldest(long now) {
    Iterator<Map.Entry<String, SenderLog>> it = senders.entrySet().iterator();
    if (it.hasNext()) {
      SenderLog eldest = it.next().getValue();
      totalIds -= eldest.expire(now - windowMs);
      if (eldest.ids.isEmpty() && eldest.watermarkMs < now - windowMs) {
        it.remove();
      }
    }
  }

  private void dropLeastRecentSender() {
    Iterator<Map.Entry<String, SenderLog>> it = senders.entrySet().iterator();
    SenderLog dropped = it.next().getValue();
    it.remove();
    totalIds -= dropped.ids.size();
    globalWatermarkMs = Math.max(globalWatermarkMs, dropped.latestSentAtMs());
  }

  private static ValidationResult replayed(String senderId, long messageId, String why) {
    return ValidationResult.invalid(ReasonCode.REASON_CODE_REPLAYED,
        "message " + messageId + " from '" + senderId + "' refused as a replay: " + why);
  }

  private record Seen(long sentAtMs, long receivedAtMs) {
  }

  /** One sender's remembered ids, in receive order. */
  private static final class SenderLog {
    final LinkedHashMap<Long, Seen> ids = new LinkedHashMap<>();
    long watermarkMs = Long.MIN_VALUE;

    /** Forgets ids received at or before {@code horizonMs}; returns how many. */
    int expire(long horizonMs) {
      int removed = 0;
      Iterator<Seen> it = ids.values().iterator();
      while (it.hasNext() && it.next().receivedAtMs() <= horizonMs) {
        it.remove();
        removed++;
      }
      return removed;
    }

    void dropOldest() {
      Iterator<Seen> it = ids.values().iterator();
      Seen oldest = it.next();
      it.remove();
      watermarkMs = Math.max(watermarkMs, oldest.sentAtMs());
    }

    long latestSentAtMs() {
      long latest = watermarkMs;
      for (Seen s : ids.values()) {
        latest = Math.max(latest, s.sentAtMs());
      }
      return latest;
    }
  }
}
