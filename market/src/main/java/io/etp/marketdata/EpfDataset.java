package io.etp.marketdata;

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
 * An hourly day-ahead price dataset in the epftoolbox CSV format
 * ({@code Date, Price, <exogenous 1>, <exogenous 2>}, timestamps {@code yyyy-MM-dd HH:mm:ss}), as shipped in
 * {@code shared/data/epf/}. Parsing is strict: a malformed line fails with its line number, never silently skipped.
 * Checks of the series itself (gaps, duplicates, DST days, outliers) belong to the ingestion validation, not here.
 */
public record EpfDataset(String name, List<String> columnNames, List<EpfObservation> observations) {

  private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  public EpfDataset {
    columnNames = List.copyOf(columnNames);
    observations = List.copyOf(observations);
  }

  /** Thrown for any line that is not a well-formed epftoolbox row. */
  public static final class MalformedEpfFileException extends IOException {
    private static final long serialVersionUID = 1L;
    private final int lineNumber;

    MalformedEpfFileException(String source, int lineNumber, String problem) {
      super(source + ":" + lineNumber + ": " + problem);
      this.lineNumber = lineNumber;
    }

    public int lineNumber() {
      return lineNumber;
    }
  }

  public static EpfDataset read(Path file) throws IOException {
    String fileName = file.getFileName().toString();
    String name = fileName.endsWith(".csv") ? fileName.substring(0, fileName.length() - 4) : fileName;
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return read(name, reader);
    }
  }

  public static EpfDataset read(String name, Reader source) throws IOException {
    BufferedReader in = source instanceof BufferedReader b ? b : new BufferedReader(source);
    String header = in.readLine();
    if (header == null) {
      throw new MalformedEpfFileException(name, 1, "empty file, expected a header 'Date, Price, <exog1>, <exog2>'");
    }
    String[] headerCells = splitRow(header);
    // the shipped files name the price column "Price" (NP), "Prices" (BE) and "Zonal COMED price" (PJM)
    if (headerCells.length != 4 || !headerCells[0].equalsIgnoreCase("Date")
        || !headerCells[1].toLowerCase(java.util.Locale.ROOT).contains("price")) {
      throw new MalformedEpfFileException(name, 1,
          "expected header 'Date, <price column>, <exog1>, <exog2>' but got '" + header + "'");
    }
    List<EpfObservation> rows = new ArrayList<>();
    String line;
    int lineNumber = 1;
    while ((line = in.readLine()) != null) {
      lineNumber++;
      if (line.isBlank()) {
        continue;
      }
      rows.add(parseRow(name, lineNumber, line));
    }
    return new EpfDataset(name, List.of(headerCells), rows);
  }

  private static EpfObservation parseRow(String name, int lineNumber, String line) throws MalformedEpfFileException {
    String[] cells = splitRow(line);
    if (cells.length != 4) {
      throw new MalformedEpfFileException(name, lineNumber, "expected 4 columns but found " + cells.length);
    }
    LocalDateTime hour;
    try {
      hour = LocalDateTime.parse(cells[0], TIMESTAMP);
    } catch (DateTimeParseException e) {
      throw new MalformedEpfFileException(name, lineNumber, "bad timestamp '" + cells[0] + "', expected yyyy-MM-dd HH:mm:ss");
    }
    return new EpfObservation(hour, number(name, lineNumber, "Price", cells[1]),
        number(name, lineNumber, "exogenous 1", cells[2]), number(name, lineNumber, "exogenous 2", cells[3]));
  }

  private static double number(String name, int lineNumber, String column, String cell) throws MalformedEpfFileException {
    try {
      double value = Double.parseDouble(cell);
      if (!Double.isFinite(value)) {
        throw new MalformedEpfFileException(name, lineNumber, column + " is not finite: '" + cell + "'");
      }
      return value;
    } catch (NumberFormatException e) {
      throw new MalformedEpfFileException(name, lineNumber, column + " is not a number: '" + cell + "'");
    }
  }

  private static String[] splitRow(String line) {
    String[] cells = line.split(",", -1);
    for (int i = 0; i < cells.length; i++) {
      cells[i] = cells[i].trim();
    }
    return cells;
  }
}
