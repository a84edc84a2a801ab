package io.etp.pipeline;

import static org.junit.jupiter.api.Assertions.*;

import io.etp.forecast.LearForecaster;
import io.etp.forecast.MarketHistory;
import io.etp.forecast.PriceForecaster;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StorageBacktestTest {

  static final LocalDate DAY0 = LocalDate.of(2018, 11, 1);

  /** Cheap at 00:00 and 01:00 (10), dear at 17:00 and 18:00 (100), 50 otherwise. */
  static double[] peakDay() {
    double[] p = new double[24];
    Arrays.fill(p, 50);
    p[0] = 10;
    p[1] = 10;
    p[17] = 100;
    p[18] = 100;
    return p;
  }

  /** Forecasts each day as the day before: a real forecaster that sees only {@code known}. */
  static final PriceForecaster DAY_BEFORE = new PriceForecaster() {
    @Override
    public String name() {
      return "day-before";
    }

    @Override
    public double[] forecast(MarketHistory known, LocalDate day) {
      assertEquals(day, known.lastDay(), "the forecaster is asked for the last day of what it knows");
      for (int h = 0; h < 24; h++) assertTrue(Double.isNaN(known.price(known.indexOf(day), h)), "prices hidden");
      return known.dayPrices(day.minusDays(1));
    }
  };

  static MarketHistory history(double[]... days) {
    double[][] zeros = new double[days.length][24];
    return MarketHistory.ofDays("T", DAY0, days, zeros, zeros);
  }

  static BigDecimal d(String s) {
    return new BigDecimal(s);
  }

  /** 10 kWh, 5 kW, lossless, no minimum. */
  static BacktestBattery lossless(String initialKwh) {
    return new BacktestBattery(d("10"), d("0"), d("5"), d("1"), d("1"), d(initialKwh));
  }

  static FixedOfferPolicy fleetOffers(BacktestBattery battery, String reserveEurPerMwh) {
    return new FixedOfferPolicy(battery, d(reserveEurPerMwh), d("50"), d("0.25"), d("50"), "fixed");
  }

  static void assertAmount(String expected, BigDecimal actual) {
    assertEquals(0, d(expected).compareTo(actual), () -> "expected " + expected + " but was " + actual);
  }

  @Test
  void engineBuysTheTwoCheapHoursAndSellsTheTwoDearOnesEachDay() {
    MarketHistory h = history(peakDay(), peakDay(), peakDay());
    BacktestBattery battery = lossless("0");
    var engine = new EngineOfferPolicy(DAY_BEFORE, battery, d("0"), d("1"));
    List<StorageBacktest.DayReport> reports = new ArrayList<>();
    BacktestRun run = new StorageBacktest(battery).run(h, DAY0.plusDays(1), 2, List.of(engine), reports::add).get(0);

    assertEquals(2, reports.size());
    for (BacktestDay day : run.days()) {
      for (HourSettlement s : day.hours()) {
        String expectedBought = s.hour() <= 1 ? "5" : "0";
        String expectedSold = s.hour() == 17 || s.hour() == 18 ? "5" : "0";
        assertAmount(expectedBought, s.boughtKwh());
        assertAmount(expectedSold, s.soldKwh());
      }
      assertInstanceOf(HourOrder.Buy.class, day.hours().get(0).order());
      assertInstanceOf(HourOrder.Sell.class, day.hours().get(17).order());
      assertAmount("10", day.hours().get(16).socEndKwh());
      assertAmount("0", day.socEndKwh());
      assertEquals(0.0, day.forecastMaeEurPerMwh(), 1e-9);
    }
    // 2 days x (10 kWh sold at 100 EUR/MWh, 10 kWh bought at 10 EUR/MWh)
    assertAmount("2.00", run.revenueEur());
    assertAmount("0.20", run.costEur());
    assertAmount("1.80", run.netEur());
    assertAmount("20", run.soldKwh());
    assertAmount("20", run.boughtKwh());
    assertAmount("0", run.lossKwh());
    assertEquals(d("2.00"), run.cycles());
  }

  @Test
  void fixedOffersSellAtTheReserveAndRechargeAtWhateverThePriceIsNext() {
    MarketHistory h = history(peakDay(), peakDay(), peakDay());
    BacktestBattery battery = lossless("10");
    BacktestRun run = new StorageBacktest(battery)
        .run(h, DAY0.plusDays(1), 2, List.of(fleetOffers(battery, "60")), r -> { }).get(0);

    for (BacktestDay day : run.days()) {
      // full: the lot (50 % of 10 kWh - 0.25 kWh) is offered at 60 every hour; it sells at 17:00 (100 >= 60)
      assertEquals(new HourOrder.Sell(d("4.750"), d("60")), day.hours().get(0).order());
      assertAmount("4.75", day.hours().get(17).soldKwh());
      // below full at 18:00: recharges at any price, here 100
      assertEquals(new HourOrder.Buy(d("4.750"), Optional.empty()), day.hours().get(18).order());
      assertAmount("4.75", day.hours().get(18).boughtKwh());
      assertAmount("9.5", day.soldKwh().add(day.boughtKwh()));
      assertAmount("10", day.socEndKwh());
    }
    assertAmount("0.95", run.revenueEur()); // 2 x 4.75 kWh x 0.1 EUR/kWh
    assertAmount("0.95", run.costEur());
    assertAmount("0", run.netEur());
    assertEquals(d("0.95"), run.cycles()); // 9.5 kWh of 10
  }

  @Test
  void fleetReserveAboveEveryPriceNeverSells() {
    MarketHistory h = history(peakDay(), peakDay(), peakDay());
    BacktestBattery battery = lossless("10");
    BacktestRun run = new StorageBacktest(battery)
        .run(h, DAY0.plusDays(1), 2, List.of(fleetOffers(battery, "140")), r -> { }).get(0);
    assertAmount("0", run.soldKwh());
    assertAmount("0", run.boughtKwh());
    assertAmount("0", run.netEur());
    assertAmount("10", run.socEndKwh());
  }

  /** 30 days of noisy daily shapes with spikes and some negative hours. */
  static MarketHistory randomHistory(long seed, int days) {
    Random r = new Random(seed);
    double[][] p = new double[days][24];
    for (int day = 0; day < days; day++) {
      double level = 30 + 20 * r.nextDouble();
      for (int h = 0; h < 24; h++) {
        double shape = 15 * Math.sin((h - 6) * Math.PI / 12);
        double price = level + shape + 8 * r.nextGaussian() + (r.nextInt(40) == 0 ? 150 : 0)
            - (r.nextInt(50) == 0 ? 60 : 0);
        p[day][h] = Math.round(price * 100) / 100.0;
      }
    }
    double[][] zeros = new double[days][24];
    return MarketHistory.ofDays("R" + seed, DAY0, p, zeros, zeros);
  }

  @Test
  void bothPoliciesConserveEnergyStayInBoundsAndArePaidTheActualPrice() {
    for (long seed = 1; seed <= 5; seed++) {
      MarketHistory h = randomHistory(seed, 12);
      BacktestBattery battery = new BacktestBattery(d("13.5"), d("0.25"), d("5"), d("0.922"), d("0.922"), d("13.5"));
      List<OfferPolicy> policies = List.of(new EngineOfferPolicy(DAY_BEFORE, battery, d("6.75"), d("2")),
          fleetOffers(battery, "45"));
      List<BacktestRun> runs = new StorageBacktest(battery).run(h, DAY0.plusDays(1), 11, policies, r -> { });
      for (BacktestRun run : runs) {
        BigDecimal soc = battery.initialSocKwh();
        BigDecimal bought = BigDecimal.ZERO;
        BigDecimal sold = BigDecimal.ZERO;
        BigDecimal revenue = BigDecimal.ZERO;
        BigDecimal cost = BigDecimal.ZERO;
        for (BacktestDay day : run.days()) {
          for (HourSettlement s : day.hours()) {
            assertEquals(0, soc.compareTo(s.socStartKwh()), "continuity");
            assertTrue(s.socEndKwh().compareTo(d("0.25")) >= 0 && s.socEndKwh().compareTo(d("13.5")) <= 0,
                () -> run.policy() + " out of bounds: " + s);
            assertTrue(s.soldKwh().signum() == 0 || s.boughtKwh().signum() == 0, "one direction per hour");
            assertTrue(s.soldKwh().compareTo(d("5")) <= 0 && s.boughtKwh().compareTo(d("5")) <= 0, "power limit");
            if (s.boughtKwh().signum() > 0) {
              assertEquals(0, s.socEndKwh().subtract(soc).compareTo(s.boughtKwh().multiply(d("0.922"))));
            }
            if (s.soldKwh().signum() > 0) {
              double taken = s.socStartKwh().subtract(s.socEndKwh()).doubleValue();
              assertEquals(s.soldKwh().doubleValue() / 0.922, taken, 1e-9);
            }
            double actual = h.price(h.indexOf(day.day()), s.hour());
            assertEquals(BigDecimal.valueOf(actual).compareTo(s.actualEurPerMwh()), 0);
            if (s.order() instanceof HourOrder.Sell sell && s.soldKwh().signum() > 0) {
              assertTrue(s.actualEurPerMwh().compareTo(sell.reserveEurPerMwh()) >= 0, "sold below its reserve");
            }
            if (s.order() instanceof HourOrder.Buy buy && s.boughtKwh().signum() > 0) {
              assertTrue(buy.limitEurPerMwh().map(l -> s.actualEurPerMwh().compareTo(l) <= 0).orElse(true));
            }
            assertTrue(s.soldKwh().compareTo(Optional.ofNullable(s.order()).map(HourOrder::energyKwh)
                .orElse(BigDecimal.ZERO)) <= 0 && s.boughtKwh().compareTo(Optional.ofNullable(s.order())
                .map(HourOrder::energyKwh).orElse(BigDecimal.ZERO)) <= 0, "fills at most the order");
            bought = bought.add(s.boughtKwh());
            sold = sold.add(s.soldKwh());
            revenue = revenue.add(s.soldKwh().multiply(BigDecimal.valueOf(actual)).divide(d("1000")));
            cost = cost.add(s.boughtKwh().multiply(BigDecimal.valueOf(actual)).divide(d("1000")));
            soc = s.socEndKwh();
          }
        }
        assertEquals(0, revenue.compareTo(run.revenueEur()), run.policy());
        assertEquals(0, cost.compareTo(run.costEur()), run.policy());
        assertTrue(sold.signum() > 0 && bought.signum() > 0, run.policy() + " traded");
        // energy in = energy out + losses + change in storage, exactly
        assertEquals(0, bought.subtract(sold).subtract(run.lossKwh())
            .compareTo(run.socEndKwh().subtract(battery.initialSocKwh())), run.policy());
        // and the losses are what the efficiencies make them, to the stored energy's rounding
        double expectedLoss = bought.doubleValue() * (1 - 0.922) + sold.doubleValue() * (1 / 0.922 - 1);
        assertEquals(expectedLoss, run.lossKwh().doubleValue(), 1e-6, run.policy());
      }
    }
  }

  @Test
  void onAPerfectForecastEveryEngineOrderMeetsItsPrice() {
    BacktestBattery battery = new BacktestBattery(d("13.5"), d("0.25"), d("5"), d("0.922"), d("0.922"), d("6.75"));
    int orders = 0;
    for (long seed = 1; seed <= 5; seed++) {
      MarketHistory h = randomHistory(seed, 12);
      PriceForecaster perfect = new PriceForecaster() {
        @Override
        public String name() {
          return "perfect";
        }

        @Override
        public double[] forecast(MarketHistory known, LocalDate day) {
          return h.dayPrices(day);
        }
      };
      BacktestRun run = new StorageBacktest(battery).run(h, DAY0.plusDays(1), 11,
          List.of(new EngineOfferPolicy(perfect, battery, d("6.75"), d("2"))), r -> { }).get(0);
      for (BacktestDay day : run.days()) {
        for (HourSettlement s : day.hours()) {
          if (s.order() == null) continue;
          orders++;
          // the schedule's marginal hours are valued at exactly their price: a reserve or limit rounded against
          // the order would leave them unfilled
          assertTrue(s.soldKwh().add(s.boughtKwh()).signum() > 0, () -> day.day() + " " + s);
        }
        assertTrue(day.socEndKwh().compareTo(d("6.749")) >= 0, () -> day.day() + " ends below the target");
      }
    }
    assertTrue(orders > 100, "orders: " + orders);
  }

  @Test
  void checkRefusesAnHourThatCreatesEnergyOrLeavesTheBounds() {
    BacktestBattery battery = new BacktestBattery(d("10"), d("1"), d("5"), d("0.9"), d("0.9"), d("5"));
    HourSettlement ok = PriceTakerMarket.settle(battery, 3, d("40"), new HourOrder.Buy(d("2"), Optional.empty()),
        d("5"));
    StorageBacktest.check(battery, ok, d("5"));
    assertAmount("6.8", ok.socEndKwh());
    HourSettlement creates = new HourSettlement(3, d("40"), ok.order(), ok.soldKwh(), ok.boughtKwh(), ok.revenueEur(),
        ok.costEur(), ok.lossKwh(), ok.socStartKwh(), ok.socEndKwh().add(d("0.001")));
    assertThrows(IllegalStateException.class, () -> StorageBacktest.check(battery, creates, d("5")));
    HourSettlement noLoss = new HourSettlement(3, d("40"), ok.order(), ok.soldKwh(), ok.boughtKwh(), ok.revenueEur(),
        ok.costEur(), BigDecimal.ZERO, ok.socStartKwh(), d("7"));
    assertThrows(IllegalStateException.class, () -> StorageBacktest.check(battery, noLoss, d("5")));
    HourSettlement belowMin = new HourSettlement(3, d("40"), null, d("0"), d("0"), d("0"), d("0"), d("0"), d("0.5"),
        d("0.5"));
    assertThrows(IllegalStateException.class, () -> StorageBacktest.check(battery, belowMin, d("0.5")));
    assertThrows(IllegalStateException.class, () -> StorageBacktest.check(battery, ok, d("4")), "continuity");
  }

  @Test
  void changingPricesAfterADayChangesNoDecisionUpToThatDay() {
    MarketHistory original = randomHistory(7, 40);
    int changedFrom = 30;
    double[][] p = new double[40][];
    for (int day = 0; day < 40; day++) {
      p[day] = original.dayPrices(DAY0.plusDays(day));
      if (day >= changedFrom) for (int h = 0; h < 24; h++) p[day][h] = Math.round((p[day][h] * 2 + (h % 3 == 0 ? 40 : -5)) * 100) / 100.0;
    }
    double[][] zeros = new double[40][24];
    MarketHistory changed = MarketHistory.ofDays(original.name(), DAY0, p, zeros, zeros);

    BacktestBattery battery = new BacktestBattery(d("13.5"), d("0.25"), d("5"), d("0.922"), d("0.922"), d("13.5"));
    List<OfferPolicy> policies = List.of(
        new EngineOfferPolicy(new LearForecaster(21), battery, d("6.75"), d("2")), fleetOffers(battery, "45"));
    LocalDate first = DAY0.plusDays(24);
    List<BacktestRun> a = new StorageBacktest(battery).run(original, first, 10, policies, r -> { });
    List<BacktestRun> b = new StorageBacktest(battery).run(changed, first, 10, policies, r -> { });
    int same = changedFrom - 24;
    for (int i = 0; i < 2; i++) {
      assertEquals(a.get(i).days().subList(0, same), b.get(i).days().subList(0, same), a.get(i).policy());
      assertNotEquals(a.get(i).days().get(same), b.get(i).days().get(same), "settled at the changed prices");
    }
    // the engine's forecast for the first changed day is made before it, so it is the same; the next one is not
    assertEquals(a.get(0).days().get(same).forecast(), b.get(0).days().get(same).forecast());
    assertNotEquals(a.get(0).days().get(same + 1).forecast(), b.get(0).days().get(same + 1).forecast());
  }

  @Test
  void refusesDaysTheHistoryDoesNotCover() {
    MarketHistory h = history(peakDay(), peakDay());
    BacktestBattery battery = lossless("0");
    var ex = assertThrows(IllegalArgumentException.class, () -> new StorageBacktest(battery)
        .run(h, DAY0.plusDays(1), 2, List.of(fleetOffers(battery, "60")), r -> { }));
    assertTrue(ex.getMessage().contains("covers 2018-11-01..2018-11-02"), ex.getMessage());
  }

  @Test
  void storedEnergyChangeIsValuedAfterDischargeLosses() {
    BacktestBattery battery = new BacktestBattery(d("10"), d("0"), d("5"), d("0.9"), d("0.9"), d("10"));
    MarketHistory h = history(peakDay(), peakDay());
    BacktestRun run = new StorageBacktest(battery)
        .run(h, DAY0.plusDays(1), 1, List.of(new EngineOfferPolicy(DAY_BEFORE, battery, d("0"), d("0"))), r -> { })
        .get(0);
    BigDecimal change = run.socEndKwh().subtract(d("10"));
    assertEquals(change.multiply(d("0.9")).multiply(d("0.05")).setScale(9, RoundingMode.HALF_EVEN),
        run.storedEnergyChangeValueEur(d("50")));
  }
}
