package io.etp.pipeline;

import io.etp.forecast.DailyPriceHistory;
import io.etp.marketdata.EpfDataset;
import io.etp.forecast.LearForecaster;
import io.etp.forecast.MarketHistory;
import io.etp.marketdata.SyntheticPriceModel;
import io.etp.marketdata.SyntheticPriceSettings;
import io.etp.optimize.FleetDispatcher;
import io.etp.risk.AggregatorLimits;
import io.etp.risk.InMemoryRiskAuditSink;
import io.etp.risk.RiskReason;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.stream.javadsl.Sink;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs the decision pipeline (data -&gt; LEAR forecast -&gt; fleet optimisation -&gt; risk screen -&gt; bids -&gt;
 * day-ahead clearing -&gt; results) over consecutive days of an epftoolbox dataset or of the synthetic market, and
 * prints one line per day and the totals.
 *
 * <pre>
 * mvn -q -pl market -am install -DskipTests
 * mvn -q -pl market org.codehaus.mojo:exec-maven-plugin:3.5.0:java \
 *   -Dexec.mainClass=io.etp.pipeline.PipelineCommand \
 *   -Dexec.args="--epf-file ../shared/data/epf/NP.csv --start 2017-01-02 --days 14"
 * </pre>
 */
@Command(name = "pipeline", mixinStandardHelpOptions = true,
    description = "Forecast, optimise, risk-screen, bid and clear a battery fleet day by day.")
public final class PipelineCommand implements Callable<Integer> {

  @Option(names = "--epf-file", description = "an epftoolbox CSV (e.g. ../shared/data/epf/NP.csv); "
      + "without it the synthetic market is used")
  Path epfFile;

  @Option(names = "--currency", defaultValue = "EUR", description = "currency of the prices (PJM: USD)")
  String currency;

  @Option(names = "--start", description = "first delivery day (default: the first day with a full window)")
  LocalDate start;

  @Option(names = "--days", defaultValue = "7", description = "number of days (default: ${DEFAULT-VALUE})")
  int days;

  @Option(names = "--window-days", defaultValue = "56", description = "LEAR calibration window (default: ${DEFAULT-VALUE})")
  int windowDays;

  @Option(names = "--batteries", defaultValue = "20", description = "fleet size (default: ${DEFAULT-VALUE})")
  int batteries;

  @Option(names = "--threads", defaultValue = "2", description = "solver threads (default: ${DEFAULT-VALUE})")
  int threads;

  @Option(names = "--max-position-kwh", defaultValue = "6000", description = "aggregator net position limit per hour")
  double maxPositionKwh;

  @Option(names = "--max-exposure", defaultValue = "3000", description = "aggregator gross notional limit per day")
  double maxExposure;

  @Option(names = "--budget", defaultValue = "2000", description = "aggregator worst-case outflow limit per day")
  double budget;

  @Option(names = "--no-progress", description = "do not draw the progress bar")
  boolean noProgress;

  public static void main(String[] args) {
    System.exit(new CommandLine(new PipelineCommand()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    MarketHistory history = epfFile != null ? MarketHistory.of(EpfDataset.read(epfFile)) : synthetic(windowDays + days);
    LocalDate first = start != null ? start : history.firstDay().plusDays(windowDays);
    if (!history.contains(first) || !history.contains(first.plusDays(days - 1L))) {
      throw new CommandLine.ParameterException(new CommandLine(this), history.name() + " covers "
          + history.firstDay() + ".." + history.lastDay() + ", not " + first + " + " + days + " days");
    }
    PipelineSettings d = PipelineSettings.defaults(batteries);
    PipelineSettings settings = new PipelineSettings(d.fleet(), d.aggregatorId(),
        new AggregatorLimits(maxPositionKwh, maxExposure, budget), d.priceFloorPerMwh(), d.priceCapPerMwh(),
        d.minStateOfHealthPct(), d.curve());
    ActorSystem system = ActorSystem.create("pipeline");
    Totals totals = new Totals();
    try (FleetDispatcher dispatcher = new FleetDispatcher(threads);
        ProgressBar bar = new ProgressBarBuilder().setTaskName(history.name()).setInitialMax(days)
            .setStyle(ProgressBarStyle.ASCII).setUnit(" days", 1).showSpeed().hideEta()
            .setConsumer(noProgress ? new me.tongfei.progressbar.DelegatingProgressBarConsumer(s -> { })
                : new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err))
            .build()) {
      DecisionPipeline pipeline = new DecisionPipeline(settings, dispatcher, new InMemoryRiskAuditSink(),
          Clock.systemUTC());
      pipeline.days(new LearForecaster(windowDays), history, first, days, currency)
          .runWith(Sink.foreach(result -> {
            totals.add(result);
            bar.step();
            System.out.println(result.summaryLine());
          }), system)
          .toCompletableFuture().get();
    } finally {
      system.terminate();
    }
    System.out.println(totals.table(history.name(), first, days, batteries, currency));
    return 0;
  }

  /** {@code n} days of the default synthetic market (hourly, UTC days, seed 42). */
  static MarketHistory synthetic(int n) {
    SyntheticPriceModel model = new SyntheticPriceModel(SyntheticPriceSettings.defaults());
    DailyPriceHistory days = new DailyPriceHistory("SIM", ZoneOffset.UTC, n);
    while (days.completeDays() < n) days.add(model.next());
    MarketHistory withHidden = days.historyForNextDay();
    double[][] prices = new double[n][];
    double[][] zeros = new double[n][MarketHistory.HOURS];
    for (int i = 0; i < n; i++) prices[i] = withHidden.dayPrices(withHidden.firstDay().plusDays(i));
    return MarketHistory.ofDays("SIM", withHidden.firstDay(), prices, zeros, zeros);
  }

  /** Sums over days. */
  static final class Totals {
    int days;
    int submitted;
    double sold;
    double bought;
    double revenue;
    double mae;
    final Map<RiskReason, Integer> rejected = new EnumMap<>(RiskReason.class);

    void add(DayResult r) {
      days++;
      submitted += r.bidsSubmitted();
      sold += r.soldKwh();
      bought += r.boughtKwh();
      revenue += r.revenue();
      mae += r.forecastMaePerMwh();
      r.rejectedByReason().forEach((k, v) -> rejected.merge(k, v, Integer::sum));
    }

    String table(String market, LocalDate first, int n, int batteries, String currency) {
      StringBuilder b = new StringBuilder();
      b.append(String.format(Locale.ROOT, "%n| market | days | batteries | mean MAE /MWh | bids submitted | bids rejected"
          + " | sold kWh | bought kWh | revenue %s |%n|---|---:|---:|---:|---:|---:|---:|---:|---:|%n", currency));
      b.append(String.format(Locale.ROOT, "| %s %s..%s | %d | %d | %.2f | %d | %d | %.0f | %.0f | %.2f |%n", market,
          first, first.plusDays(n - 1L), days, batteries, days == 0 ? 0 : mae / days, submitted,
          rejected.values().stream().mapToInt(Integer::intValue).sum(), sold, bought, revenue));
      b.append("\nrejected bids by reason: ").append(rejected.isEmpty() ? "none" : rejected.toString());
      return b.toString();
    }
  }
}
