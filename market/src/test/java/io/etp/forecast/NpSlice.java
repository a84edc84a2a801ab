package io.etp.forecast;

import io.etp.marketdata.EpfDataset;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** The shared NP dataset, read once per test JVM. */
final class NpSlice {

  private static MarketHistory history;

  private NpSlice() {}

  static synchronized MarketHistory history() {
    if (history == null) {
      try {
        history = MarketHistory.of(EpfDataset.read(Path.of(System.getProperty("etp.epf.dir"), "NP.csv")));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return history;
  }
}
