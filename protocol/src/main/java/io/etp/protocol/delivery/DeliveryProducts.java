package io.etp.protocol.delivery;

import io.etp.protocol.ValidationResult;
import io.etp.protocol.v1.EtpMessageOrBuilder;
import io.etp.protocol.v1.ReasonCode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The market's product list: the delivery period lengths it trades, the default length, and how far ahead a period
 * may start. A period of length L starts at a multiple of L since the Unix epoch (UTC), so a 15-minute period starts
 * at :00, :15, :30 or :45 and a 1-hour period on the hour. Pure and immutable.
 *
 * @param lengthsMinutes the lengths traded, in minutes, ascending, no duplicates; each divides a day (1440) so that
 *     every length's periods tile each UTC day
 * @param defaultMinutes the length of "the next period" ({@link #nextPeriod}), one of {@code lengthsMinutes}
 * @param maxHorizon how far after now a period may start; at least the longest length, so that the next period of
 *     each length is always within it
 */
public record DeliveryProducts(List<Integer> lengthsMinutes, int defaultMinutes, Duration maxHorizon) {

  /** Minutes in a UTC day. */
  public static final int MINUTES_PER_DAY = 1440;

  /**
   * The defaults: 15-minute and 1-hour products (the European intraday and day-ahead market time units), the 15-minute
   * one by default, and periods starting at most 48 hours ahead (a day-ahead auction at noon covers up to 36 hours).
   */
  public static final DeliveryProducts DEFAULTS = new DeliveryProducts(List.of(15, 60), 15, Duration.ofHours(48));

  /** Checks the components; each error names the bad setting. */
  public DeliveryProducts {
    Objects.requireNonNull(lengthsMinutes, "lengthsMinutes");
    Objects.requireNonNull(maxHorizon, "maxHorizon");
    if (lengthsMinutes.isEmpty()) {
      throw new IllegalArgumentException("the product list needs at least one delivery period length");
    }
    lengthsMinutes = List.copyOf(lengthsMinutes);
    int previous = 0;
    for (int minutes : lengthsMinutes) {
      if (minutes <= 0 || minutes > MINUTES_PER_DAY || MINUTES_PER_DAY % minutes != 0) {
        throw new IllegalArgumentException("delivery period length " + minutes
            + " min is not a positive divisor of a day (1440 min), e.g. 5, 15, 30, 60 or 1440");
      }
      if (minutes <= previous) {
        throw new IllegalArgumentException("delivery period lengths must be ascending without duplicates, got "
            + lengthsMinutes);
      }
      previous = minutes;
    }
    if (!lengthsMinutes.contains(defaultMinutes)) {
      throw new IllegalArgumentException("the default delivery period length " + defaultMinutes
          + " min is not one of the product list " + lengthsMinutes);
    }
    if (maxHorizon.compareTo(Duration.ofMinutes(previous)) < 0) {
      throw new IllegalArgumentException("the delivery horizon " + maxHorizon
          + " is shorter than the longest delivery period length (" + previous + " min)");
    }
  }

  /**
   * Builds a product list from configuration values (for example HOCON durations such as {@code 15m}, {@code 1h}).
   *
   * @param lengths the lengths traded, in any order; each a whole number of minutes
   * @param defaultLength the length of "the next period"
   * @param maxHorizon how far ahead a period may start
   * @return the product list
   * @throws IllegalArgumentException naming the bad setting
   */
  public static DeliveryProducts of(List<Duration> lengths, Duration defaultLength, Duration maxHorizon) {
    Objects.requireNonNull(lengths, "lengths");
    List<Integer> minutes = new ArrayList<>();
    for (Duration length : lengths) {
      minutes.add(wholeMinutes(length, "delivery period length"));
    }
    minutes.sort(null);
    return new DeliveryProducts(minutes, wholeMinutes(defaultLength, "default delivery period length"), maxHorizon);
  }

  private static int wholeMinutes(Duration d, String what) {
    Objects.requireNonNull(d, what);
    if (d.isNegative() || d.isZero() || d.toSeconds() % 60 != 0 || d.toNanosPart() != 0
        || d.toMinutes() > MINUTES_PER_DAY) {
      throw new IllegalArgumentException(what + " " + d + " is not a whole number of minutes between 1 and 1440");
    }
    return (int) d.toMinutes();
  }

  /**
   * The period a message without delivery fields means: the first period of the default length that starts strictly
   * after {@code receivedAt}. The legacy text format has no delivery fields, so every legacy offer, bid and trade is
   * for this period (docs/protocol.md "Delivery periods"). At 12:07:30 it is 12:15-12:30; at exactly 12:15 it is
   * 12:30-12:45, since the 12:15 period has started.
   *
   * @param receivedAt when the receiver got the message
   * @return the next period of the default length
   */
  public DeliveryPeriod nextPeriod(Instant receivedAt) {
    long lengthMs = defaultMinutes * 60_000L;
    long start = Math.floorDiv(receivedAt.toEpochMilli(), lengthMs) * lengthMs + lengthMs;
    return new DeliveryPeriod(start, defaultMinutes);
  }

  /**
   * The one place that says which period a message is for: its own delivery fields when it carries them, else the
   * {@linkplain #nextPeriod next period} after it was received.
   *
   * @param message a message that passed validation
   * @param receivedAt when the receiver got it
   * @return its delivery period
   */
  public DeliveryPeriod periodOf(EtpMessageOrBuilder message, Instant receivedAt) {
    return DeliveryPeriod.of(message).orElseGet(() -> nextPeriod(receivedAt));
  }

  /**
   * Checks a period against the product list, in this order: its length is a product
   * ({@code DELIVERY_PERIOD_UNKNOWN_LENGTH}); its start is aligned to its length
   * ({@code DELIVERY_PERIOD_MISALIGNED}); when {@code mustNotHaveStarted}, it starts after now
   * ({@code DELIVERY_PERIOD_STARTED}); it starts at most {@link #maxHorizon()} after now
   * ({@code DELIVERY_PERIOD_TOO_FAR}).
   *
   * @param period the period
   * @param now the receiver's clock
   * @param mustNotHaveStarted true for an offer or a bid: a period that has started can no longer be sold
   * @return valid, or the first failure with a detail naming the values
   */
  public ValidationResult check(DeliveryPeriod period, Instant now, boolean mustNotHaveStarted) {
    if (!lengthsMinutes.contains(period.minutes())) {
      return ValidationResult.invalid(ReasonCode.REASON_CODE_DELIVERY_PERIOD_UNKNOWN_LENGTH,
          "delivery_period_minutes " + period.minutes() + " is not one of the product list " + lengthsMinutes);
    }
    if (Math.floorMod(period.startMs(), period.minutes() * 60_000L) != 0) {
      return ValidationResult.invalid(ReasonCode.REASON_CODE_DELIVERY_PERIOD_MISALIGNED, "delivery_start_ms "
          + period.startMs() + " is not aligned to its " + period.minutes() + "-minute length (UTC)");
    }
    long nowMs = now.toEpochMilli();
    if (mustNotHaveStarted && period.hasStarted(now)) {
      return ValidationResult.invalid(ReasonCode.REASON_CODE_DELIVERY_PERIOD_STARTED,
          "delivery period " + period + " has already started (now " + now + ")");
    }
    long horizonMs = maxHorizon.toMillis();
    if (period.startMs() > nowMs && period.startMs() - nowMs > horizonMs) {
      return ValidationResult.invalid(ReasonCode.REASON_CODE_DELIVERY_PERIOD_TOO_FAR, "delivery period " + period
          + " starts more than " + maxHorizon + " after now (" + now + ")");
    }
    return ValidationResult.valid();
  }
}
