package io.etp.forecast;

import io.etp.marketdata.PricePoint;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Optional;

/**
 * Assembles a live hourly price feed into whole days and turns them into the {@link MarketHistory} a forecaster needs.
 * Keeps at most {@code maxDays} consecutive complete days; a gap (a missing hour or day) starts the history over, since
 * LEAR's lags need consecutive days.
 *
 * <p>Live feeds carry prices only: the two exogenous series of the history are zero, so LEAR runs on its price lags and
 * weekday dummies (a constant column is scaled to a constant and gets no weight). Not thread-safe: owned by one actor or
 * one stream stage.
 */
public final class DailyPriceHistory {

  private static final Duration HOUR = Duration.ofHours(1);

  private final String zone;
  private final ZoneId dayZone;
  private final int maxDays;
  private final Deque<double[]> days = new ArrayDeque<>();
  private LocalDate lastCompleteDay;
  private LocalDate currentDay;
  private double[] current;
  private int filled;

  /**
   * @param zone    zone name of the history
   * @param dayZone time zone in which delivery days begin at 00:00
   * @param maxDays most complete days kept (the forecaster's window plus one is enough)
   */
  public DailyPriceHistory(String zone, ZoneId dayZone, int maxDays) {
    if (maxDays < 1) throw new IllegalArgumentException("maxDays must be >= 1");
    this.zone = zone;
    this.dayZone = dayZone;
    this.maxDays = maxDays;
  }

  /**
   * Adds one hourly point.
   *
   * @return the day this point completed (its hour 23), if it did
   * @throws IllegalArgumentException for a point that is not hourly
   */
  public Optional<LocalDate> add(PricePoint point) {
    if (!point.resolution().equals(HOUR)) {
      throw new IllegalArgumentException("hourly prices expected, got " + point.resolution() + " for " + point.start());
    }
    ZonedDateTime local = point.start().atZone(dayZone);
    LocalDate day = local.toLocalDate();
    int hour = local.getHour();
    if (!day.equals(currentDay)) {
      currentDay = day;
      current = new double[MarketHistory.HOURS];
      Arrays.fill(current, Double.NaN);
      filled = 0;
    }
    if (Double.isNaN(current[hour])) filled++;
    current[hour] = point.pricePerMwh();
    if (hour != MarketHistory.HOURS - 1 || filled != MarketHistory.HOURS) return Optional.empty();
    if (lastCompleteDay != null && !lastCompleteDay.plusDays(1).equals(day)) days.clear();
    days.addLast(current);
    lastCompleteDay = day;
    while (days.size() > maxDays) days.removeFirst();
    current = null;
    currentDay = null;
    return Optional.of(day);
  }

  /** Number of consecutive complete days held. */
  public int completeDays() {
    return days.size();
  }

  /** The last complete day, if any. */
  public Optional<LocalDate> lastCompleteDay() {
    return days.isEmpty() ? Optional.empty() : Optional.of(lastCompleteDay);
  }

  /** The 24 prices of a complete day still held, if it is. */
  public Optional<double[]> dayPrices(LocalDate day) {
    if (days.isEmpty() || day.isAfter(lastCompleteDay)) return Optional.empty();
    int back = (int) java.time.temporal.ChronoUnit.DAYS.between(day, lastCompleteDay);
    if (back >= days.size()) return Optional.empty();
    double[][] all = days.toArray(double[][]::new);
    return Optional.of(all[all.length - 1 - back].clone());
  }

  /**
   * The history for forecasting the day after the last complete day: every held day, then the delivery day with its
   * prices hidden.
   *
   * @throws IllegalStateException if no day is complete yet
   */
  public MarketHistory historyForNextDay() {
    if (days.isEmpty()) throw new IllegalStateException(zone + ": no complete day yet");
    int n = days.size() + 1;
    double[][] prices = new double[n][];
    int i = 0;
    for (double[] d : days) prices[i++] = d;
    double[] hidden = new double[MarketHistory.HOURS];
    Arrays.fill(hidden, Double.NaN);
    prices[n - 1] = hidden;
    double[][] zeros = new double[n][MarketHistory.HOURS];
    return MarketHistory.ofDays(zone, lastCompleteDay.minusDays(days.size() - 1L), prices, zeros, zeros);
  }
}
