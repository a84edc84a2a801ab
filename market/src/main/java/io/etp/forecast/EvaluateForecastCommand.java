package io.etp.forecast;

import io.etp.marketdata.EpfDataset;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Replays the epftoolbox benchmark protocol for the LEAR ensemble: daily recalibration over each dataset's test period,
 * then MAE, rMAE, sMAPE and RMSE of the ensemble and of each window, and the run time.
 *
 * <pre>
 * mvn -q -pl market exec:java -Dexec.mainClass=io.etp.forecast.EvaluateForecastCommand \
 *     -Dexec.args="--dataset NP --data-dir ../shared/data/epf --out docs/data/forecasts/{dataset}-lear.csv"
 * </pre>
 */
@Command(name = "evaluate-forecast", mixinStandardHelpOptions = true,
    description = "Daily-recalibrated LEAR ensemble over the epftoolbox test periods; prints MAE, rMAE, sMAPE, RMSE.")
public final class EvaluateForecastCommand implements Callable<Integer> {

  @Option(names = {"-d", "--dataset"}, split = ",", defaultValue = "NP,PJM,BE",
      description = "Datasets (file <name>.csv in the data dir), comma-separated. Default: ${DEFAULT-VALUE}.")
  List<String> datasets;

  @Option(names = "--data-dir", description = "Directory of the epftoolbox CSV files. Default: system property "
      + "etp.epf.dir, else shared/data/epf.")
  Path dataDir;

  @Option(names = {"-w", "--windows"}, split = ",", defaultValue = "56,84,1092,1456",
      description = "Calibration windows in days, averaged. Default: ${DEFAULT-VALUE}.")
  List<Integer> windows;

  @Option(names = "--out", description = "Forecast CSV (timestamp,actual,forecast); '{dataset}' is replaced by the "
      + "dataset name, required when evaluating several datasets.")
  String out;

  @Option(names = "--from", description = "First test day (yyyy-MM-dd) instead of the standard period; needs --to.")
  LocalDate from;

  @Option(names = "--to", description = "Last test day (yyyy-MM-dd) instead of the standard period; needs --from.")
  LocalDate to;

  @Option(names = "--threads", defaultValue = "1",
      description = "Days forecast in parallel (results do not depend on it). Default: ${DEFAULT-VALUE}.")
  int threads;

  @Option(names = "--no-progress", description = "Do not draw the progress bar.")
  boolean noProgress;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  /** Runs the command and exits with its code (0 success, 2 usage error, 1 failure). */
  public static void main(String[] args) {
    System.exit(new CommandLine(new EvaluateForecastCommand()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter stdout = spec.commandLine().getOut();
    if ((from == null) != (to == null)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--from and --to go together");
    }
    if (out != null && datasets.size() > 1 && !out.contains("{dataset}")) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--out must contain {dataset} when evaluating several datasets");
    }
    Path dir = dataDir != null ? dataDir : Path.of(System.getProperty("etp.epf.dir", "shared/data/epf"));
    stdout.printf(Locale.ROOT, "LEAR ensemble, windows %s, JDK %s, %d processors, %d thread(s)%n", windows,
        System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), threads);
    stdout.printf(Locale.ROOT, "%-8s %-23s %-10s %8s %7s %7s %8s %9s%n", "dataset", "test period", "model", "MAE", "rMAE",
        "sMAPE%", "RMSE", "time");
    stdout.flush();
    for (String name : datasets) {
      Path file = dir.resolve(name + ".csv");
      if (!Files.isRegularFile(file)) {
        throw new CommandLine.ParameterException(spec.commandLine(), "no dataset file " + file);
      }
      MarketHistory history = MarketHistory.of(EpfDataset.read(file));
      TestPeriod period = from != null ? new TestPeriod(name, from, to) : TestPeriod.standard(name);
      EnsembleForecaster ensemble = EnsembleForecaster.lear(windows);
      long start = System.nanoTime();
      Backtest.EnsembleRun run;
      if (noProgress) {
        run = Backtest.runEnsemble(ensemble, history, period, threads, done -> { });
      } else {
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName(name).setInitialMax(period.days())
            .setStyle(ProgressBarStyle.ASCII).setUnit(" days", 1).showSpeed().build()) {
          run = Backtest.runEnsemble(ensemble, history, period, threads, done -> {
            synchronized (bar) {
              bar.stepTo(Math.max(done, bar.getCurrent()));
            }
          });
        }
      }
      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
      String periodText = period.firstDay() + ".." + period.lastDay();
      print(stdout, name, periodText, ensemble.name(), run.ensemble().metrics(), elapsed);
      for (Map.Entry<String, ForecastSeries> member : run.members().entrySet()) {
        print(stdout, name, periodText, member.getKey(), member.getValue().metrics(), null);
      }
      if (out != null) {
        Path target = Path.of(out.replace("{dataset}", name));
        run.ensemble().writeCsv(target);
        stdout.println("forecasts written to " + target);
      }
      stdout.flush();
    }
    return 0;
  }

  private static void print(PrintWriter stdout, String dataset, String period, String model, ForecastMetrics m,
      Duration elapsed) {
    String time = elapsed == null ? "" : String.format(Locale.ROOT, "%d:%02d", elapsed.toMinutes(), elapsed.toSecondsPart());
    stdout.printf(Locale.ROOT, "%-8s %-23s %-10s %8.3f %7.3f %7.2f %8.3f %9s%n", dataset, period, model, m.mae(), m.rmae(),
        100 * m.smape(), m.rmse(), time);
  }
}
