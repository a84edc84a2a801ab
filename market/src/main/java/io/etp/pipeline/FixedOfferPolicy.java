package io.etp.pipeline;

import io.etp.forecast.MarketHistory;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Today's fixed offers of a simulated fleet battery ({@code io.etp.fleet.Fleet}), hour by hour. The fleet
 * re-registers each battery fully charged and offers again every {@code etp.fleet.reoffer-interval}: the battery
 * offers {@code percentage-for-sale} of its stored energy minus the acceptance {@code safety-margin-kwh}, at most
 * {@code max-energy-per-trade-kwh} ({@code BidEvaluation.lotKwh}), at its reserve price, whatever the market does.
 * The fleet's recharge is free and instant; here it is physical and paid, the same for both policies:
 * <ul>
 *   <li>an hour that starts below full recharges toward full (a buy at any price, as much as power and room allow)
 *       and offers nothing: the fleet recharges before it offers;</li>
 *   <li>an hour that starts full offers the lot at the fixed reserve.</li>
 * </ul>
 * No forecast is used.
 */
public final class FixedOfferPolicy implements OfferPolicy {

  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  private final BacktestBattery battery;
  private final BigDecimal reserveEurPerMwh;
  private final BigDecimal percentageForSale;
  private final BigDecimal safetyMarginKwh;
  private final BigDecimal maxEnergyPerTradeKwh;
  private final String label;

  /**
   * @param battery              the battery's limits
   * @param reserveEurPerMwh     the fixed reserve price, EUR/MWh
   * @param percentageForSale    share of the stored energy offered, 0..100
   * @param safetyMarginKwh      energy kept back from the offer, kWh
   * @param maxEnergyPerTradeKwh largest single trade, kWh
   * @param label                how reports name this policy
   */
  public FixedOfferPolicy(BacktestBattery battery, BigDecimal reserveEurPerMwh, BigDecimal percentageForSale,
      BigDecimal safetyMarginKwh, BigDecimal maxEnergyPerTradeKwh, String label) {
    this.battery = Objects.requireNonNull(battery, "battery");
    this.reserveEurPerMwh = Objects.requireNonNull(reserveEurPerMwh, "reserveEurPerMwh");
    this.percentageForSale = Objects.requireNonNull(percentageForSale, "percentageForSale");
    this.safetyMarginKwh = Objects.requireNonNull(safetyMarginKwh, "safetyMarginKwh");
    this.maxEnergyPerTradeKwh = Objects.requireNonNull(maxEnergyPerTradeKwh, "maxEnergyPerTradeKwh");
    this.label = Objects.requireNonNull(label, "label");
    if (percentageForSale.signum() < 0 || percentageForSale.compareTo(HUNDRED) > 0) {
      throw new IllegalArgumentException("percentage for sale must be in [0, 100], got " + percentageForSale);
    }
    if (safetyMarginKwh.signum() < 0) throw new IllegalArgumentException("safety margin must be >= 0: " + safetyMarginKwh);
    if (maxEnergyPerTradeKwh.signum() <= 0) {
      throw new IllegalArgumentException("max energy per trade must be > 0: " + maxEnergyPerTradeKwh);
    }
  }

  /** The fixed reserve, EUR/MWh. */
  public BigDecimal reserveEurPerMwh() {
    return reserveEurPerMwh;
  }

  @Override
  public String name() {
    return label;
  }

  @Override
  public DayPlan plan(MarketHistory known, LocalDate day, BigDecimal socKwh) {
    return new DayPlan() {
      @Override
      public Optional<HourOrder> order(int hour, BigDecimal soc) {
        BigDecimal recharge = PriceTakerMarket.maxBuyKwh(battery, soc);
        if (recharge.signum() > 0) return Optional.of(new HourOrder.Buy(recharge, Optional.empty()));
        return lotKwh(soc).map(lot -> new HourOrder.Sell(lot, reserveEurPerMwh));
      }

      @Override
      public Optional<List<Double>> forecastEurPerMwh() {
        return Optional.empty();
      }
    };
  }

  /** The fleet's lot: {@code min(stored, capacity) x percentage / 100 - margin}, at most one trade's maximum. */
  Optional<BigDecimal> lotKwh(BigDecimal socKwh) {
    BigDecimal forSale = socKwh.min(battery.capacityKwh()).multiply(percentageForSale).divide(HUNDRED);
    BigDecimal lot = forSale.subtract(safetyMarginKwh).min(maxEnergyPerTradeKwh)
        .setScale(PriceTakerMarket.ENERGY_SCALE, RoundingMode.FLOOR);
    return lot.signum() > 0 ? Optional.of(lot) : Optional.empty();
  }
}
