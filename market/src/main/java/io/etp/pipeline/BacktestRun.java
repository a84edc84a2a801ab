package io.etp.pipeline;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.function.Function;

/**
 * One policy's whole run in a {@link StorageBacktest}: its days and their totals, money in EUR and energy in kWh,
 * exact.
 *
 * @param policy  the policy's name
 * @param battery the battery it ran
 * @param days    the settled days, in order
 */
public record BacktestRun(String policy, BacktestBattery battery, List<BacktestDay> days) {

  public BacktestRun {
    days = List.copyOf(days);
  }

  public BigDecimal revenueEur() {
    return sum(BacktestDay::revenueEur);
  }

  public BigDecimal costEur() {
    return sum(BacktestDay::costEur);
  }

  /** Revenue minus cost, EUR. */
  public BigDecimal netEur() {
    return revenueEur().subtract(costEur());
  }

  public BigDecimal soldKwh() {
    return sum(BacktestDay::soldKwh);
  }

  public BigDecimal boughtKwh() {
    return sum(BacktestDay::boughtKwh);
  }

  /** Conversion losses, kWh. */
  public BigDecimal lossKwh() {
    return days.stream().flatMap(d -> d.hours().stream()).map(HourSettlement::lossKwh)
        .reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  /** Stored energy at the end of the run, kWh. */
  public BigDecimal socEndKwh() {
    return days.isEmpty() ? battery.initialSocKwh() : days.get(days.size() - 1).socEndKwh();
  }

  /**
   * Equivalent full cycles: the stored energy discharged (sold kWh plus their discharge losses) over the usable
   * range (capacity minus minimum), two decimals, half even.
   */
  public BigDecimal cycles() {
    BigDecimal dischargedStored = days.stream().flatMap(d -> d.hours().stream())
        .filter(h -> h.soldKwh().signum() > 0).map(h -> h.soldKwh().add(h.lossKwh()))
        .reduce(BigDecimal.ZERO, BigDecimal::add);
    return dischargedStored.divide(battery.usableKwh(), 2, RoundingMode.HALF_EVEN);
  }

  /**
   * What the change in stored energy over the run is worth when sold at {@code priceEurPerMwh} after discharge
   * losses (negative when the run ends with less than it started with), EUR, {@value PriceTakerMarket#MONEY_SCALE}
   * decimals, half even.
   */
  public BigDecimal storedEnergyChangeValueEur(BigDecimal priceEurPerMwh) {
    BigDecimal gridKwh = socEndKwh().subtract(battery.initialSocKwh()).multiply(battery.dischargeEfficiency());
    return gridKwh.multiply(PriceTakerMarket.eurPerKwh(priceEurPerMwh))
        .setScale(PriceTakerMarket.MONEY_SCALE, RoundingMode.HALF_EVEN);
  }

  private BigDecimal sum(Function<BacktestDay, BigDecimal> f) {
    return days.stream().map(f).reduce(BigDecimal.ZERO, BigDecimal::add);
  }
}
