package io.etp.forecast;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Hourly forecasts next to realised prices over consecutive days starting at {@code firstDay} 00:00.
 *
 * <p>CSV form (read by the value-of-forecasting command): header {@code timestamp,actual,forecast}, one row per hour,
 * timestamp {@code yyyy-MM-dd HH:mm:ss} (start of the hour, market time as in the epftoolbox files).
 */
public final class ForecastSeries {

  /** Timestamp format of the CSV. */
  public static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  /** CSV header. */
  public static final String HEADER = "timestamp,actual,forecast";

  private final LocalDate firstDay;
  private final double[] actual;
  private final double[] forecast;

  /**
   * @throws IllegalArgumentException if the arrays differ in length or do not hold whole days
   */
  public ForecastSeries(LocalDate firstDay, double[] actual, double[] forecast) {
    if (actual.length != forecast.length || actual.length % MarketHistory.HOURS != 0) {
      throw new IllegalArgumentException("need equal whole days of actuals and forecasts, got " + actual.length + " and "
          + forecast.length + " hours");
    }
    this.firstDay = firstDay;
    this.actual = actual.clone();
    this.forecast = forecast.clone();
  }

  /** Day of the first hour. */
  public LocalDate firstDay() {
    return firstDay;
  }

  /** Realised prices, hour by hour (a copy). */
  public double[] actual() {
    return actual.clone();
  }

  /** Forecast prices, hour by hour (a copy). */
  public double[] forecast() {
    return forecast.clone();
  }

  /** Number of hours. */
  public int hours() {
    return actual.length;
  }

  /** Accuracy of the forecasts. */
  public ForecastMetrics metrics() {
    return ForecastMetrics.of(actual, forecast);
  }

  /** Writes the CSV. */
  public void writeCsv(Writer out) throws IOException {
    out.write(HEADER);
    out.write('\n');
    LocalDateTime start = firstDay.atStartOfDay();
    for (int t = 0; t < actual.length; t++) {
      out.write(TIMESTAMP.format(start.plusHours(t)));
      out.write(',');
      out.write(java.math.BigDecimal.valueOf(actual[t]).toPlainString());
      out.write(',');
      out.write(number(forecast[t]));
      out.write('\n');
    }
  }

  /** Writes the CSV to a file, creating parent directories. */
  public void writeCsv(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      writeCsv(out);
    }
  }

  /** Forecasts are rounded to 1e-4, well below any price tick. */
  private static String number(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }
}
