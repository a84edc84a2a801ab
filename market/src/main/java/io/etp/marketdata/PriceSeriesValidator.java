package io.etp.marketdata;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a price series point by point, separately per zone and resolution: gaps (kept, reported), duplicates and
 * out-of-order points (rejected, reported), outliers by a rolling median/MAD rule (kept, flagged) and, with a market
 * time zone, daylight-saving days (recognised, reported as information). Works on instants, so a series whose local
 * labels were resolved with {@link LocalTimeResolver} has no gap on a 23-hour day and no duplicate on a 25-hour day.
 * Pure and single-threaded: one instance per stream.
 */
public final class PriceSeriesValidator {

  private static final double MAD_TO_SIGMA = 1.4826;

  private final ValidationSettings settings;
  private final Map<List<Object>, SeriesState> series = new HashMap<>();

  public PriceSeriesValidator(ValidationSettings settings) {
    this.settings = settings;
  }

  /** The verdict on {@code point}, updating the series state when it is accepted. */
  public ValidatedPrice check(PricePoint point) {
    SeriesState state = series.computeIfAbsent(List.of(point.zone(), point.resolution()), k -> new SeriesState());
    List<IngestIssue> issues = new ArrayList<>();
    if (state.latestStart != null) {
      Double kept = state.priceAt(point.start());
      if (kept != null) {
        issues.add(new IngestIssue.Duplicate(point.zone(), point.start(), kept, point.pricePerMwh()));
        return new ValidatedPrice(point, false, issues);
      }
      Instant expected = state.latestStart.plus(point.resolution());
      if (point.start().isBefore(expected)) {
        issues.add(new IngestIssue.OutOfOrder(point.zone(), point.start(), state.latestStart));
        return new ValidatedPrice(point, false, issues);
      }
      if (point.start().isAfter(expected)) {
        Duration missing = Duration.between(expected, point.start());
        long intervals = Math.max(1, missing.dividedBy(point.resolution()));
        issues.add(new IngestIssue.Gap(point.zone(), expected, point.start(), point.resolution(), intervals));
      }
    }
    outlier(state, point).ifPresent(issues::add);
    settings.marketTimeZone().ifPresent(zone -> dstDay(state, point, zone).ifPresent(issues::add));
    state.accept(point, settings.outlierWindow());
    return new ValidatedPrice(point, true, issues);
  }

  private java.util.Optional<IngestIssue> outlier(SeriesState state, PricePoint point) {
    if (state.window.size() < settings.outlierMinSamples()) {
      return java.util.Optional.empty();
    }
    double[] prices = state.window.stream().mapToDouble(Sample::pricePerMwh).toArray();
    double median = median(prices);
    double[] deviations = Arrays.stream(prices).map(p -> Math.abs(p - median)).toArray();
    double scale = Math.max(MAD_TO_SIGMA * median(deviations), settings.outlierMinScalePerMwh());
    double threshold = settings.outlierK() * scale;
    if (Math.abs(point.pricePerMwh() - median) > threshold) {
      return java.util.Optional.of(
          new IngestIssue.Outlier(point.zone(), point.start(), point.pricePerMwh(), median, threshold));
    }
    return java.util.Optional.empty();
  }

  private static java.util.Optional<IngestIssue> dstDay(SeriesState state, PricePoint point, ZoneId zone) {
    LocalDate day = point.start().atZone(zone).toLocalDate();
    if (day.equals(state.latestLocalDay)) {
      return java.util.Optional.empty();
    }
    state.latestLocalDay = day;
    long hours = Duration.between(day.atStartOfDay(zone), day.plusDays(1).atStartOfDay(zone)).toHours();
    return hours == 24 ? java.util.Optional.empty()
        : java.util.Optional.of(new IngestIssue.DstDay(point.zone(), day, zone, hours));
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }

  private record Sample(Instant start, double pricePerMwh) {}

  private static final class SeriesState {
    private final ArrayDeque<Sample> window = new ArrayDeque<>();
    private Instant latestStart;
    private LocalDate latestLocalDay;

    Double priceAt(Instant start) {
      for (Sample sample : window) {
        if (sample.start().equals(start)) {
          return sample.pricePerMwh();
        }
      }
      return null;
    }

    void accept(PricePoint point, int windowSize) {
      latestStart = point.start();
      window.addLast(new Sample(point.start(), point.pricePerMwh()));
      while (window.size() > windowSize) {
        window.removeFirst();
      }
    }
  }
}
