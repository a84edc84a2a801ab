package io.etp.bench.optimize;

import io.etp.forecast.LearForecaster;
import io.etp.forecast.MarketHistory;
import io.etp.forecast.PriceForecaster;
import io.etp.marketdata.EpfDataset;
import io.etp.pipeline.BacktestBattery;
import io.etp.pipeline.BacktestDay;
import io.etp.pipeline.BacktestRun;
import io.etp.pipeline.EngineOfferPolicy;
import io.etp.pipeline.FixedOfferPolicy;
import io.etp.pipeline.OfferPolicy;
import io.etp.pipeline.PriceTakerMarket;
import io.etp.pipeline.StorageBacktest;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A fleet battery's month on a real market: the storage engine (the node's LEAR forecast, the LP dispatch, bids from
 * its schedule) deciding its offers, against today's fixed offers of the simulated fleet, both replayed from the same
 * actual prices by {@link StorageBacktest} under one market rule ({@link PriceTakerMarket}). Prints one line per day
 * and a table (docs/market.md, "Storage engine against fixed offers").
 *
 * <pre>java -cp bench/target/benchmarks.jar io.etp.bench.optimize.StorageBacktestCommand --epf-dir ../shared/data/epf</pre>
 */
@Command(name = "storage-backtest", mixinStandardHelpOptions = true,
    description = "A battery's month: storage engine against today's fixed offers, replayed from the same prices.")
public final class StorageBacktestCommand implements Callable<Integer> {

  /** The synthetic market's level the fleet's reserves were set for (etp.forecasting.synthetic.base-price-per-mwh). */
  static final BigDecimal FLEET_MARKET_LEVEL_EUR_PER_MWH = new BigDecimal("160");

  @Option(names = "--epf-dir", description = "directory of the epftoolbox files (default: -Detp.epf.dir or "
      + "../shared/data/epf)")
  Path epfDir;

  @Option(names = "--market", defaultValue = "NP",
      description = "dataset, a EUR market: NP or BE (default: ${DEFAULT-VALUE})")
  String market;

  @Option(names = "--month", description = "the month replayed, e.g. 2018-11 (default: the dataset's last complete month)")
  YearMonth month;

  @Option(names = "--window-days", defaultValue = "21",
      description = "LEAR calibration window, days (default: the node's etp.forecasting.window-days, ${DEFAULT-VALUE})")
  int windowDays;

  @Option(names = "--exogenous", description = "give LEAR the dataset's load and wind forecasts (the node's live feeds "
      + "carry prices only, so by default it gets none)")
  boolean exogenous;

  @Option(names = "--capacity-kwh", defaultValue = "13.5",
      description = "capacity (default: etp.fleet.battery-capacity-kwh, ${DEFAULT-VALUE})")
  BigDecimal capacityKwh;

  @Option(names = "--min-soc-kwh", defaultValue = "0.25",
      description = "minimum stored energy (default: etp.battery.acceptance.safety-margin-kwh, ${DEFAULT-VALUE})")
  BigDecimal minSocKwh;

  @Option(names = "--power-kw", defaultValue = "5", description = "charge and discharge power limit; the fleet names "
      + "none: 5 kW is a 13.5 kWh home battery's continuous rating (default: ${DEFAULT-VALUE})")
  BigDecimal powerKw;

  @Option(names = "--efficiency", defaultValue = "0.922", description = "charge and discharge efficiency each; 0.922^2 ="
      + " 0.85, etp.forecasting.reserve.round-trip-efficiency (default: ${DEFAULT-VALUE})")
  BigDecimal efficiency;

  @Option(names = "--initial-soc-kwh", description = "stored energy at the start (default: full, as the fleet "
      + "registers its batteries)")
  BigDecimal initialSocKwh;

  @Option(names = "--end-soc-kwh", description = "the engine's end-of-day target (default: half the capacity)")
  BigDecimal endSocKwh;

  @Option(names = "--wear-eur-per-mwh", defaultValue = "2",
      description = "throughput cost the LP charges, not cash (default: the pipeline fleet's ${DEFAULT-VALUE})")
  BigDecimal wearEurPerMwh;

  @Option(names = "--reserve-c-per-kwh", defaultValue = "14.0", description = "the fixed offers' reserve (default: "
      + "etp.battery.acceptance.reserve-price-c-per-kwh and fleet battery bess-2's, ${DEFAULT-VALUE})")
  BigDecimal reserveCPerKwh;

  @Option(names = "--percentage-for-sale", defaultValue = "50",
      description = "share of stored energy offered (default: etp.fleet.percentage-for-sale, ${DEFAULT-VALUE})")
  BigDecimal percentageForSale;

  @Option(names = "--safety-margin-kwh", defaultValue = "0.25", description = "energy the fixed offers keep back "
      + "(default: etp.battery.acceptance.safety-margin-kwh, ${DEFAULT-VALUE})")
  BigDecimal safetyMarginKwh;

  @Option(names = "--max-energy-per-trade-kwh", defaultValue = "50",
      description = "default: etp.battery.acceptance.max-energy-per-trade-kwh, ${DEFAULT-VALUE}")
  BigDecimal maxEnergyPerTradeKwh;

  @Option(names = "--no-scaled", description = "do not also run the fixed offers with their reserve scaled to the "
      + "market's price level")
  boolean noScaled;

  @Option(names = "--no-perfect-foresight", description = "do not also run the engine on the actual prices (a bound "
      + "that sees the day it plans, for reference only)")
  boolean noPerfect;

  public static void main(String[] args) {
    System.exit(new CommandLine(new StorageBacktestCommand()).execute(args));
  }

  @Override
  public Integer call() throws IOException {
    String loadAtStart = loadAverage();
    long started = System.nanoTime();
    Path dir = epfDir != null ? epfDir : Path.of(System.getProperty("etp.epf.dir", "../shared/data/epf"));
    if (!market.equals("NP") && !market.equals("BE")) {
      throw new CommandLine.ParameterException(new CommandLine(this), "--market must be NP or BE (prices in EUR), got "
          + market);
    }
    Path file = dir.resolve(market + ".csv");
    if (!Files.isRegularFile(file)) {
      throw new CommandLine.ParameterException(new CommandLine(this), file.toAbsolutePath() + " not found; pass "
          + "--epf-dir <directory of NP.csv, BE.csv, PJM.csv>");
    }
    MarketHistory dataset = MarketHistory.of(EpfDataset.read(file));
    MarketHistory history = exogenous ? dataset : StorageBacktest.pricesOnly(dataset);
    YearMonth m = month != null ? month : lastCompleteMonth(history);
    LocalDate first = m.atDay(1);
    int days = m.lengthOfMonth();
    if (!history.contains(first.minusDays(windowDays)) || !history.contains(m.atEndOfMonth())) {
      throw new CommandLine.ParameterException(new CommandLine(this), history.name() + " covers "
          + history.firstDay() + ".." + history.lastDay() + ": " + m + " needs " + first.minusDays(windowDays) + ".."
          + m.atEndOfMonth() + " (a " + windowDays + "-day window before it)");
    }

    BigDecimal start = initialSocKwh != null ? initialSocKwh : capacityKwh;
    BacktestBattery battery = new BacktestBattery(capacityKwh, minSocKwh, powerKw, efficiency, efficiency, start);
    BigDecimal endTarget = endSocKwh != null ? endSocKwh : capacityKwh.divide(BigDecimal.valueOf(2));
    BigDecimal reserve = PriceTakerMarket.eurPerMwhOfCPerKwh(reserveCPerKwh);
    BigDecimal margin = safetyMarginKwh;
    List<OfferPolicy> policies = new ArrayList<>();
    policies.add(new EngineOfferPolicy(new LearForecaster(windowDays), battery, endTarget, wearEurPerMwh));
    policies.add(new FixedOfferPolicy(battery, reserve, percentageForSale, margin, maxEnergyPerTradeKwh,
        "fixed offers, reserve " + reserveCPerKwh + " c/kWh"));
    BigDecimal windowMean = meanPrice(history, first.minusDays(windowDays), first.minusDays(1));
    BigDecimal scaled = reserve.multiply(windowMean).divide(FLEET_MARKET_LEVEL_EUR_PER_MWH, PriceTakerMarket.PRICE_SCALE,
        RoundingMode.HALF_EVEN);
    if (!noScaled) {
      policies.add(new FixedOfferPolicy(battery, scaled, percentageForSale, margin, maxEnergyPerTradeKwh,
          "fixed offers, reserve scaled " + PriceTakerMarket.cPerKwhOfEurPerMwh(scaled).stripTrailingZeros().toPlainString()
              + " c/kWh"));
    }

    if (!noPerfect) {
      MarketHistory actual = history;
      PriceForecaster foresight = new PriceForecaster() {
        @Override
        public String name() {
          return "perfect foresight";
        }

        @Override
        public double[] forecast(MarketHistory known, LocalDate day) {
          return actual.dayPrices(day); // looks ahead on purpose: the reference bound, not a policy
        }
      };
      policies.add(new EngineOfferPolicy(foresight, battery, endTarget, wearEurPerMwh));
    }

    System.out.printf(Locale.ROOT, "storage backtest %s %s..%s (%d days), load average %s%n", history.name(), first,
        m.atEndOfMonth(), days, loadAtStart);
    System.out.printf(Locale.ROOT, "battery: %s kWh, min %s kWh, %s kW, efficiency %s each way, starts at %s kWh%n",
        capacityKwh, minSocKwh, powerKw, efficiency, start);
    System.out.printf(Locale.ROOT, "engine: LEAR-%d %s, LP to >= %s kWh at each day's end, wear %s EUR/MWh%n",
        windowDays, exogenous ? "with the exogenous series" : "on prices only (as the node)", endTarget, wearEurPerMwh);
    System.out.printf(Locale.ROOT, "fixed: %s %% of stored energy - %s kWh (at most %s kWh) at %s c/kWh = %s EUR/MWh; "
        + "recharge to full at any price%n", percentageForSale, margin, maxEnergyPerTradeKwh, reserveCPerKwh, reserve);
    if (!noScaled) {
      System.out.printf(Locale.ROOT, "scaled: %s EUR/MWh x mean %s EUR/MWh of %s..%s / %s EUR/MWh = %s EUR/MWh%n",
          reserve, windowMean, first.minusDays(windowDays), first.minusDays(1), FLEET_MARKET_LEVEL_EUR_PER_MWH, scaled);
    }
    System.out.println("market: price taker at the actual hourly price; an offer sells if actual >= reserve, a bid buys"
        + " if actual <= limit (fixed recharge: any price); fills capped by power and state of charge");

    List<String> labels = new ArrayList<>(List.of("engine", "fixed"));
    if (!noScaled) labels.add("scaled");
    if (!noPerfect) labels.add("perfect");
    double[] maxForecast = {Double.NEGATIVE_INFINITY};
    List<BacktestRun> runs = new StorageBacktest(battery).run(history, first, days, policies, report -> {
      StringBuilder line = new StringBuilder(report.day().toString());
      BacktestDay engineDay = report.perPolicy().get(0);
      engineDay.forecast().ifPresent(f -> f.forEach(p -> maxForecast[0] = Math.max(maxForecast[0], p)));
      line.append(String.format(Locale.ROOT, " mae=%.2f EUR/MWh", engineDay.forecastMaeEurPerMwh()));
      for (int p = 0; p < report.perPolicy().size(); p++) {
        BacktestDay d = report.perPolicy().get(p);
        line.append(String.format(Locale.ROOT, " | %s net=%s EUR sold=%s bought=%s soc=%s kWh", labels.get(p),
            eur(d.netEur()), d.soldKwh(), d.boughtKwh(), kwh(d.socEndKwh())));
      }
      System.out.println(line);
    });

    BigDecimal monthMean = meanPrice(history, first, m.atEndOfMonth());
    System.out.println();
    System.out.printf(Locale.ROOT, "highest forecast price of the month: %.2f EUR/MWh; the node's dynamic reserve "
        + "(0.85 x highest forecast ahead, floor %s c/kWh) never rises above its floor: %s%n", maxForecast[0],
        reserveCPerKwh, 0.85 * maxForecast[0] * 0.1 < reserveCPerKwh.doubleValue());
    System.out.printf(Locale.ROOT, "mean actual price of the month: %s EUR/MWh (stored energy change valued at it)%n%n",
        monthMean);
    double meanSpread = 0;
    for (LocalDate d = first; !d.isAfter(m.atEndOfMonth()); d = d.plusDays(1)) {
      double[] p = history.dayPrices(d);
      meanSpread += java.util.Arrays.stream(p).max().orElseThrow() - java.util.Arrays.stream(p).min().orElseThrow();
    }
    meanSpread /= days;
    double roundTrip = efficiency.doubleValue() * efficiency.doubleValue();
    System.out.printf(Locale.ROOT, "mean daily spread (highest - lowest hour) of the month: %.2f EUR/MWh; a cycle "
        + "bought at the mean price pays for its losses and wear above a spread of %.2f EUR/MWh%n%n", meanSpread,
        monthMean.doubleValue() * (1 / roundTrip - 1) + wearEurPerMwh.doubleValue() * (1 + 1 / roundTrip));
    System.out.println(table(runs, monthMean, noScaled ? 1 : 2));
    System.out.printf(Locale.ROOT, "%nwall %.1f s, load average at start %s, at end %s%n",
        (System.nanoTime() - started) / 1e9, loadAtStart, loadAverage());
    return 0;
  }

  /** The table: a column per run, then the first run minus each of the next {@code compared}. */
  static String table(List<BacktestRun> runs, BigDecimal monthMean, int compared) {
    List<Row> rows = List.of(
        new Row("revenue EUR", r -> r.revenueEur(), true),
        new Row("cost EUR", r -> r.costEur(), true),
        new Row("**net EUR**", r -> r.netEur(), true),
        new Row("sold kWh", r -> r.soldKwh(), false),
        new Row("bought kWh", r -> r.boughtKwh(), false),
        new Row("losses kWh", r -> r.lossKwh(), false),
        new Row("cycles", r -> r.cycles(), false),
        new Row("stored at end kWh", r -> r.socEndKwh(), false),
        new Row("stored energy change, valued EUR", r -> r.storedEnergyChangeValueEur(monthMean), true),
        new Row("net + stored energy change EUR", r -> r.netEur().add(r.storedEnergyChangeValueEur(monthMean)), true));
    StringBuilder b = new StringBuilder("| |");
    for (BacktestRun r : runs) b.append(' ').append(r.policy()).append(" |");
    for (int p = 1; p <= compared; p++) b.append(" engine - ").append(p == 1 ? "fixed" : "scaled").append(" |");
    b.append("\n|---|");
    b.append("---:|".repeat(runs.size() + compared)).append('\n');
    for (Row row : rows) {
      b.append("| ").append(row.label).append(" |");
      for (BacktestRun r : runs) b.append(' ').append(row.format(row.value.apply(r))).append(" |");
      for (int p = 1; p <= compared; p++) {
        BigDecimal diff = row.value.apply(runs.get(0)).subtract(row.value.apply(runs.get(p)));
        b.append(' ').append(diff.signum() > 0 ? "+" : "").append(row.format(diff)).append(" |");
      }
      b.append('\n');
    }
    return b.toString();
  }

  record Row(String label, Function<BacktestRun, BigDecimal> value, boolean money) {
    String format(BigDecimal v) {
      return money ? eur(v) : v.setScale(Math.max(2, Math.min(3, v.scale())), RoundingMode.HALF_EVEN).toPlainString();
    }
  }

  /** Money for display: four decimals (hundredths of a cent), half even; the sums themselves are exact. */
  static String eur(BigDecimal v) {
    return v.setScale(4, RoundingMode.HALF_EVEN).toPlainString();
  }

  static String kwh(BigDecimal v) {
    return v.setScale(3, RoundingMode.HALF_EVEN).toPlainString();
  }

  static YearMonth lastCompleteMonth(MarketHistory h) {
    YearMonth last = YearMonth.from(h.lastDay());
    return h.lastDay().equals(last.atEndOfMonth()) ? last : last.minusMonths(1);
  }

  /** Mean actual price of the days from..to, EUR/MWh, exact sum divided half even to the price scale. */
  static BigDecimal meanPrice(MarketHistory h, LocalDate from, LocalDate to) {
    BigDecimal sum = BigDecimal.ZERO;
    int n = 0;
    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
      for (double p : h.dayPrices(d)) {
        sum = sum.add(PriceTakerMarket.priceEurPerMwh(p));
        n++;
      }
    }
    return sum.divide(BigDecimal.valueOf(n), PriceTakerMarket.PRICE_SCALE, RoundingMode.HALF_EVEN);
  }

  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }
}
