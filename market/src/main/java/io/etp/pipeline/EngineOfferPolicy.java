package io.etp.pipeline;

import io.etp.forecast.MarketHistory;
import io.etp.forecast.PriceForecaster;
import io.etp.optimize.BidBuilder;
import io.etp.optimize.BidSide;
import io.etp.optimize.DispatchProblem;
import io.etp.optimize.DispatchSchedule;
import io.etp.optimize.PeriodBid;
import io.etp.optimize.StorageDispatchOptimizer;
import io.etp.optimize.StorageSpec;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The storage engine deciding a battery's offers: each day, the forecaster's 24 prices (from the days before only),
 * the LP dispatch ({@link StorageDispatchOptimizer}) of the battery from its actual state of charge at the start of
 * the day to at least {@code endSocKwh} at its end, and {@link BidBuilder}'s orders from that schedule: per hour with
 * discharge a sell offer of the scheduled kWh at the battery's own valuation as reserve, per hour with charge a buy
 * bid at its valuation as limit. Quantities and prices are rounded half even to the energy and price scales: in the
 * hours where the schedule is marginal the valuation equals the price it was optimised on, up to the solver's binary
 * floating-point noise, and rounding that noise against the order (a reserve up, a limit down) would refuse a fill
 * the schedule counts on.
 */
public final class EngineOfferPolicy implements OfferPolicy {

  private static final int HOURS = MarketHistory.HOURS;

  private final PriceForecaster forecaster;
  private final BacktestBattery battery;
  private final BigDecimal endSocKwh;
  private final BigDecimal wearEurPerMwh;
  private final StorageDispatchOptimizer optimizer = new StorageDispatchOptimizer();

  /**
   * @param forecaster    the day-ahead forecaster (the node's: {@code LearForecaster})
   * @param battery       the battery's limits
   * @param endSocKwh     the LP's end-of-day target: stored energy at the end of each day at least this, kWh
   * @param wearEurPerMwh throughput (degradation) cost the LP charges per MWh charged or discharged; not cash
   * @throws IllegalArgumentException if the target is outside the battery's bounds or a day cannot reach it
   */
  public EngineOfferPolicy(PriceForecaster forecaster, BacktestBattery battery, BigDecimal endSocKwh,
      BigDecimal wearEurPerMwh) {
    this.forecaster = Objects.requireNonNull(forecaster, "forecaster");
    this.battery = Objects.requireNonNull(battery, "battery");
    this.endSocKwh = Objects.requireNonNull(endSocKwh, "endSocKwh");
    this.wearEurPerMwh = Objects.requireNonNull(wearEurPerMwh, "wearEurPerMwh");
    if (endSocKwh.compareTo(battery.minSocKwh()) < 0 || endSocKwh.compareTo(battery.capacityKwh()) > 0) {
      throw new IllegalArgumentException("end-of-day target " + endSocKwh + " kWh is outside [" + battery.minSocKwh()
          + ", " + battery.capacityKwh() + "]");
    }
    BigDecimal dayOfCharging = battery.powerKw().multiply(BigDecimal.valueOf(HOURS)).multiply(battery.chargeEfficiency());
    if (dayOfCharging.compareTo(battery.usableKwh()) < 0) {
      throw new IllegalArgumentException("a day of charging at " + battery.powerKw() + " kW stores " + dayOfCharging
          + " kWh, less than the usable " + battery.usableKwh() + " kWh: the end-of-day target may be unreachable");
    }
    if (wearEurPerMwh.signum() < 0) throw new IllegalArgumentException("wear cost must be >= 0, got " + wearEurPerMwh);
  }

  @Override
  public String name() {
    return "storage engine (" + forecaster.name() + " + LP)";
  }

  @Override
  public DayPlan plan(MarketHistory known, LocalDate day, BigDecimal socKwh) {
    double[] forecast = forecaster.forecast(known, day);
    List<Double> prices = Arrays.stream(forecast).boxed().toList();
    double power = battery.powerKw().doubleValue();
    StorageSpec spec = new StorageSpec(power, power, battery.minSocKwh().doubleValue(),
        battery.capacityKwh().doubleValue(), socKwh.doubleValue(), endSocKwh.doubleValue(),
        battery.chargeEfficiency().doubleValue(), battery.dischargeEfficiency().doubleValue(),
        PriceTakerMarket.eurPerKwh(wearEurPerMwh).doubleValue());
    DispatchSchedule schedule = optimizer.optimise(DispatchProblem.of(spec, Duration.ofHours(1), prices));
    HourOrder[] orders = new HourOrder[HOURS];
    for (PeriodBid bid : BidBuilder.fromSchedule(schedule, spec)) {
      BigDecimal kwh = BigDecimal.valueOf(bid.quantityKwh()).setScale(PriceTakerMarket.ENERGY_SCALE,
          RoundingMode.HALF_EVEN);
      if (kwh.signum() <= 0) continue;
      BigDecimal limit = BigDecimal.valueOf(bid.limitPricePerMwh());
      orders[bid.period()] = bid.side() == BidSide.SELL
          ? new HourOrder.Sell(kwh, limit.setScale(PriceTakerMarket.PRICE_SCALE, RoundingMode.HALF_EVEN))
          : new HourOrder.Buy(kwh, Optional.of(limit.setScale(PriceTakerMarket.PRICE_SCALE, RoundingMode.HALF_EVEN)));
    }
    return new DayPlan() {
      @Override
      public Optional<HourOrder> order(int hour, BigDecimal soc) {
        return Optional.ofNullable(orders[hour]);
      }

      @Override
      public Optional<List<Double>> forecastEurPerMwh() {
        return Optional.of(prices);
      }
    };
  }
}
