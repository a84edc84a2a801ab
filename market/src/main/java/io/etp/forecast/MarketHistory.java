package io.etp.forecast;

import io.etp.marketdata.EpfDataset;
import io.etp.marketdata.EpfObservation;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;

/**
 * An epftoolbox dataset arranged by delivery day: for each consecutive day, the 24 hourly prices and the 24 hourly values
 * of the two exogenous day-ahead forecasts. Construction checks that the series starts at 00:00 and has every hour exactly
 * once (epftoolbox files carry 24 hours on every day, DST days included), so that "the same hour one week earlier" is
 * always {@code 168} rows back.
 *
 * <p>A price of {@link Double#NaN} means "not known yet": {@link #withPricesHiddenFrom(LocalDate)} produces the view a
 * forecaster gets on the morning before delivery, with the exogenous forecasts of the delivery day but none of its prices.
 */
public final class MarketHistory {

  /** Hours per delivery day in the epftoolbox datasets. */
  public static final int HOURS = 24;

  private final String name;
  private final LocalDate firstDay;
  private final double[][] prices;
  private final double[][] exogenous1;
  private final double[][] exogenous2;

  private MarketHistory(String name, LocalDate firstDay, double[][] prices, double[][] exogenous1, double[][] exogenous2) {
    this.name = name;
    this.firstDay = firstDay;
    this.prices = prices;
    this.exogenous1 = exogenous1;
    this.exogenous2 = exogenous2;
  }

  /**
   * Arranges a dataset by day.
   *
   * @throws IllegalArgumentException if the first hour is not 00:00, an hour is missing or repeated, or the last day is
   *     incomplete
   */
  public static MarketHistory of(EpfDataset dataset) {
    List<EpfObservation> rows = dataset.observations();
    if (rows.isEmpty() || rows.size() % HOURS != 0) {
      throw new IllegalArgumentException(dataset.name() + ": expected whole days of 24 hours but found " + rows.size() + " rows");
    }
    LocalDateTime start = rows.get(0).hourStart();
    if (start.getHour() != 0 || start.getMinute() != 0) {
      throw new IllegalArgumentException(dataset.name() + ": series must start at 00:00 but starts at " + start);
    }
    int days = rows.size() / HOURS;
    double[][] p = new double[days][HOURS];
    double[][] e1 = new double[days][HOURS];
    double[][] e2 = new double[days][HOURS];
    for (int i = 0; i < rows.size(); i++) {
      EpfObservation o = rows.get(i);
      if (!o.hourStart().equals(start.plusHours(i))) {
        throw new IllegalArgumentException(dataset.name() + ": expected hour " + start.plusHours(i) + " at row " + (i + 1)
            + " but found " + o.hourStart() + " (gap or duplicate)");
      }
      p[i / HOURS][i % HOURS] = o.price();
      e1[i / HOURS][i % HOURS] = o.exogenous1();
      e2[i / HOURS][i % HOURS] = o.exogenous2();
    }
    return new MarketHistory(dataset.name(), start.toLocalDate(), p, e1, e2);
  }

  /**
   * Builds a history directly from day-by-day arrays ({@code [day][hour]}); the arrays are copied.
   *
   * @throws IllegalArgumentException if the arrays differ in length or a day does not have 24 values
   */
  public static MarketHistory ofDays(String name, LocalDate firstDay, double[][] prices, double[][] exogenous1,
      double[][] exogenous2) {
    if (prices.length != exogenous1.length || prices.length != exogenous2.length) {
      throw new IllegalArgumentException("prices and exogenous series must cover the same days");
    }
    return new MarketHistory(name, firstDay, copy(prices), copy(exogenous1), copy(exogenous2));
  }

  private static double[][] copy(double[][] days) {
    double[][] out = new double[days.length][];
    for (int d = 0; d < days.length; d++) {
      if (days[d].length != HOURS) {
        throw new IllegalArgumentException("day " + d + " has " + days[d].length + " values, expected " + HOURS);
      }
      out[d] = days[d].clone();
    }
    return out;
  }

  /** Dataset name, e.g. {@code NP}. */
  public String name() {
    return name;
  }

  /** The first delivery day. */
  public LocalDate firstDay() {
    return firstDay;
  }

  /** The last delivery day (inclusive). */
  public LocalDate lastDay() {
    return firstDay.plusDays(prices.length - 1L);
  }

  /** Number of days. */
  public int dayCount() {
    return prices.length;
  }

  /** Position of a day in this history (0 for {@link #firstDay()}); may be outside {@code [0, dayCount())}. */
  public int indexOf(LocalDate day) {
    return Math.toIntExact(ChronoUnit.DAYS.between(firstDay, day));
  }

  /** Whether the day lies within this history. */
  public boolean contains(LocalDate day) {
    int i = indexOf(day);
    return i >= 0 && i < prices.length;
  }

  /** Price of an hour of the day at {@code dayIndex}; NaN where hidden. */
  public double price(int dayIndex, int hour) {
    return prices[dayIndex][hour];
  }

  /** First exogenous day-ahead forecast for an hour of the day at {@code dayIndex}. */
  public double exogenous1(int dayIndex, int hour) {
    return exogenous1[dayIndex][hour];
  }

  /** Second exogenous day-ahead forecast for an hour of the day at {@code dayIndex}. */
  public double exogenous2(int dayIndex, int hour) {
    return exogenous2[dayIndex][hour];
  }

  /** The 24 prices of a day (a copy). */
  public double[] dayPrices(LocalDate day) {
    requireContains(day);
    return prices[indexOf(day)].clone();
  }

  /**
   * The information available when forecasting {@code day}: every day up to and including {@code day}, with the prices of
   * {@code day} hidden (NaN) and its exogenous forecasts kept.
   *
   * @throws IllegalArgumentException if the day is not in this history
   */
  public MarketHistory withPricesHiddenFrom(LocalDate day) {
    requireContains(day);
    int end = indexOf(day) + 1;
    double[][] p = Arrays.copyOf(prices, end);
    double[] hidden = new double[HOURS];
    Arrays.fill(hidden, Double.NaN);
    p[end - 1] = hidden;
    return new MarketHistory(name, firstDay, p, Arrays.copyOf(exogenous1, end), Arrays.copyOf(exogenous2, end));
  }

  private void requireContains(LocalDate day) {
    if (!contains(day)) {
      throw new IllegalArgumentException(name + " covers " + firstDay + ".." + lastDay() + ", not " + day);
    }
  }
}
