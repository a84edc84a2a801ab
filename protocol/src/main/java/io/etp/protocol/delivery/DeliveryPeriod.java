package io.etp.protocol.delivery;

import io.etp.protocol.v1.EtpMessage;
import io.etp.protocol.v1.EtpMessageOrBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A delivery period: the interval {@code [start, start + minutes)} in which traded energy is delivered. On the wire it
 * is {@code delivery_start_ms} (35) and {@code delivery_period_minutes} (36) of {@code etp.v1.EtpMessage}. This record
 * only holds the two values; whether they form a period the market trades is {@link DeliveryProducts#check}.
 *
 * @param startMs Unix epoch milliseconds when delivery starts
 * @param minutes the period's length in minutes
 */
public record DeliveryPeriod(long startMs, int minutes) {

  /** @return when delivery starts */
  public Instant start() {
    return Instant.ofEpochMilli(startMs);
  }

  /** @return the period's length */
  public Duration length() {
    return Duration.ofMinutes(minutes);
  }

  /** @return Unix epoch milliseconds when delivery ends (exclusive); saturates instead of overflowing */
  public long endMs() {
    long lengthMs = minutes * 60_000L;
    try {
      return Math.addExact(startMs, lengthMs);
    } catch (ArithmeticException e) {
      return lengthMs > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
    }
  }

  /**
   * @param now the receiver's clock
   * @return true when delivery has started at {@code now} (start at or before now): too late to offer or bid on it
   */
  public boolean hasStarted(Instant now) {
    return startMs <= now.toEpochMilli();
  }

  /**
   * @param message a message or builder
   * @return its period when it carries both fields, empty when it carries neither or only one (a message with only
   *     one is refused by validation as {@code MISSING_FIELD})
   */
  public static Optional<DeliveryPeriod> of(EtpMessageOrBuilder message) {
    if (message.hasDeliveryStartMs() && message.hasDeliveryPeriodMinutes()) {
      return Optional.of(new DeliveryPeriod(message.getDeliveryStartMs(), message.getDeliveryPeriodMinutes()));
    }
    return Optional.empty();
  }

  /**
   * @param builder a message under construction
   * @return the builder, with fields 35 and 36 set to this period
   */
  public EtpMessage.Builder writeTo(EtpMessage.Builder builder) {
    return builder.setDeliveryStartMs(startMs).setDeliveryPeriodMinutes(minutes);
  }

  @Override
  public String toString() {
    return start() + "+" + minutes + "min";
  }
}
