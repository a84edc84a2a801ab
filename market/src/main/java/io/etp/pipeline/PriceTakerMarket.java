package io.etp.pipeline;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The market rule of the storage backtest, the same for every policy replayed on it, and the one place where its
 * units meet.
 *
 * <p><b>Rule.</b> The battery is a price taker in an hourly market that clears at the <em>actual</em> price {@code p}
 * of the hour (the dataset's day-ahead price). It places at most one order per hour:
 * <ul>
 *   <li>a sell offer of {@code q} kWh at reserve {@code R} sells if {@code p >= R} and is paid {@code p} per kWh sold;</li>
 *   <li>a buy bid of {@code q} kWh with limit {@code L} (or none: at any price) buys if {@code p <= L} and pays {@code p}
 *       per kWh bought;</li>
 *   <li>a filled order moves at most what the battery can physically deliver or take in that hour: the power limit
 *       times one hour, and what its state of charge allows (down to the minimum after discharge losses, up to the
 *       capacity after charge losses), rounded down to the energy scale. A battery never sells energy it does not
 *       hold.</li>
 * </ul>
 * Revenue and cost are cash at the actual price, signed as they fall (buying at a negative price is a negative cost).
 *
 * <p><b>Units and scales.</b> Prices in EUR/MWh with {@value #PRICE_SCALE} decimals (as the epftoolbox files, whose
 * DST hours carry three); traded energy in kWh with {@value #ENERGY_SCALE} decimals (Wh); stored energy in kWh with
 * {@value #STORED_SCALE} decimals. 1 EUR/MWh = 0.001 EUR/kWh = 0.1 c/kWh ({@link #eurPerKwh}, {@link #eurPerMwhOfCPerKwh}).
 * An amount is traded kWh times EUR/kWh, exact at {@value #MONEY_SCALE} decimals of EUR: nothing is rounded.
 */
public final class PriceTakerMarket {

  /** Decimals of a price in EUR/MWh. */
  public static final int PRICE_SCALE = 3;
  /** Decimals of traded (grid-side) energy in kWh. */
  public static final int ENERGY_SCALE = 3;
  /** Decimals of stored energy in kWh; efficiencies have at most {@code STORED_SCALE - ENERGY_SCALE} decimals. */
  public static final int STORED_SCALE = 9;
  /** Decimals of an amount in EUR: energy x price per kWh, exact. */
  public static final int MONEY_SCALE = ENERGY_SCALE + PRICE_SCALE + 3;

  private static final BigDecimal ONE_HOUR = BigDecimal.ONE;

  private PriceTakerMarket() {}

  /** EUR/MWh to EUR/kWh (exact). */
  public static BigDecimal eurPerKwh(BigDecimal eurPerMwh) {
    return eurPerMwh.movePointLeft(3);
  }

  /** c/kWh (the trading core's unit) to EUR/MWh (exact): 1 c/kWh = 10 EUR/MWh. */
  public static BigDecimal eurPerMwhOfCPerKwh(BigDecimal cPerKwh) {
    return cPerKwh.movePointRight(1);
  }

  /** EUR/MWh to c/kWh (exact): 1 EUR/MWh = 0.1 c/kWh. */
  public static BigDecimal cPerKwhOfEurPerMwh(BigDecimal eurPerMwh) {
    return eurPerMwh.movePointLeft(1);
  }

  /**
   * A dataset price as an exact decimal.
   *
   * @throws IllegalArgumentException if it is not finite or has more than {@value #PRICE_SCALE} decimals
   */
  public static BigDecimal priceEurPerMwh(double value) {
    if (!Double.isFinite(value)) throw new IllegalArgumentException("price must be finite: " + value);
    BigDecimal exact = BigDecimal.valueOf(value);
    try {
      return exact.setScale(PRICE_SCALE, RoundingMode.UNNECESSARY);
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("price " + exact + " EUR/MWh has more than " + PRICE_SCALE + " decimals", e);
    }
  }

  /** Cash for {@code energyKwh} at {@code priceEurPerMwh}, EUR, exact. */
  public static BigDecimal amountEur(BigDecimal energyKwh, BigDecimal priceEurPerMwh) {
    return energyKwh.multiply(eurPerKwh(priceEurPerMwh)).setScale(MONEY_SCALE, RoundingMode.UNNECESSARY);
  }

  /**
   * Settles one hour: fills the order (if any) at the actual price, within what the battery can do from
   * {@code socStartKwh}.
   */
  public static HourSettlement settle(BacktestBattery battery, int hour, BigDecimal actualEurPerMwh,
      HourOrder order, BigDecimal socStartKwh) {
    BigDecimal sold = BigDecimal.ZERO.setScale(ENERGY_SCALE);
    BigDecimal bought = BigDecimal.ZERO.setScale(ENERGY_SCALE);
    BigDecimal lossKwh = BigDecimal.ZERO.setScale(STORED_SCALE);
    BigDecimal soc = socStartKwh;
    if (order instanceof HourOrder.Sell s && actualEurPerMwh.compareTo(s.reserveEurPerMwh()) >= 0) {
      sold = s.energyKwh().min(maxSellKwh(battery, socStartKwh));
      BigDecimal taken = sold.divide(battery.dischargeEfficiency(), STORED_SCALE, RoundingMode.CEILING);
      lossKwh = taken.subtract(sold);
      soc = socStartKwh.subtract(taken);
    } else if (order instanceof HourOrder.Buy b
        && b.limitEurPerMwh().map(l -> actualEurPerMwh.compareTo(l) <= 0).orElse(true)) {
      bought = b.energyKwh().min(maxBuyKwh(battery, socStartKwh));
      BigDecimal stored = bought.multiply(battery.chargeEfficiency()).setScale(STORED_SCALE, RoundingMode.UNNECESSARY);
      lossKwh = bought.subtract(stored);
      soc = socStartKwh.add(stored);
    }
    return new HourSettlement(hour, actualEurPerMwh, order, sold, bought, amountEur(sold, actualEurPerMwh),
        amountEur(bought, actualEurPerMwh), lossKwh.setScale(STORED_SCALE), socStartKwh, soc.setScale(STORED_SCALE));
  }

  /** The most the battery can sell (deliver to the grid) in one hour from {@code socKwh}, kWh. */
  public static BigDecimal maxSellKwh(BacktestBattery battery, BigDecimal socKwh) {
    BigDecimal bySoc = socKwh.subtract(battery.minSocKwh()).max(BigDecimal.ZERO).multiply(battery.dischargeEfficiency());
    return battery.powerKw().multiply(ONE_HOUR).min(bySoc).setScale(ENERGY_SCALE, RoundingMode.FLOOR);
  }

  /** The most the battery can buy (draw from the grid) in one hour from {@code socKwh}, kWh. */
  public static BigDecimal maxBuyKwh(BacktestBattery battery, BigDecimal socKwh) {
    BigDecimal room = battery.capacityKwh().subtract(socKwh).max(BigDecimal.ZERO);
    BigDecimal bySoc = room.divide(battery.chargeEfficiency(), ENERGY_SCALE, RoundingMode.FLOOR);
    return battery.powerKw().multiply(ONE_HOUR).min(bySoc).setScale(ENERGY_SCALE, RoundingMode.FLOOR);
  }
}
