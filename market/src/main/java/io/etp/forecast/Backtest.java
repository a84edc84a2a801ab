package io.etp.forecast;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Replays daily recalibration over a test period: for each delivery day, the forecaster sees the history up to that day
 * with the day's prices hidden, and its forecast is stored next to the realised prices.
 */
public final class Backtest {

  private Backtest() {}

  /**
   * Runs the forecaster over every day of the period.
   *
   * @param onDayDone called with the number of days done after each day (for progress reporting)
   * @throws IllegalArgumentException if the period is not inside the history
   * @throws InsufficientHistoryException if the forecaster lacks history for the first day
   */
  public static ForecastSeries run(PriceForecaster forecaster, MarketHistory history, TestPeriod period,
      IntConsumer onDayDone) {
    return run(forecaster, history, period, 1, onDayDone);
  }

  /**
   * Runs the forecaster over every day of the period on {@code threads} threads. Days are independent (each sees only
   * its own history view and forecasters hold no state), so the result does not depend on the thread count.
   *
   * @param onDayDone called with the number of days done so far, from the worker threads
   */
  public static ForecastSeries run(PriceForecaster forecaster, MarketHistory history, TestPeriod period, int threads,
      IntConsumer onDayDone) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    if (!history.contains(period.firstDay()) || !history.contains(period.lastDay())) {
      throw new IllegalArgumentException(history.name() + " covers " + history.firstDay() + ".." + history.lastDay()
          + ", not the test period " + period.firstDay() + ".." + period.lastDay());
    }
    int days = period.days();
    double[] actual = new double[days * MarketHistory.HOURS];
    double[] forecast = new double[days * MarketHistory.HOURS];
    AtomicInteger done = new AtomicInteger();
    IntConsumer oneDay = i -> {
      LocalDate day = period.firstDay().plusDays(i);
      double[] f = forecaster.forecast(history.withPricesHiddenFrom(day), day);
      double[] a = history.dayPrices(day);
      System.arraycopy(f, 0, forecast, i * MarketHistory.HOURS, MarketHistory.HOURS);
      System.arraycopy(a, 0, actual, i * MarketHistory.HOURS, MarketHistory.HOURS);
      onDayDone.accept(done.incrementAndGet());
    };
    if (threads == 1) {
      for (int i = 0; i < days; i++) {
        oneDay.accept(i);
      }
    } else {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < days; i++) {
          int index = i;
          futures.add(pool.submit(() -> oneDay.accept(index)));
        }
        for (Future<?> f : futures) {
          f.get();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("backtest interrupted", e);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RuntimeException r) {
          throw r;
        }
        throw new IllegalStateException(e.getCause());
      } finally {
        pool.shutdownNow();
      }
    }
    return new ForecastSeries(period.firstDay(), actual, forecast);
  }

  /** The ensemble's forecasts and each member's, from one replay. */
  public record EnsembleRun(ForecastSeries ensemble, Map<String, ForecastSeries> members) {}

  /**
   * Runs an ensemble over the period, keeping each member's forecasts as well (each member runs once per day; the
   * ensemble forecast is their mean, exactly as {@link EnsembleForecaster#forecast} computes it).
   */
  public static EnsembleRun runEnsemble(EnsembleForecaster ensemble, MarketHistory history, TestPeriod period,
      int threads, IntConsumer onDayDone) {
    List<PriceForecaster> members = ensemble.members();
    List<double[]> memberForecasts = new ArrayList<>();
    for (int m = 0; m < members.size(); m++) {
      memberForecasts.add(new double[period.days() * MarketHistory.HOURS]);
    }
    PriceForecaster recording = new PriceForecaster() {
      @Override
      public String name() {
        return ensemble.name();
      }

      @Override
      public double[] forecast(MarketHistory known, LocalDate d) {
        double[] mean = new double[MarketHistory.HOURS];
        for (int m = 0; m < members.size(); m++) {
          double[] f = members.get(m).forecast(known, d);
          int day = period.indexOf(d);
          System.arraycopy(f, 0, memberForecasts.get(m), day * MarketHistory.HOURS, MarketHistory.HOURS);
          for (int h = 0; h < mean.length; h++) {
            mean[h] += f[h] / members.size();
          }
        }
        return mean;
      }
    };
    ForecastSeries result = run(recording, history, period, threads, onDayDone);
    Map<String, ForecastSeries> byMember = new LinkedHashMap<>();
    for (int m = 0; m < members.size(); m++) {
      byMember.put(members.get(m).name(), new ForecastSeries(period.firstDay(), result.actual(), memberForecasts.get(m)));
    }
    return new EnsembleRun(result, byMember);
  }
}
