package io.etp.pipeline;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;
import java.util.Optional;

/** What a battery offers or bids in one hour of the backtest; settled by {@link PriceTakerMarket}. */
public sealed interface HourOrder {

  /** Grid-side energy, kWh, {@value PriceTakerMarket#ENERGY_SCALE} decimals, &gt; 0. */
  BigDecimal energyKwh();

  /** An offer to sell {@code energyKwh} at any actual price at or above {@code reserveEurPerMwh}. */
  record Sell(BigDecimal energyKwh, BigDecimal reserveEurPerMwh) implements HourOrder {
    public Sell {
      energyKwh = energy(energyKwh);
      Objects.requireNonNull(reserveEurPerMwh, "reserveEurPerMwh");
    }
  }

  /** A bid to buy {@code energyKwh} at any actual price at or below the limit, or at any price without one. */
  record Buy(BigDecimal energyKwh, Optional<BigDecimal> limitEurPerMwh) implements HourOrder {
    public Buy {
      energyKwh = energy(energyKwh);
      Objects.requireNonNull(limitEurPerMwh, "limitEurPerMwh");
    }
  }

  private static BigDecimal energy(BigDecimal kwh) {
    Objects.requireNonNull(kwh, "energyKwh");
    if (kwh.signum() <= 0) throw new IllegalArgumentException("an order's energy must be > 0 kWh, got " + kwh);
    try {
      return kwh.setScale(PriceTakerMarket.ENERGY_SCALE, RoundingMode.UNNECESSARY);
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("an order's energy has at most " + PriceTakerMarket.ENERGY_SCALE
          + " decimals (kWh), got " + kwh, e);
    }
  }
}
