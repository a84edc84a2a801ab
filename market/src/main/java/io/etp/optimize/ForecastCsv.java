package io.etp.optimize;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Strict reader of forecast files with header {@code timestamp,actual,forecast}, timestamps
 * {@code yyyy-MM-dd HH:mm:ss}, one row per hour (the format of docs/data/forecasts/{NP,PJM,BE}-lear.csv). A malformed
 * line fails with its line number.
 */
public final class ForecastCsv {

  private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private ForecastCsv() {}

  /** Reads a forecast file. */
  public static List<HourlyPrice> read(Path file) throws IOException {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return read(file.toString(), reader);
    }
  }

  /** Reads forecast rows from {@code source}; {@code name} appears in error messages. */
  public static List<HourlyPrice> read(String name, Reader source) throws IOException {
    BufferedReader in = source instanceof BufferedReader b ? b : new BufferedReader(source);
    String header = in.readLine();
    if (header == null || !header.strip().replace(" ", "").equals("timestamp,actual,forecast")) {
      throw new IOException(name + ":1: expected header 'timestamp,actual,forecast' but got '" + header + "'");
    }
    List<HourlyPrice> rows = new ArrayList<>();
    String line;
    int lineNumber = 1;
    while ((line = in.readLine()) != null) {
      lineNumber++;
      if (line.isBlank()) {
        continue;
      }
      String[] cells = line.split(",", -1);
      if (cells.length != 3) {
        throw new IOException(name + ":" + lineNumber + ": expected 3 columns but found " + cells.length);
      }
      try {
        LocalDateTime hour = LocalDateTime.parse(cells[0].strip(), TIMESTAMP);
        double actual = Double.parseDouble(cells[1].strip());
        double forecast = Double.parseDouble(cells[2].strip());
        if (!Double.isFinite(actual) || !Double.isFinite(forecast)) {
          throw new NumberFormatException("not finite");
        }
        rows.add(new HourlyPrice(hour, actual, forecast));
      } catch (DateTimeParseException | NumberFormatException e) {
        throw new IOException(name + ":" + lineNumber + ": malformed row '" + line + "': " + e.getMessage());
      }
    }
    return rows;
  }
}
