package io.etp.forecast;

import java.time.LocalDate;

/**
 * A day-ahead price forecaster: given what is known on the morning before delivery, the 24 hourly prices of the delivery
 * day.
 *
 * <p>Contract: {@code history} contains the delivery day as its last day, with that day's prices hidden (NaN, see
 * {@link MarketHistory#withPricesHiddenFrom(LocalDate)}) and its exogenous day-ahead forecasts present; a forecaster may
 * use anything in it and must not look elsewhere. Forecasters recalibrate inside {@link #forecast} if they wish (LEAR does,
 * every day); they hold no state between calls, so the evaluation can run them in any order.
 *
 * <p>Room for a second model family: the interface fixes only the information set and the output, not the method. A DNN
 * (epftoolbox's second benchmark) or a gradient-boosted model implements this interface and goes into
 * {@link EnsembleForecaster} and the evaluation command unchanged.
 */
public interface PriceForecaster {

  /** Short label used in reports, e.g. {@code LEAR-56} or {@code LEAR-Ens}. */
  String name();

  /**
   * Forecasts the delivery day.
   *
   * @param history known information, ending with the delivery day (prices hidden)
   * @param day     the delivery day; must be {@code history.lastDay()}
   * @return 24 hourly prices
   * @throws InsufficientHistoryException if the history is too short for this forecaster
   */
  double[] forecast(MarketHistory history, LocalDate day);
}
