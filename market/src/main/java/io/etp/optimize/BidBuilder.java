package io.etp.optimize;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns an optimal schedule into day-ahead bids.
 *
 * <p>Rule, per period {@code t} with {@code lambda_t} the marginal value of stored energy at the end of the period
 * (currency/kWh, {@link DispatchInterval#storedEnergyValuePerKwh()}), {@code k} the throughput cost per kWh, {@code h}
 * the period length in hours:
 * <ul>
 *   <li>scheduled discharge {@code d_t > 0}: a <b>sell offer</b> of {@code d_t*h} kWh with limit
 *       {@code 1000*(lambda_t/etaD + k)} per MWh: selling a grid kWh takes {@code 1/etaD} kWh out of storage worth
 *       {@code lambda_t} each and wears the cell by {@code k}; below that price keeping the energy is worth more;</li>
 *   <li>scheduled charge {@code c_t > 0}: a <b>buy bid</b> of {@code c_t*h} kWh with limit
 *       {@code 1000*(lambda_t*etaC - k)} per MWh: a grid kWh adds {@code etaC} kWh to storage worth {@code lambda_t}
 *       each, minus wear; above that price the charge is not worth it;</li>
 *   <li>idle periods produce no bid.</li>
 * </ul>
 * By LP optimality (KKT) every sell limit is at most the price the schedule was optimised on and every buy limit at
 * least that price, so the schedule is filled if the forecast price clears, and withheld when the real price moves
 * past the device's own valuation.
 */
public final class BidBuilder {

  private BidBuilder() {}

  /** Bids for every non-idle period of the schedule, in period order. */
  public static List<PeriodBid> fromSchedule(DispatchSchedule schedule, StorageSpec storage) {
    double hours = schedule.periodLength().toNanos() / 3.6e12;
    List<PeriodBid> bids = new ArrayList<>();
    for (DispatchInterval i : schedule.intervals()) {
      double value = i.storedEnergyValuePerKwh();
      if (i.dischargeKw() > 0) {
        double limit = 1000.0 * (value / storage.dischargeEfficiency() + storage.throughputCostPerKwh());
        bids.add(new PeriodBid(i.period(), BidSide.SELL, i.dischargeKw() * hours, limit));
      }
      if (i.chargeKw() > 0) {
        double limit = 1000.0 * (value * storage.chargeEfficiency() - storage.throughputCostPerKwh());
        bids.add(new PeriodBid(i.period(), BidSide.BUY, i.chargeKw() * hours, limit));
      }
    }
    return bids;
  }
}
