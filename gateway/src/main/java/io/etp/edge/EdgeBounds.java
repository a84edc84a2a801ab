package io.etp.edge;

import io.etp.protocol.ValidationResult;
import io.etp.protocol.v1.EtpMessage;
import io.etp.protocol.v1.ReasonCode;

/**
 * Upper bounds the gateway puts on a device's prices and energies, after the protocol's validation (which refuses
 * negative and non-finite values but no size): a bid of 1e300 c/kWh is not a price. The bounds sit far above any
 * real market, so they only catch garbage and attacks: prices up to 100,000 c/kWh (1,000 EUR/kWh, a hundred times
 * the EU intraday cap of 9,999 EUR/MWh) and energies up to 10,000,000 kWh (10 GWh, above the largest storage sites).
 * A value above its bound is {@code MALFORMED}, like an over-long id in the protocol's validator.
 *
 * @param maxPriceCPerKwh highest bid, sale or reserve price
 * @param maxEnergyKwh highest energy total, required or remaining energy
 */
public record EdgeBounds(double maxPriceCPerKwh, double maxEnergyKwh) {

  /** The documented bounds. */
  public static final EdgeBounds DEFAULTS = new EdgeBounds(100_000.0, 10_000_000.0);

  /** Checks the components. */
  public EdgeBounds {
    if (!(maxPriceCPerKwh > 0) || !(maxEnergyKwh > 0)) {
      throw new IllegalArgumentException("bounds must be positive");
    }
  }

  /**
   * @param m a message that passed the protocol's validation
   * @return valid, or {@code MALFORMED} naming the first field above its bound
   */
  public ValidationResult check(EtpMessage m) {
    if (m.hasBidPriceCPerKwh() && m.getBidPriceCPerKwh() > maxPriceCPerKwh) {
      return above("bid_price_c_per_kwh", m.getBidPriceCPerKwh(), maxPriceCPerKwh, "c/kWh");
    }
    if (m.hasSalePriceCPerKwh() && m.getSalePriceCPerKwh() > maxPriceCPerKwh) {
      return above("sale_price_c_per_kwh", m.getSalePriceCPerKwh(), maxPriceCPerKwh, "c/kWh");
    }
    if (m.hasReservePriceCPerKwh() && m.getReservePriceCPerKwh() > maxPriceCPerKwh) {
      return above("reserve_price_c_per_kwh", m.getReservePriceCPerKwh(), maxPriceCPerKwh, "c/kWh");
    }
    if (m.hasEnergyTotalKwh() && m.getEnergyTotalKwh() > maxEnergyKwh) {
      return above("energy_total_kwh", m.getEnergyTotalKwh(), maxEnergyKwh, "kWh");
    }
    if (m.hasRequiredEnergyKwh() && m.getRequiredEnergyKwh() > maxEnergyKwh) {
      return above("required_energy_kwh", m.getRequiredEnergyKwh(), maxEnergyKwh, "kWh");
    }
    if (m.hasRemainingEnergyKwh() && m.getRemainingEnergyKwh() > maxEnergyKwh) {
      return above("remaining_energy_kwh", m.getRemainingEnergyKwh(), maxEnergyKwh, "kWh");
    }
    return ValidationResult.valid();
  }

  private static ValidationResult above(String field, double value, double bound, String unit) {
    return ValidationResult.invalid(ReasonCode.REASON_CODE_MALFORMED, field + " " + value + " is above the gateway's"
        + " bound of " + java.math.BigDecimal.valueOf(bound).toPlainString() + " " + unit);
  }
}
