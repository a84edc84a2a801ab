package io.etp.optimize;

import io.etp.marketdata.EpfDataset;
import io.etp.marketdata.EpfObservation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Prints the value-of-forecasting table: revenue of a 1 MW / 2 MWh, 95 %/95 % battery scheduled daily on a forecast
 * and paid at real prices, as a percentage of perfect foresight, over the epftoolbox test periods.
 *
 * <pre>
 * mvn -q -pl market org.codehaus.mojo:exec-maven-plugin:3.5.0:java \
 *   -Dexec.mainClass=io.etp.optimize.ValueOfForecastingCommand \
 *   -Dexec.args="--epf-dir ../shared/data/epf --forecast-csv NP=docs/data/forecasts/NP-lear.csv"
 * </pre>
 */
@Command(name = "value-of-forecasting", mixinStandardHelpOptions = true,
    description = "Battery revenue with forecast prices as a percentage of perfect foresight.")
public final class ValueOfForecastingCommand implements Callable<Integer> {

  /** The epftoolbox test periods (inclusive). */
  static final Map<String, LocalDate[]> TEST_PERIODS = Map.of(
      "NP", new LocalDate[] {LocalDate.of(2016, 12, 27), LocalDate.of(2018, 12, 24)},
      "PJM", new LocalDate[] {LocalDate.of(2016, 12, 27), LocalDate.of(2018, 12, 24)},
      "BE", new LocalDate[] {LocalDate.of(2015, 1, 4), LocalDate.of(2016, 12, 31)});

  @Option(names = "--epf-dir", required = true, description = "directory holding NP.csv, PJM.csv, BE.csv")
  Path epfDir;

  @Option(names = "--market", split = ",", description = "markets to evaluate (default: NP,PJM,BE)")
  List<String> markets = List.of("NP", "PJM", "BE");

  @Option(names = "--baseline", split = ",", description = "built-in baselines: ${COMPLETION-CANDIDATES} "
      + "(default: WEEKLY_NAIVE,DAILY_NAIVE)")
  List<BaselineForecast> baselines = List.of(BaselineForecast.WEEKLY_NAIVE, BaselineForecast.DAILY_NAIVE);

  @Option(names = "--forecast-csv", description = "MARKET=path of a timestamp,actual,forecast file (e.g. LEAR)")
  Map<String, Path> forecastFiles = new LinkedHashMap<>();

  @Option(names = "--power-kw", defaultValue = "1000") double powerKw;
  @Option(names = "--capacity-kwh", defaultValue = "2000") double capacityKwh;
  @Option(names = "--efficiency", defaultValue = "0.95", description = "charge and discharge efficiency each")
  double efficiency;

  @Override
  public Integer call() throws Exception {
    ValueOfForecasting evaluation = new ValueOfForecasting(StorageSpec.of(powerKw, capacityKwh, efficiency, efficiency));
    List<String> table = new ArrayList<>();
    table.add("| market | forecast | test period | days | forecast revenue | perfect-foresight revenue | % of perfect |");
    table.add("|---|---|---|---:|---:|---:|---:|");
    for (String market : markets) {
      LocalDate[] period = TEST_PERIODS.get(market);
      if (period == null) {
        throw new CommandLine.ParameterException(new CommandLine(this), "unknown market " + market);
      }
      List<EpfObservation> history = EpfDataset.read(epfDir.resolve(market + ".csv")).observations();
      for (BaselineForecast baseline : baselines) {
        table.add(row(evaluation, market, baseline.name().toLowerCase(Locale.ROOT).replace('_', '-'), period,
            baseline.over(history, period[0], period[1])));
      }
      Path csv = forecastFiles.get(market);
      if (csv != null) {
        List<HourlyPrice> rows = ForecastCsv.read(csv).stream()
            .filter(r -> !r.hourStart().toLocalDate().isBefore(period[0]) && !r.hourStart().toLocalDate().isAfter(period[1]))
            .toList();
        table.add(row(evaluation, market, csv.getFileName().toString(), period, rows));
      }
    }
    table.forEach(System.out::println);
    return 0;
  }

  private static String row(ValueOfForecasting evaluation, String market, String forecast, LocalDate[] period,
      List<HourlyPrice> rows) {
    ValueOfForecasting.Result result;
    try (ProgressBar bar = new ProgressBar(market + " " + forecast, rows.size() / 24)) {
      result = evaluation.evaluate(rows, d -> bar.step());
    }
    return String.format(Locale.ROOT, "| %s | %s | %s..%s | %d | %.0f | %.0f | %.1f %% |", market, forecast, period[0],
        period[1], result.days(), result.forecastRevenue(), result.perfectRevenue(), result.percentOfPerfect());
  }

  /** Command-line entry point. */
  public static void main(String[] args) {
    System.exit(new CommandLine(new ValueOfForecastingCommand()).setCaseInsensitiveEnumValuesAllowed(true)
        .execute(args));
  }
}
