package io.etp.protocol.validation;

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
 * @param maxClockSkew how far in the future {@code sent_at_ms} may lie (sender clock ahead); default 2 s
 * @param maxIdChars longest {@code sender_id}, {@code recipient_id}, {@code negotiation_id}, {@code key_id}; default
 *     128
 * @param maxDetailChars longest {@code detail}; default 256, as the schema says
 */
public record ValidationLimits(
    double minVoltageV,
    double maxVoltageV,
    double minDischargeRateKw,
    double maxDischargeRateKw,
    Duration maxClockSkew,
    int maxIdChars,
    int maxDetailChars) {

  /** The documented defaults. */
  public static final ValidationLimits DEFAULTS =
      new ValidationLimits(0.0, 1500.0, -10_000.0, 10_000.0, Duration.ofSeconds(2), 128, 256);

  /** Checks the components. */
  public ValidationLimits {
    Objects.requireNonNull(maxClockSkew, "maxClockSkew");
    if (!(minVoltageV <= maxVoltageV) || !(minDischargeRateKw <= maxDischargeRateKw)) {
      throw new IllegalArgumentException("each range needs min <= max");
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
    return new ValidationLimits(minVoltageV, maxVoltageV, minDischargeRateKw, maxDischargeRateKw, skew, maxIdChars,
        maxDetailChars);
  }
}
