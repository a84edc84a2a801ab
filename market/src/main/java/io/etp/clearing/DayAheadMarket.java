package io.etp.clearing;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** A simulated day-ahead market: every delivery period is an independent {@link UniformPriceAuction}. */
public final class DayAheadMarket {

  private DayAheadMarket() {}

  /** Clears each period's orders; the result has one entry per period key of the input. */
  public static SortedMap<Integer, ClearingResult> clear(Map<Integer, List<Order>> ordersByPeriod) {
    SortedMap<Integer, ClearingResult> results = new TreeMap<>();
    ordersByPeriod.forEach((period, orders) -> results.put(period, UniformPriceAuction.clear(orders)));
    return results;
  }
}
