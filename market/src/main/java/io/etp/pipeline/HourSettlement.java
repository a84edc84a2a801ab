package io.etp.pipeline;

import java.math.BigDecimal;

/**
 * One settled hour of a backtest run.
 *
 * @param hour            0..23
 * @param actualEurPerMwh the actual price the hour was settled at
 * @param order           the order placed for the hour, or {@code null} for none
 * @param soldKwh         energy delivered to the grid, kWh
 * @param boughtKwh       energy drawn from the grid, kWh
 * @param revenueEur      cash received for {@code soldKwh}
 * @param costEur         cash paid for {@code boughtKwh} (negative at a negative price)
 * @param lossKwh         conversion losses of the hour (grid-side minus stored-side energy), kWh
 * @param socStartKwh     stored energy at the start of the hour, kWh
 * @param socEndKwh       stored energy at the end of the hour, kWh
 */
public record HourSettlement(int hour, BigDecimal actualEurPerMwh, HourOrder order, BigDecimal soldKwh,
    BigDecimal boughtKwh, BigDecimal revenueEur, BigDecimal costEur, BigDecimal lossKwh, BigDecimal socStartKwh,
    BigDecimal socEndKwh) {

  /** Revenue minus cost, EUR. */
  public BigDecimal netEur() {
    return revenueEur.subtract(costEur);
  }
}
