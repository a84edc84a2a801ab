package io.etp.pipeline;

import io.etp.clearing.ClearingResult;
import io.etp.clearing.DayAheadMarket;
import io.etp.clearing.Fill;
import io.etp.clearing.Order;
import io.etp.clearing.OrderSide;
import io.etp.forecast.DayAheadForecast;
import io.etp.forecast.MarketHistory;
import io.etp.forecast.PriceForecaster;
import io.etp.optimize.BidSide;
import io.etp.optimize.DispatchProblem;
import io.etp.optimize.FleetDispatcher;
import io.etp.optimize.FleetMember;
import io.etp.optimize.FleetOutcome;
import io.etp.optimize.PeriodBid;
import io.etp.risk.AggregatorBook;
import io.etp.risk.DeviceHealth;
import io.etp.risk.DeviceState;
import io.etp.risk.RiskAuditSink;
import io.etp.risk.RiskReason;
import io.etp.risk.RiskRules;
import io.etp.risk.ScheduleBidScreen;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.javadsl.Source;

/**
 * The decision pipeline for one day: data -&gt; forecast -&gt; optimise -&gt; risk -&gt; bids -&gt; market -&gt; results.
 * <ol>
 *   <li>forecast: the day-ahead forecast of the day (given, or made here by a {@link PriceForecaster});</li>
 *   <li>optimise: every battery's schedule on the forecast, 24 hourly periods, with {@link FleetDispatcher}, and its
 *       bids ({@code BidBuilder});</li>
 *   <li>risk: {@link ScheduleBidScreen} with the standard {@link RiskRules} and one aggregator book for the whole fleet
 *       and day, rejections to the {@link RiskAuditSink};</li>
 *   <li>market: the approved bids and a {@link SimulatedMarketCurve} through the real price of each hour, cleared by
 *       {@link DayAheadMarket};</li>
 *   <li>results: the fleet's fills at the clearing prices ({@link DayResult}).</li>
 * </ol>
 * Pure apart from the solver threads and the audit sink; the same inputs give the same result.
 */
public final class DecisionPipeline {

  private static final Duration HOUR = Duration.ofHours(1);

  private final PipelineSettings settings;
  private final FleetDispatcher dispatcher;
  private final ScheduleBidScreen screen;

  public DecisionPipeline(PipelineSettings settings, FleetDispatcher dispatcher, RiskAuditSink audit, Clock clock) {
    this.settings = settings;
    this.dispatcher = dispatcher;
    this.screen = new ScheduleBidScreen(RiskRules.standard(settings.priceFloorPerMwh(), settings.priceCapPerMwh(),
        settings.minStateOfHealthPct(), audit, clock));
  }

  public PipelineSettings settings() {
    return settings;
  }

  /** Forecasts {@code day} from {@code history} (its prices of {@code day} and later are hidden first). */
  public static DayAheadForecast forecast(PriceForecaster forecaster, MarketHistory history, LocalDate day,
      String currency) {
    MarketHistory known = history.withPricesHiddenFrom(day);
    return DayAheadForecast.of(history.name(), day, forecaster.forecast(known, day), currency, forecaster.name(),
        day.atStartOfDay().toInstant(java.time.ZoneOffset.UTC));
  }

  /**
   * Runs optimise -&gt; risk -&gt; market -&gt; results for the forecast's day against the real prices.
   *
   * @param actualPerMwh the day's 24 real prices, currency/MWh
   */
  public DayResult run(DayAheadForecast forecast, double[] actualPerMwh) throws InterruptedException {
    if (actualPerMwh.length != MarketHistory.HOURS) {
      throw new IllegalArgumentException("24 real prices expected, got " + actualPerMwh.length);
    }
    List<FleetMember> members = settings.fleet().stream()
        .map(b -> new FleetMember(b.id(), DispatchProblem.of(b.storage(), HOUR, forecast.pricesPerMwh())))
        .toList();
    List<FleetOutcome> outcomes = dispatcher.dispatch(members);

    Map<Integer, List<Order>> orders = new HashMap<>();
    IntStream.range(0, MarketHistory.HOURS)
        .forEach(h -> orders.put(h, new ArrayList<>(settings.curve().orders(h, actualPerMwh[h]))));
    Map<RiskReason, Integer> rejected = new EnumMap<>(RiskReason.class);
    AggregatorBook book = AggregatorBook.empty(settings.aggregatorId(), settings.limits());
    int infeasible = 0;
    int submitted = 0;
    for (int i = 0; i < outcomes.size(); i++) {
      PipelineBattery battery = settings.fleet().get(i);
      if (!(outcomes.get(i) instanceof FleetOutcome.Scheduled scheduled)) {
        infeasible++;
        continue;
      }
      var s = battery.storage();
      DeviceState device = new DeviceState(battery.id(), s.initialSocKwh(), s.minSocKwh(), s.maxSocKwh(),
          s.chargeEfficiency(), s.dischargeEfficiency(), new DeviceHealth(true, false, battery.stateOfHealthPct()),
          Map.of());
      ScheduleBidScreen.Screening screening = screen.screen(settings.aggregatorId(), book, device, List.of(), s,
          scheduled.schedule(), scheduled.bids());
      book = screening.book();
      screening.rejected().forEach(r -> rejected.merge(r.rejection().reason(), 1, Integer::sum));
      for (PeriodBid bid : screening.approved()) {
        String orderId = battery.id() + "_" + bid.period() + "_" + bid.side();
        orders.get(bid.period()).add(bid.side() == BidSide.SELL
            ? Order.sell(orderId, battery.id(), bid.quantityKwh(), bid.limitPricePerMwh())
            : Order.buy(orderId, battery.id(), bid.quantityKwh(), bid.limitPricePerMwh()));
        submitted++;
      }
    }

    SortedMap<Integer, ClearingResult> cleared = DayAheadMarket.clear(new TreeMap<>(orders));
    double sold = 0;
    double bought = 0;
    double revenue = 0;
    double clearingSum = 0;
    int clearedPeriods = 0;
    for (ClearingResult result : cleared.values()) {
      if (!(result instanceof ClearingResult.Cleared c)) continue;
      clearingSum += c.pricePerMwh();
      clearedPeriods++;
      for (Fill fill : c.fills()) {
        if (fill.order().participantId().equals(SimulatedMarketCurve.PARTICIPANT)) continue;
        double cash = fill.filledKwh() * c.pricePerMwh() / 1000.0;
        if (fill.order().side() == OrderSide.SELL) {
          sold += fill.filledKwh();
          revenue += cash;
        } else {
          bought += fill.filledKwh();
          revenue -= cash;
        }
      }
    }
    double mae = 0;
    double realSum = 0;
    for (int h = 0; h < MarketHistory.HOURS; h++) {
      mae += Math.abs(forecast.pricePerMwh(h) - actualPerMwh[h]) / MarketHistory.HOURS;
      realSum += actualPerMwh[h];
    }
    return new DayResult(forecast.zone(), forecast.deliveryDay(), forecast.model(), forecast.currency(), mae,
        settings.fleet().size(), infeasible, submitted, rejected, sold, bought, revenue,
        clearedPeriods == 0 ? Double.NaN : clearingSum / clearedPeriods, realSum / MarketHistory.HOURS);
  }

  /**
   * The pipeline over consecutive days of a history as a stream: each day is forecast from what precedes it, then run
   * against its real prices. Days are processed one at a time, in order.
   */
  public Source<DayResult, NotUsed> days(PriceForecaster forecaster, MarketHistory history, LocalDate first, int days,
      String currency) {
    return Source.range(0, days - 1)
        .map(i -> first.plusDays(i))
        .map(day -> run(forecast(forecaster, history, day, currency), history.dayPrices(day)));
  }
}
