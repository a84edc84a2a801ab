package io.etp.protocol.validation;

import io.etp.protocol.delivery.DeliveryProducts;
import java.time.Duration;
import java.util.Objects;

/**
 * Physical and envelope limits a {@link MessageValidator} enforces. Ranges are inclusive.
 *
 * @param minVoltageV lowest plausible {@code battery_voltage_v}; 0 so that legacy messages, which send 0.00 for
 *     unknown telemetry, pass
 * @param maxVoltageV highest plausible {@code battery_voltage_v}; default 1500 V, the top of the low-voltage DC range
 *     that battery systems (up to utility-scale DC buses) stay within
 * @param minDischargeRateKw lowest {@code discharge_rate_kw}; negative means charging; default -10,000 kW
 * @param maxDischargeRateKw highest {@code discharge_rate_kw}; default 10,000 kW (a 10 MW storage site)
 * @param maxPriceCPerKwh highest {@code bid_price_c_per_kwh}, {@code sale_price_c_per_kwh} and
 *     {@code reserve_price_c_per_kwh}; default 100,000 c/kWh (1,000 per kWh), a hundred times the highest price cap of
 *     the European power markets (intraday, 9,999 per MWh, about 1,000 c/kWh): no genuine bid comes near it, while a
 *     price of 1e300 would overflow every total computed from it
 * @param maxEnergyKwh highest {@code energy_total_kwh}, {@code required_energy_kwh} and {@code remaining_energy_kwh};
 *     default 100,000 kWh (100 MWh): ten hours of the largest storage site these limits describe (10 MW)
 * @param maxClockSkew how far in the future {@code sent_at_ms} may lie (sender clock ahead); default 2 s
 * @param maxIdChars longest {@code sender_id}, {@code recipient_id}, {@code negotiation_id}, {@code key_id}; default
 *     128
 * @param maxDetailChars longest {@code detail}; default 256, as the schema says
 * @param deliveryProducts the market's product list: which delivery periods (fields 35, 36) are traded and how far
 *     ahead; default {@link DeliveryProducts#DEFAULTS} (15 min and 1 h, 48 h ahead)
 */
public record ValidationLimits(
    double minVoltageV,
    double maxVoltageV,
    double minDischargeRateKw,
    double maxDischargeRateKw,
    double maxPriceCPerKwh,
    double maxEnergyKwh,
    Duration maxClockSkew,
    int maxIdChars,
    int maxDetailChars,
    DeliveryProducts deliveryProducts) {

  /** The documented defaults. */
  public static final ValidationLimits DEFAULTS =
      new ValidationLimits(0.0, 1500.0, -10_000.0, 10_000.0, 100_000.0, 100_000.0, Duration.ofSeconds(2), 128, 256);

  /**
   * The limits as before delivery periods existed, with the default product list.
   *
   * @param minVoltageV see the record
   * @param maxVoltageV see the record
   * @param minDischargeRateKw see the record
   * @param maxDischargeRateKw see the record
   * @param maxPriceCPerKwh see the record
   * @param maxEnergyKwh see the record
   * @param maxClockSkew see the record
   * @param maxIdChars see the record
   * @param maxDetailChars see the record
   */
  public ValidationLimits(double minVoltageV, double maxVoltageV, double minDischargeRateKw,
      double maxDischargeRateKw, double maxPriceCPerKwh, double maxEnergyKwh, Duration maxClockSkew, int maxIdChars,
      int maxDetailChars) {
    this(minVoltageV, maxVoltageV, minDischargeRateKw, maxDischargeRateKw, maxPriceCPerKwh, maxEnergyKwh,
        maxClockSkew, maxIdChars, maxDetailChars, DeliveryProducts.DEFAULTS);
  }

  /** Checks the components. */
  public ValidationLimits {
    Objects.requireNonNull(maxClockSkew, "maxClockSkew");
    Objects.requireNonNull(deliveryProducts, "deliveryProducts");
    if (!(minVoltageV <= maxVoltageV) || !(minDischargeRateKw <= maxDischargeRateKw)) {
      throw new IllegalArgumentException("each range needs min <= max");
    }
    if (!(maxPriceCPerKwh >= 0) || !(maxEnergyKwh >= 0) || Double.isInfinite(maxPriceCPerKwh)
        || Double.isInfinite(maxEnergyKwh)) {
      throw new IllegalArgumentException("the price and energy maxima must be finite and >= 0");
    }
    if (maxClockSkew.isNegative() || maxIdChars < 1 || maxDetailChars < 0) {
      throw new IllegalArgumentException("skew must be >= 0, maxIdChars >= 1, maxDetailChars >= 0");
    }
  }

  /**
   * @param skew the new clock skew allowance
   * @return a copy with that skew
   */
  public ValidationLimits withMaxClockSkew(Duration skew) {
    return new ValidationLimits(minVoltageV, maxVoltageV, minDischargeRateKw, maxDischargeRateKw, maxPriceCPerKwh,
        maxEnergyKwh, skew, maxIdChars, maxDetailChars, deliveryProducts);
  }

  /**
   * @param maxPrice the new price maximum, c/kWh
   * @param maxEnergy the new energy maximum per message, kWh
   * @return a copy with those maxima
   */
  public ValidationLimits withMaxPriceAndEnergy(double maxPrice, double maxEnergy) {
    return new ValidationLimits(minVoltageV, maxVoltageV, minDischargeRateKw, maxDischargeRateKw, maxPrice, maxEnergy,
        maxClockSkew, maxIdChars, maxDetailChars, deliveryProducts);
  }

  /**
   * @param products the market's product list
   * @return a copy that checks delivery periods against it
   */
  public ValidationLimits withDeliveryProducts(DeliveryProducts products) {
    return new ValidationLimits(minVoltageV, maxVoltageV, minDischargeRateKw, maxDischargeRateKw, maxPriceCPerKwh,
        maxEnergyKwh, maxClockSkew, maxIdChars, maxDetailChars, products);
  }
}
