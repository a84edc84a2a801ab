package io.etp.pipeline;

import io.etp.forecast.MarketHistory;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * How a battery decides what to offer and bid, hour by hour, in {@link StorageBacktest}.
 *
 * <p>No look-ahead by construction: a day is planned from {@code known}, the history up to and including the day
 * with the day's prices hidden ({@link MarketHistory#withPricesHiddenFrom}), and each hour's order from the plan and
 * the stored energy at the start of that hour. The actual prices of the day reach only the market.
 */
public interface OfferPolicy {

  /** Short label for reports. */
  String name();

  /**
   * Plans one day.
   *
   * @param known  every day up to and including {@code day}, with {@code day}'s prices hidden (NaN)
   * @param day    the delivery day
   * @param socKwh stored energy at the start of the day, kWh
   */
  DayPlan plan(MarketHistory known, LocalDate day, BigDecimal socKwh);

  /** One day's decisions. */
  interface DayPlan {

    /** The order for {@code hour} (0..23) given the stored energy at its start, or empty for none. */
    Optional<HourOrder> order(int hour, BigDecimal socKwh);

    /** The 24 forecast prices the plan was made on, EUR/MWh; empty when the policy uses none. */
    Optional<List<Double>> forecastEurPerMwh();
  }
}
