package io.etp.pipeline;

import io.etp.forecast.MarketHistory;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Replays hourly prices day by day for one battery under several {@link OfferPolicy offer policies}, each from the
 * same starting state and settled by the same rule ({@link PriceTakerMarket}) at the same actual prices.
 *
 * <p><b>No look-ahead.</b> A policy plans day {@code d} from {@code history.withPricesHiddenFrom(d)}: the days before
 * {@code d}, and {@code d}'s exogenous forecasts only. Its hourly orders depend on that plan and the battery's
 * stored energy at the start of the hour. The actual prices of {@code d} are read only to settle.
 *
 * <p><b>Energy.</b> After every hour the run checks, exactly, that the stored energy stays within
 * {@code [minSoc, capacity]}, that the battery does not buy and sell in the same hour nor move more than its power in
 * it, that end = start + bought - sold - losses, and that the losses are what the efficiencies say; after each run
 * that its end state equals its start plus all energy bought minus all sold and lost. A breach throws
 * {@link IllegalStateException}: a result that breaks them is never returned.
 */
public final class StorageBacktest {

  /** Tolerance of the discharge loss check: the stored energy taken is rounded up at the stored scale. */
  private static final BigDecimal STORED_ULP = BigDecimal.ONE.movePointLeft(PriceTakerMarket.STORED_SCALE);

  private final BacktestBattery battery;

  public StorageBacktest(BacktestBattery battery) {
    this.battery = Objects.requireNonNull(battery, "battery");
  }

  /** The days of every policy for one delivery day, reported as each day is settled. */
  public record DayReport(LocalDate day, List<BacktestDay> perPolicy) {}

  /**
   * Runs every policy over {@code days} days from {@code first}.
   *
   * @param history  actual prices of the days run and every day before them the policies may use
   * @param perDay   told each day as soon as every policy has settled it
   * @return one run per policy, in the order given
   * @throws IllegalArgumentException if the history does not cover the days or an actual price is missing
   */
  public List<BacktestRun> run(MarketHistory history, LocalDate first, int days, List<OfferPolicy> policies,
      Consumer<DayReport> perDay) {
    if (days < 1) throw new IllegalArgumentException("days must be >= 1, got " + days);
    if (policies.isEmpty()) throw new IllegalArgumentException("at least one policy is required");
    LocalDate last = first.plusDays(days - 1L);
    if (!history.contains(first) || !history.contains(last)) {
      throw new IllegalArgumentException(history.name() + " covers " + history.firstDay() + ".." + history.lastDay()
          + ", not " + first + ".." + last);
    }
    int n = policies.size();
    BigDecimal[] soc = new BigDecimal[n];
    List<List<BacktestDay>> runs = new ArrayList<>();
    for (int p = 0; p < n; p++) {
      soc[p] = battery.initialSocKwh().setScale(PriceTakerMarket.STORED_SCALE);
      runs.add(new ArrayList<>());
    }
    for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
      BigDecimal[] actual = actualPrices(history, day);
      MarketHistory known = history.withPricesHiddenFrom(day);
      List<BacktestDay> reports = new ArrayList<>(n);
      for (int p = 0; p < n; p++) {
        OfferPolicy.DayPlan plan = policies.get(p).plan(known, day, soc[p]);
        List<HourSettlement> hours = new ArrayList<>(MarketHistory.HOURS);
        for (int h = 0; h < MarketHistory.HOURS; h++) {
          HourOrder order = plan.order(h, soc[p]).orElse(null);
          HourSettlement settled = PriceTakerMarket.settle(battery, h, actual[h], order, soc[p]);
          check(battery, settled, soc[p]);
          soc[p] = settled.socEndKwh();
          hours.add(settled);
        }
        BacktestDay settledDay = new BacktestDay(day, plan.forecastEurPerMwh(), hours);
        runs.get(p).add(settledDay);
        reports.add(settledDay);
      }
      perDay.accept(new DayReport(day, reports));
    }
    List<BacktestRun> result = new ArrayList<>(n);
    for (int p = 0; p < n; p++) {
      BacktestRun run = new BacktestRun(policies.get(p).name(), battery, runs.get(p));
      checkConserved(run);
      result.add(run);
    }
    return result;
  }

  /**
   * The history a node's forecaster sees: the same prices, the exogenous series zero (live feeds carry prices only,
   * see {@code DailyPriceHistory}).
   */
  public static MarketHistory pricesOnly(MarketHistory history) {
    int n = history.dayCount();
    double[][] prices = new double[n][];
    double[][] zeros = new double[n][MarketHistory.HOURS];
    for (int d = 0; d < n; d++) prices[d] = history.dayPrices(history.firstDay().plusDays(d));
    return MarketHistory.ofDays(history.name(), history.firstDay(), prices, zeros, zeros);
  }

  private static BigDecimal[] actualPrices(MarketHistory history, LocalDate day) {
    int index = history.indexOf(day);
    BigDecimal[] actual = new BigDecimal[MarketHistory.HOURS];
    for (int h = 0; h < MarketHistory.HOURS; h++) {
      double price = history.price(index, h);
      if (Double.isNaN(price)) {
        throw new IllegalArgumentException(history.name() + ": the actual price of " + day + " hour " + h
            + " is unknown");
      }
      actual[h] = PriceTakerMarket.priceEurPerMwh(price);
    }
    return actual;
  }

  /** Checks one settled hour against the battery's limits and the energy balance; throws on a breach. */
  static void check(BacktestBattery battery, HourSettlement s, BigDecimal socBeforeKwh) {
    String at = "hour " + s.hour() + ": ";
    if (s.socStartKwh().compareTo(socBeforeKwh) != 0) {
      throw new IllegalStateException(at + "starts at " + s.socStartKwh() + " kWh, the previous hour ended at "
          + socBeforeKwh);
    }
    if (s.socEndKwh().compareTo(battery.minSocKwh()) < 0 || s.socEndKwh().compareTo(battery.capacityKwh()) > 0) {
      throw new IllegalStateException(at + "state of charge " + s.socEndKwh() + " kWh outside ["
          + battery.minSocKwh() + ", " + battery.capacityKwh() + "]");
    }
    if (s.soldKwh().signum() < 0 || s.boughtKwh().signum() < 0 || s.lossKwh().signum() < 0) {
      throw new IllegalStateException(at + "negative energy: sold " + s.soldKwh() + ", bought " + s.boughtKwh()
          + ", lost " + s.lossKwh());
    }
    if (s.soldKwh().signum() > 0 && s.boughtKwh().signum() > 0) {
      throw new IllegalStateException(at + "bought and sold in the same hour");
    }
    if (s.soldKwh().max(s.boughtKwh()).compareTo(battery.powerKw()) > 0) {
      throw new IllegalStateException(at + "moved more than " + battery.powerKw() + " kWh in one hour");
    }
    BigDecimal balance = s.socStartKwh().add(s.boughtKwh()).subtract(s.soldKwh()).subtract(s.lossKwh());
    if (balance.compareTo(s.socEndKwh()) != 0) {
      throw new IllegalStateException(at + "energy not conserved: " + s.socStartKwh() + " + " + s.boughtKwh() + " - "
          + s.soldKwh() + " - " + s.lossKwh() + " != " + s.socEndKwh());
    }
    if (s.boughtKwh().signum() > 0) {
      BigDecimal stored = s.boughtKwh().multiply(battery.chargeEfficiency());
      if (stored.compareTo(s.socEndKwh().subtract(s.socStartKwh())) != 0) {
        throw new IllegalStateException(at + "stored " + s.socEndKwh().subtract(s.socStartKwh()) + " kWh for "
            + s.boughtKwh() + " kWh bought at efficiency " + battery.chargeEfficiency());
      }
    }
    if (s.soldKwh().signum() > 0) {
      BigDecimal taken = s.socStartKwh().subtract(s.socEndKwh());
      BigDecimal exact = s.soldKwh().divide(battery.dischargeEfficiency(), PriceTakerMarket.STORED_SCALE + 3,
          RoundingMode.HALF_EVEN);
      BigDecimal excess = taken.subtract(exact);
      if (excess.abs().compareTo(STORED_ULP) >= 0) {
        throw new IllegalStateException(at + "took " + taken + " kWh from storage to sell " + s.soldKwh()
            + " kWh at efficiency " + battery.dischargeEfficiency());
      }
    }
    if (s.soldKwh().signum() == 0 && s.boughtKwh().signum() == 0 && s.socEndKwh().compareTo(s.socStartKwh()) != 0) {
      throw new IllegalStateException(at + "stored energy changed without a trade");
    }
  }

  /** Checks a whole run: end = start + bought - sold - losses, exactly. */
  static void checkConserved(BacktestRun run) {
    BigDecimal expected = run.battery().initialSocKwh().add(run.boughtKwh()).subtract(run.soldKwh())
        .subtract(run.lossKwh());
    if (expected.compareTo(run.socEndKwh()) != 0) {
      throw new IllegalStateException(run.policy() + ": energy not conserved over the run: start "
          + run.battery().initialSocKwh() + " + bought " + run.boughtKwh() + " - sold " + run.soldKwh() + " - lost "
          + run.lossKwh() + " = " + expected + " but the battery holds " + run.socEndKwh());
    }
  }
}
