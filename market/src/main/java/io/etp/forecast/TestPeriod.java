package io.etp.forecast;

import java.time.LocalDate;
import java.util.Locale;

/**
 * A test period of the epftoolbox benchmark: consecutive delivery days, each forecast with everything before it.
 *
 * @param dataset   dataset name, e.g. {@code NP}
 * @param firstDay  first delivery day forecast
 * @param lastDay   last delivery day forecast (inclusive)
 */
public record TestPeriod(String dataset, LocalDate firstDay, LocalDate lastDay) {

  public TestPeriod {
    if (lastDay.isBefore(firstDay)) {
      throw new IllegalArgumentException("test period ends " + lastDay + " before it starts " + firstDay);
    }
  }

  /**
   * The two-year test periods of Lago et al. (2021): NP and PJM 2016-12-27..2018-12-24, BE 2015-01-04..2016-12-31 (the
   * BE file ends with its test period; its calibration data is the 1456 days before).
   *
   * @throws IllegalArgumentException for a dataset without a standard period
   */
  public static TestPeriod standard(String dataset) {
    return switch (dataset.toUpperCase(Locale.ROOT)) {
      case "NP", "PJM" -> new TestPeriod(dataset, LocalDate.of(2016, 12, 27), LocalDate.of(2018, 12, 24));
      case "BE" -> new TestPeriod(dataset, LocalDate.of(2015, 1, 4), LocalDate.of(2016, 12, 31));
      case "FR", "DE" -> throw new IllegalArgumentException(dataset + " has no file in the shared data; use --from/--to");
      default -> throw new IllegalArgumentException("no standard test period for dataset '" + dataset
          + "'; known: NP, PJM, BE (or give --from/--to)");
    };
  }

  /** Position of a day in the period (0 for the first day). */
  public int indexOf(LocalDate day) {
    return Math.toIntExact(java.time.temporal.ChronoUnit.DAYS.between(firstDay, day));
  }

  /** Number of days in the period. */
  public int days() {
    return Math.toIntExact(java.time.temporal.ChronoUnit.DAYS.between(firstDay, lastDay)) + 1;
  }
}
