package io.etp.battery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A delivery period: the time a trade's energy moves, a start and a length from the market's product list.
 * Periods are aligned: a period of length L starts at a whole multiple of L since the Unix epoch (UTC), so 15-minute
 * products start at :00, :15, :30 and :45 and hourly ones on the hour.
 */
public record DeliveryPeriod(Instant start, Duration length) implements Comparable<DeliveryPeriod> {

  /** The market's product list: the lengths a period may have. */
  public static final List<Duration> PRODUCTS = List.of(Duration.ofMinutes(15), Duration.ofHours(1));

  /** The default product until the wire carries a period: 15 minutes. */
  public static final Duration DEFAULT_PRODUCT = Duration.ofMinutes(15);

  /** @throws IllegalArgumentException when the length is not a product or the start is not aligned to it */
  public DeliveryPeriod {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(length, "length");
    requireProduct(length);
    if (Math.floorMod(start.getEpochSecond(), length.toSeconds()) != 0 || start.getNano() != 0) {
      throw new IllegalArgumentException("delivery period start " + start + " is not aligned to " + length);
    }
  }

  /** @throws IllegalArgumentException when {@code length} is not on the market's product list */
  public static Duration requireProduct(Duration length) {
    if (!PRODUCTS.contains(length)) {
      throw new IllegalArgumentException("delivery period length " + length + " is not a product; products: "
          + PRODUCTS);
    }
    return length;
  }

  /**
   * The rule for a trade whose message names no period (the legacy text protocol, and the wire until it carries
   * periods): the trade is for "the next period", the first period of {@code length} that starts strictly after
   * {@code confirmedAt}. A trade confirmed exactly on a boundary is for the period after the one starting then, which
   * has already started.
   */
  public static DeliveryPeriod nextAfter(Instant confirmedAt, Duration length) {
    requireProduct(length);
    long len = length.toSeconds();
    long startSecond = Math.floorDiv(confirmedAt.getEpochSecond(), len) * len + len;
    return new DeliveryPeriod(Instant.ofEpochSecond(startSecond), length);
  }

  public Instant end() { return start.plus(length); }

  /** Started at {@code now}: a period whose start is not after now can no longer take new commitments. */
  public boolean hasStarted(Instant now) { return !now.isBefore(start); }

  @Override
  public int compareTo(DeliveryPeriod o) {
    int c = start.compareTo(o.start);
    return c != 0 ? c : length.compareTo(o.length);
  }

  @Override
  public String toString() { return start + "/" + length; }
}
