package io.etp.bench.optimize;

import io.etp.marketdata.EpfDataset;
import io.etp.marketdata.EpfObservation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Real day-ahead prices for the optimiser benchmarks: Nord Pool days from the shared epftoolbox file (directory from
 * system property {@code etp.epf.dir}, default {@code ../shared/data/epf}), linearly interpolated to sub-hourly
 * periods.
 */
final class BenchPrices {

  private BenchPrices() {}

  /** Hourly NP prices, the whole file. */
  static List<EpfObservation> nordPool() {
    Path file = Path.of(System.getProperty("etp.epf.dir", "../shared/data/epf"), "NP.csv");
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException("NP.csv not found at " + file.toAbsolutePath() + "; pass -Detp.epf.dir=<dir>");
    }
    try {
      return EpfDataset.read(file).observations();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One day (starting at hour index {@code firstHour}) as {@code periods} prices, interpolated between hours. */
  static List<Double> day(List<EpfObservation> hourly, int firstHour, int periods) {
    if (periods % 24 != 0) {
      throw new IllegalArgumentException("periods must be a multiple of 24 but was " + periods);
    }
    int perHour = periods / 24;
    List<Double> prices = new ArrayList<>(periods);
    for (int i = 0; i < periods; i++) {
      int hour = firstHour + i / perHour;
      double fraction = (i % perHour) / (double) perHour;
      double now = hourly.get(hour).price();
      double next = hourly.get(Math.min(hour + 1, hourly.size() - 1)).price();
      prices.add(now + fraction * (next - now));
    }
    return prices;
  }
}
