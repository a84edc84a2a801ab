package io.etp.pipeline;

import io.etp.risk.RiskReason;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One simulated day of the decision pipeline.
 *
 * @param zone                 zone
 * @param day                  delivery day
 * @param model                forecaster
 * @param currency             currency of prices and revenue
 * @param forecastMaePerMwh    mean absolute error of the forecast against the real prices, currency/MWh
 * @param batteries            fleet size
 * @param infeasible           batteries without a schedule (the optimiser's reason is counted, not kept)
 * @param bidsSubmitted        bids that passed the risk screen and went to the market
 * @param rejectedByReason     bids the risk screen stopped, per reason
 * @param soldKwh              fleet energy sold (filled sell offers), kWh
 * @param boughtKwh            fleet energy bought (filled buy bids), kWh
 * @param revenue              fleet cash at the clearing prices: sales minus purchases, currency
 * @param meanClearingPerMwh   mean clearing price over the periods that cleared, currency/MWh
 * @param meanRealPerMwh       mean real price of the day, currency/MWh
 */
public record DayResult(String zone, LocalDate day, String model, String currency, double forecastMaePerMwh,
    int batteries, int infeasible, int bidsSubmitted, Map<RiskReason, Integer> rejectedByReason, double soldKwh,
    double boughtKwh, double revenue, double meanClearingPerMwh, double meanRealPerMwh) {

  public DayResult {
    EnumMap<RiskReason, Integer> copy = new EnumMap<>(RiskReason.class);
    copy.putAll(rejectedByReason);
    rejectedByReason = java.util.Collections.unmodifiableMap(copy);
  }

  /** Bids the risk screen stopped. */
  public int bidsRejected() {
    return rejectedByReason.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** Fleet energy traded either way, kWh. */
  public double clearedKwh() {
    return soldKwh + boughtKwh;
  }

  /** The day in one readable line. */
  public String summaryLine() {
    String rejected = rejectedByReason.isEmpty() ? "none" : rejectedByReason.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    return String.format(Locale.ROOT,
        "pipeline %s %s model=%s mae=%.2f/MWh batteries=%d infeasible=%d bids=%d rejected=%d (%s) sold=%.1f kWh "
            + "bought=%.1f kWh revenue=%.2f %s clearing=%.2f real=%.2f %s/MWh",
        zone, day, model, forecastMaePerMwh, batteries, infeasible, bidsSubmitted, bidsRejected(), rejected, soldKwh,
        boughtKwh, revenue, currency, meanClearingPerMwh, meanRealPerMwh, currency);
  }
}
