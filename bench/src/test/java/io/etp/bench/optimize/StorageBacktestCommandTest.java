package io.etp.bench.optimize;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class StorageBacktestCommandTest {

  @TempDir
  Path dir;

  /** An epftoolbox-style file: 2018-01-01..2018-03-31, a daily shape plus noise, one spike on 2018-03-05 18:00. */
  void writeDataset() throws IOException {
    Random r = new Random(3);
    StringBuilder csv = new StringBuilder("Date, Price, Grid load forecast, Wind power forecast\n");
    for (LocalDateTime t = LocalDateTime.of(2018, 1, 1, 0, 0); t.getYear() == 2018 && t.getMonthValue() <= 3;
        t = t.plusHours(1)) {
      double price = 40 + 12 * Math.sin((t.getHour() - 8) * Math.PI / 12) + 3 * r.nextGaussian();
      if (t.equals(LocalDateTime.of(2018, 3, 5, 18, 0))) price = 180;
      csv.append(String.format(Locale.ROOT, "%s,%.2f,%.1f,%.1f%n", t.toString().replace('T', ' ') + ":00", price,
          40000 + 100 * r.nextGaussian(), 2000 + 50 * r.nextGaussian()));
    }
    Files.writeString(dir.resolve("NP.csv"), csv);
  }

  String run(int[] exit, String... args) {
    PrintStream saved = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      exit[0] = new CommandLine(new StorageBacktestCommand()).execute(args);
    } finally {
      System.setOut(saved);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void replaysTheLastCompleteMonthAndTabulatesBothPolicies() throws IOException {
    writeDataset();
    int[] exit = new int[1];
    String out = run(exit, "--epf-dir", dir.toString());
    assertEquals(0, exit[0], out);
    assertTrue(out.contains("storage backtest NP 2018-03-01..2018-03-31 (31 days)"), out);
    assertEquals(31, out.lines().filter(l -> l.startsWith("2018-03-")).count(), out);
    String header = out.lines().filter(l -> l.startsWith("| |")).findFirst().orElseThrow();
    assertTrue(header.contains("storage engine (LEAR-21 + LP)") && header.contains("fixed offers, reserve 14.0 c/kWh")
        && header.contains("engine - fixed"), header);
    // the fixed reserve, 140 EUR/MWh, is reached once: 180 EUR/MWh on 2018-03-05 18:00; the full battery sells 5 kWh
    String sold = out.lines().filter(l -> l.startsWith("| sold kWh")).findFirst().orElseThrow();
    assertEquals("5.000", sold.split("\\|")[3].trim(), sold);
    // the net row's difference column is the first column minus the second
    String[] net = out.lines().filter(l -> l.startsWith("| **net EUR**")).findFirst().orElseThrow().split("\\|");
    double engine = Double.parseDouble(net[2].trim());
    double fixed = Double.parseDouble(net[3].trim());
    assertEquals(engine - fixed, Double.parseDouble(net[6].trim()), 1e-4);
    assertTrue(out.contains("load average at start"), out);
  }

  @Test
  void refusesAMarketPricedInAnotherCurrencyAndAMonthWithoutAWindow() throws IOException {
    writeDataset();
    int[] exit = new int[1];
    run(exit, "--epf-dir", dir.toString(), "--market", "PJM");
    assertEquals(2, exit[0]);
    run(exit, "--epf-dir", dir.toString(), "--month", "2018-01");
    assertEquals(2, exit[0]);
  }
}
