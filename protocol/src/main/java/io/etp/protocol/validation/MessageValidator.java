package io.etp.protocol.validation;

import io.etp.protocol.ProtocolVersion;
import io.etp.protocol.TimingClass;
import io.etp.protocol.ValidationResult;
import io.etp.protocol.delivery.DeliveryPeriod;
import io.etp.protocol.delivery.DeliveryProducts;
import io.etp.protocol.v1.EtpMessage;
import io.etp.protocol.v1.MessageType;
import io.etp.protocol.v1.ReasonCode;
import java.time.Clock;
import java.util.Objects;

/**
 * The stateless checks on a decoded message, run before anything acts on it, in this order (the first failure wins):
 *
 * <ol>
 *   <li>{@code UNSUPPORTED_VERSION}: {@code protocol_version} is not {@link ProtocolVersion#CURRENT}</li>
 *   <li>{@code UNKNOWN_TYPE}: {@code message_type} absent or not one of the 10</li>
 *   <li>{@code MALFORMED}: an id longer than {@link ValidationLimits#maxIdChars()}, or {@code detail} longer than
 *       {@link ValidationLimits#maxDetailChars()}</li>
 *   <li>{@code MISSING_FIELD}: see {@link RequiredFields}</li>
 *   <li>{@code NON_FINITE_NUMBER}: any present double is NaN or infinite</li>
 *   <li>{@code NEGATIVE_PRICE}: bid, sale or reserve price below 0</li>
 *   <li>{@code NEGATIVE_ENERGY}: energy total, required, remaining or metered delivered energy below 0</li>
 *   <li>{@code PRICE_OUT_OF_RANGE}: a price above {@link ValidationLimits#maxPriceCPerKwh()}</li>
 *   <li>{@code ENERGY_OUT_OF_RANGE}: an energy above {@link ValidationLimits#maxEnergyKwh()}</li>
 *   <li>{@code PERCENTAGE_OUT_OF_RANGE}: {@code percentage_for_sale} outside 0..100</li>
 *   <li>{@code VOLTAGE_OUT_OF_RANGE}, {@code DISCHARGE_RATE_OUT_OF_RANGE}: outside {@link ValidationLimits}</li>
 *   <li>{@code DELIVERY_PERIOD_UNKNOWN_LENGTH}, {@code DELIVERY_PERIOD_MISALIGNED}, {@code DELIVERY_PERIOD_STARTED}
 *       (offers, i.e. QueryResponse, and Bids only), {@code DELIVERY_PERIOD_TOO_FAR}: a message carrying a delivery
 *       period, checked by {@link DeliveryProducts#check} against {@link ValidationLimits#deliveryProducts()}</li>
 *   <li>{@code METERED_NOT_ALLOWED}: {@code metered_delivered_kwh} on a type other than BESSStatus, or without the
 *       delivery period (35, 36) it was metered for</li>
 *   <li>{@code TTL_EXPIRED}: {@code ttl <= 0}</li>
 *   <li>{@code DEADLINE_EXPIRED}: {@code now - sent_at_ms} above the type's {@link TimingClass#deadline()}, or
 *       {@code sent_at_ms - now} above {@link ValidationLimits#maxClockSkew()}</li>
 * </ol>
 *
 * Signature and replay are checked afterwards by {@link MessageGate}. Thread-safe; returns results, never throws.
 */
public final class MessageValidator {

  private final ValidationLimits limits;
  private final Clock clock;

  /**
   * @param limits the limits to enforce
   * @param clock the receiver's clock, for deadlines
   */
  public MessageValidator(ValidationLimits limits, Clock clock) {
    this.limits = Objects.requireNonNull(limits, "limits");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** @return the limits this validator enforces */
  public ValidationLimits limits() {
    return limits;
  }

  /**
   * @param m a decoded message
   * @return valid, or the first failure
   */
  public ValidationResult validate(EtpMessage m) {
    if (!ProtocolVersion.isSupported(m.getProtocolVersion())) {
      return invalid(ReasonCode.REASON_CODE_UNSUPPORTED_VERSION, "protocol_version "
          + Integer.toUnsignedString(m.getProtocolVersion()) + " is not supported (expected "
          + ProtocolVersion.CURRENT + ")");
    }
    if (!m.hasMessageType()) {
      return invalid(ReasonCode.REASON_CODE_UNKNOWN_TYPE, "message_type is absent");
    }
    if (m.getMessageType() == MessageType.UNRECOGNIZED) {
      return invalid(ReasonCode.REASON_CODE_UNKNOWN_TYPE,
          "message_type " + m.getMessageTypeValue() + " is not one of the 10 types");
    }
    ValidationResult lengths = checkLengths(m);
    if (!lengths.isValid()) {
      return lengths;
    }
    String missing = RequiredFields.firstMissing(m);
    if (missing != null) {
      return invalid(ReasonCode.REASON_CODE_MISSING_FIELD, m.getMessageType() + " requires " + missing);
    }
    ValidationResult numbers = checkNumbers(m);
    if (!numbers.isValid()) {
      return numbers;
    }
    ValidationResult period = checkDeliveryPeriod(m);
    if (!period.isValid()) {
      return period;
    }
    if (m.hasMeteredDeliveredKwh() && m.getMessageType() != MessageType.BESS_STATUS) {
      return invalid(ReasonCode.REASON_CODE_METERED_NOT_ALLOWED,
          "metered_delivered_kwh is valid on BESS_STATUS only, not on " + m.getMessageType());
    }
    if (m.hasMeteredDeliveredKwh() && !(m.hasDeliveryStartMs() && m.hasDeliveryPeriodMinutes())) {
      return invalid(ReasonCode.REASON_CODE_METERED_NOT_ALLOWED,
          "metered_delivered_kwh requires the delivery period it was metered for (delivery_start_ms, "
              + "delivery_period_minutes)");
    }
    if (m.getTtl() <= 0) {
      return invalid(ReasonCode.REASON_CODE_TTL_EXPIRED, "ttl " + m.getTtl() + " is not positive");
    }
    return checkDeadline(m);
  }

  private ValidationResult checkLengths(EtpMessage m) {
    int max = limits.maxIdChars();
    if (m.getSenderId().length() > max) {
      return invalid(ReasonCode.REASON_CODE_MALFORMED, "sender_id longer than " + max + " characters");
    }
    if (m.getRecipientId().length() > max) {
      return invalid(ReasonCode.REASON_CODE_MALFORMED, "recipient_id longer than " + max + " characters");
    }
    if (m.getNegotiationId().length() > max) {
      return invalid(ReasonCode.REASON_CODE_MALFORMED, "negotiation_id longer than " + max + " characters");
    }
    if (m.getKeyId().length() > max) {
      return invalid(ReasonCode.REASON_CODE_MALFORMED, "key_id longer than " + max + " characters");
    }
    if (m.getDetail().length() > limits.maxDetailChars()) {
      return invalid(ReasonCode.REASON_CODE_MALFORMED,
          "detail longer than " + limits.maxDetailChars() + " characters");
    }
    return ValidationResult.valid();
  }

  private ValidationResult checkNumbers(EtpMessage m) {
    String nonFinite = firstNonFinite(m);
    if (nonFinite != null) {
      return invalid(ReasonCode.REASON_CODE_NON_FINITE_NUMBER, nonFinite + " is NaN or infinite");
    }
    if (m.hasBidPriceCPerKwh() && m.getBidPriceCPerKwh() < 0) {
      return negative(ReasonCode.REASON_CODE_NEGATIVE_PRICE, "bid_price_c_per_kwh", m.getBidPriceCPerKwh());
    }
    if (m.hasSalePriceCPerKwh() && m.getSalePriceCPerKwh() < 0) {
      return negative(ReasonCode.REASON_CODE_NEGATIVE_PRICE, "sale_price_c_per_kwh", m.getSalePriceCPerKwh());
    }
    if (m.hasReservePriceCPerKwh() && m.getReservePriceCPerKwh() < 0) {
      return negative(ReasonCode.REASON_CODE_NEGATIVE_PRICE, "reserve_price_c_per_kwh", m.getReservePriceCPerKwh());
    }
    if (m.hasEnergyTotalKwh() && m.getEnergyTotalKwh() < 0) {
      return negative(ReasonCode.REASON_CODE_NEGATIVE_ENERGY, "energy_total_kwh", m.getEnergyTotalKwh());
    }
    if (m.hasRequiredEnergyKwh() && m.getRequiredEnergyKwh() < 0) {
      return negative(ReasonCode.REASON_CODE_NEGATIVE_ENERGY, "required_energy_kwh", m.getRequiredEnergyKwh());
    }
    if (m.hasRemainingEnergyKwh() && m.getRemainingEnergyKwh() < 0) {
      return negative(ReasonCode.REASON_CODE_NEGATIVE_ENERGY, "remaining_energy_kwh", m.getRemainingEnergyKwh());
    }
    if (m.hasMeteredDeliveredKwh() && m.getMeteredDeliveredKwh() < 0) {
      return negative(ReasonCode.REASON_CODE_NEGATIVE_ENERGY, "metered_delivered_kwh", m.getMeteredDeliveredKwh());
    }
    ValidationResult bounds = checkUpperBounds(m);
    if (!bounds.isValid()) {
      return bounds;
    }
    if (m.hasPercentageForSale() && (m.getPercentageForSale() < 0 || m.getPercentageForSale() > 100)) {
      return invalid(ReasonCode.REASON_CODE_PERCENTAGE_OUT_OF_RANGE,
          "percentage_for_sale " + m.getPercentageForSale() + " is outside 0..100");
    }
    if (m.hasBatteryVoltageV()
        && (m.getBatteryVoltageV() < limits.minVoltageV() || m.getBatteryVoltageV() > limits.maxVoltageV())) {
      return invalid(ReasonCode.REASON_CODE_VOLTAGE_OUT_OF_RANGE, "battery_voltage_v " + m.getBatteryVoltageV()
          + " is outside " + limits.minVoltageV() + ".." + limits.maxVoltageV() + " V");
    }
    if (m.hasDischargeRateKw() && (m.getDischargeRateKw() < limits.minDischargeRateKw()
        || m.getDischargeRateKw() > limits.maxDischargeRateKw())) {
      return invalid(ReasonCode.REASON_CODE_DISCHARGE_RATE_OUT_OF_RANGE, "discharge_rate_kw "
          + m.getDischargeRateKw() + " is outside " + limits.minDischargeRateKw() + ".."
          + limits.maxDischargeRateKw() + " kW");
    }
    return ValidationResult.valid();
  }

  private ValidationResult checkUpperBounds(EtpMessage m) {
    double maxPrice = limits.maxPriceCPerKwh();
    if (m.hasBidPriceCPerKwh() && m.getBidPriceCPerKwh() > maxPrice) {
      return tooHigh(ReasonCode.REASON_CODE_PRICE_OUT_OF_RANGE, "bid_price_c_per_kwh", m.getBidPriceCPerKwh(),
          maxPrice, "c/kWh");
    }
    if (m.hasSalePriceCPerKwh() && m.getSalePriceCPerKwh() > maxPrice) {
      return tooHigh(ReasonCode.REASON_CODE_PRICE_OUT_OF_RANGE, "sale_price_c_per_kwh", m.getSalePriceCPerKwh(),
          maxPrice, "c/kWh");
    }
    if (m.hasReservePriceCPerKwh() && m.getReservePriceCPerKwh() > maxPrice) {
      return tooHigh(ReasonCode.REASON_CODE_PRICE_OUT_OF_RANGE, "reserve_price_c_per_kwh",
          m.getReservePriceCPerKwh(), maxPrice, "c/kWh");
    }
    double maxEnergy = limits.maxEnergyKwh();
    if (m.hasEnergyTotalKwh() && m.getEnergyTotalKwh() > maxEnergy) {
      return tooHigh(ReasonCode.REASON_CODE_ENERGY_OUT_OF_RANGE, "energy_total_kwh", m.getEnergyTotalKwh(),
          maxEnergy, "kWh");
    }
    if (m.hasRequiredEnergyKwh() && m.getRequiredEnergyKwh() > maxEnergy) {
      return tooHigh(ReasonCode.REASON_CODE_ENERGY_OUT_OF_RANGE, "required_energy_kwh", m.getRequiredEnergyKwh(),
          maxEnergy, "kWh");
    }
    if (m.hasRemainingEnergyKwh() && m.getRemainingEnergyKwh() > maxEnergy) {
      return tooHigh(ReasonCode.REASON_CODE_ENERGY_OUT_OF_RANGE, "remaining_energy_kwh", m.getRemainingEnergyKwh(),
          maxEnergy, "kWh");
    }
    if (m.hasMeteredDeliveredKwh() && m.getMeteredDeliveredKwh() > maxEnergy) {
      return tooHigh(ReasonCode.REASON_CODE_ENERGY_OUT_OF_RANGE, "metered_delivered_kwh",
          m.getMeteredDeliveredKwh(), maxEnergy, "kWh");
    }
    return ValidationResult.valid();
  }

  private static ValidationResult tooHigh(ReasonCode reason, String field, double value, double max, String unit) {
    return invalid(reason, field + " " + value + " is above the maximum of " + max + " " + unit);
  }

  private static String firstNonFinite(EtpMessage m) {
    if (m.hasBidPriceCPerKwh() && !Double.isFinite(m.getBidPriceCPerKwh())) {
      return "bid_price_c_per_kwh";
    }
    if (m.hasSalePriceCPerKwh() && !Double.isFinite(m.getSalePriceCPerKwh())) {
      return "sale_price_c_per_kwh";
    }
    if (m.hasEnergyTotalKwh() && !Double.isFinite(m.getEnergyTotalKwh())) {
      return "energy_total_kwh";
    }
    if (m.hasPercentageForSale() && !Double.isFinite(m.getPercentageForSale())) {
      return "percentage_for_sale";
    }
    if (m.hasRequiredEnergyKwh() && !Double.isFinite(m.getRequiredEnergyKwh())) {
      return "required_energy_kwh";
    }
    if (m.hasRemainingEnergyKwh() && !Double.isFinite(m.getRemainingEnergyKwh())) {
      return "remaining_energy_kwh";
    }
    if (m.hasBatteryVoltageV() && !Double.isFinite(m.getBatteryVoltageV())) {
      return "battery_voltage_v";
    }
    if (m.hasDischargeRateKw() && !Double.isFinite(m.getDischargeRateKw())) {
      return "discharge_rate_kw";
    }
    if (m.hasReservePriceCPerKwh() && !Double.isFinite(m.getReservePriceCPerKwh())) {
      return "reserve_price_c_per_kwh";
    }
    if (m.hasMeteredDeliveredKwh() && !Double.isFinite(m.getMeteredDeliveredKwh())) {
      return "metered_delivered_kwh";
    }
    return null;
  }

  private ValidationResult checkDeliveryPeriod(EtpMessage m) {
    DeliveryPeriod period = DeliveryPeriod.of(m).orElse(null);
    if (period == null) {
      return ValidationResult.valid();
    }
    MessageType type = m.getMessageType();
    boolean offerOrBid = type == MessageType.QUERY_RESPONSE || type == MessageType.BID;
    return limits.deliveryProducts().check(period, clock.instant(), offerOrBid);
  }

  private ValidationResult checkDeadline(EtpMessage m) {
    long now = clock.millis();
    long sentAt = m.getSentAtMs();
    TimingClass timing = TimingClass.of(m.getMessageType());
    if (timing.isExpired(sentAt, now)) {
      return invalid(ReasonCode.REASON_CODE_DEADLINE_EXPIRED, m.getMessageType() + " sent at " + sentAt
          + " is past its " + timing.deadline().toMillis() + " ms deadline (now " + now + ")");
    }
    if (sentAt > now + limits.maxClockSkew().toMillis()) {
      return invalid(ReasonCode.REASON_CODE_DEADLINE_EXPIRED, "sent_at_ms " + sentAt + " lies more than "
          + limits.maxClockSkew().toMillis() + " ms in the future (now " + now + ")");
    }
    return ValidationResult.valid();
  }

  private static ValidationResult negative(ReasonCode reason, String field, double value) {
    return invalid(reason, field + " " + value + " is negative");
  }

  private static ValidationResult invalid(ReasonCode reason, String detail) {
    return ValidationResult.invalid(reason, detail);
  }
}
