package io.etp.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class EvaluateForecastCommandTest {

  @TempDir
  Path dir;

  @Test
  void printsTheMetricsTableAndWritesTheForecastCsv() throws Exception {
    StringWriter out = new StringWriter();
    CommandLine cli = new CommandLine(new EvaluateForecastCommand());
    cli.setOut(new PrintWriter(out));
    int code = cli.execute("--dataset", "NP", "--data-dir", System.getProperty("etp.epf.dir"), "--windows", "28,56",
        "--from", "2017-05-01", "--to", "2017-05-10", "--no-progress", "--out", dir.resolve("{dataset}-lear.csv").toString());
    assertEquals(0, code, out.toString());
    String text = out.toString();
    assertTrue(text.contains("LEAR-Ens") && text.contains("LEAR-28") && text.contains("LEAR-56"), text);
    List<String> csv = Files.readAllLines(dir.resolve("NP-lear.csv"));
    assertEquals(1 + 240, csv.size());
    assertEquals("timestamp,actual,forecast", csv.get(0));
    assertTrue(csv.get(1).startsWith("2017-05-01 00:00:00,"), csv.get(1));
  }

  @Test
  void failsWithAUsageErrorForAnUnknownDatasetOrAmbiguousOutput() {
    CommandLine cli = new CommandLine(new EvaluateForecastCommand());
    cli.setErr(new PrintWriter(new StringWriter()));
    assertEquals(2, cli.execute("--dataset", "XX", "--data-dir", System.getProperty("etp.epf.dir")));
    assertEquals(2, cli.execute("--dataset", "NP,BE", "--out", dir.resolve("f.csv").toString()));
  }
}
