package io.etp.forecasting;

import io.etp.forecast.DayAheadForecast;
import java.util.OptionalDouble;

/**
 * A battery's reserve price that follows the forecast value of holding its energy. Selling now forgoes selling later:
 * the best price still ahead in the forecast day, times the round-trip efficiency (the energy sold later has been
 * stored and must still be delivered, so part of it is lost), is what holding is worth. The reserve is that value in
 * c/kWh, never below the configured reserve. Pure.
 *
 * @param roundTripEfficiency charge x discharge efficiency, (0, 1]
 * @param minChangeCPerKwh    a new reserve is applied only when it differs from the current one by at least this
 */
public record DynamicReserve(double roundTripEfficiency, double minChangeCPerKwh) {

  public DynamicReserve {
    if (!(roundTripEfficiency > 0 && roundTripEfficiency <= 1)) {
      throw new IllegalArgumentException("round-trip efficiency must be in (0, 1]: " + roundTripEfficiency);
    }
    if (!(minChangeCPerKwh >= 0)) throw new IllegalArgumentException("min change must be >= 0: " + minChangeCPerKwh);
  }

  /**
   * The reserve for a battery holding energy from {@code fromHour} of the forecast day, c/kWh.
   *
   * @param floorCPerKwh the configured reserve, c/kWh
   */
  public double reserveCPerKwh(DayAheadForecast forecast, int fromHour, double floorCPerKwh) {
    double holding = DayAheadForecast.toCPerKwh(forecast.maxPerMwhFrom(fromHour)) * roundTripEfficiency;
    return Math.max(floorCPerKwh, round(holding));
  }

  /** The reserve to apply, or empty when {@code target} is within the minimum change of {@code current}. */
  public OptionalDouble change(double currentCPerKwh, double targetCPerKwh) {
    return Math.abs(targetCPerKwh - currentCPerKwh) >= minChangeCPerKwh && targetCPerKwh != currentCPerKwh
        ? OptionalDouble.of(targetCPerKwh) : OptionalDouble.empty();
  }

  private static double round(double cPerKwh) {
    return Math.round(cPerKwh * 100) / 100.0;
  }
}
