package io.etp.protocol.legacy;

import io.etp.protocol.EtpProtocolException;
import io.etp.protocol.ProtocolVersion;
import io.etp.protocol.delivery.DeliveryProducts;
import io.etp.protocol.v1.EtpMessage;
import io.etp.protocol.v1.MessageType;
import io.etp.protocol.v1.ReasonCode;
import java.time.Instant;

/**
 * The Go prototype's message: its 14 fields in the prototype's order, with the prototype's names. Maps to and from
 * {@link EtpMessage}; the mapping is listed in docs/protocol.md ("Legacy text format").
 *
 * @param messageType 1: 0..9, the {@link MessageType} number
 * @param messageId 2: {@code message_id}
 * @param deviceId 3: {@code device_id}; {@code sender_id} is its decimal string
 * @param ttl 4: {@code ttl}
 * @param bidPrice 5: {@code bid_price_c_per_kwh}
 * @param salePrice 6: {@code sale_price_c_per_kwh}
 * @param energyTotal 7: {@code energy_total_kwh}
 * @param percentageForSale 8: {@code percentage_for_sale}
 * @param requiredEnergyAmount 9: {@code required_energy_kwh}
 * @param terminationCode 10: {@code termination_code}, the {@code TerminationCode} number
 * @param remainingBatteryEnergy 11: {@code remaining_energy_kwh}
 * @param batteryHealthStatusCode 12: {@code battery_health}, the {@code BatteryHealth} number
 * @param batteryVoltage 13: {@code battery_voltage_v}
 * @param dischargeRate 14: {@code discharge_rate_kw}
 */
public record LegacyMessage(
    int messageType,
    long messageId,
    long deviceId,
    int ttl,
    double bidPrice,
    double salePrice,
    double energyTotal,
    double percentageForSale,
    double requiredEnergyAmount,
    int terminationCode,
    double remainingBatteryEnergy,
    int batteryHealthStatusCode,
    double batteryVoltage,
    double dischargeRate) {

  /** Number of fields of the legacy message. */
  public static final int FIELD_COUNT = 14;

  /** Checks the type. */
  public LegacyMessage {
    if (messageType < 0 || messageType > 9) {
      throw new EtpProtocolException(ReasonCode.REASON_CODE_UNKNOWN_TYPE,
          "legacy messageType " + messageType + " is outside 0..9");
    }
  }

  /**
   * @return the message as an {@link EtpMessage}: {@code protocol_version} 1, {@code sender_id} the decimal device
   *     id, and all 10 payload fields present; envelope fields the prototype lacked ({@code sent_at_ms}, recipient,
   *     negotiation, key, tag) are left for the gateway to fill in
   */
  public EtpMessage toEtp() {
    return EtpMessage.newBuilder()
        .setProtocolVersion(ProtocolVersion.CURRENT)
        .setMessageTypeValue(messageType)
        .setMessageId(messageId)
        .setDeviceId(deviceId)
        .setSenderId(Long.toString(deviceId))
        .setTtl(ttl)
        .setBidPriceCPerKwh(bidPrice)
        .setSalePriceCPerKwh(salePrice)
        .setEnergyTotalKwh(energyTotal)
        .setPercentageForSale(percentageForSale)
        .setRequiredEnergyKwh(requiredEnergyAmount)
        .setTerminationCodeValue(terminationCode)
        .setRemainingEnergyKwh(remainingBatteryEnergy)
        .setBatteryHealthValue(batteryHealthStatusCode)
        .setBatteryVoltageV(batteryVoltage)
        .setDischargeRateKw(dischargeRate)
        .build();
  }

  /**
   * The legacy text format has no delivery period: an offer (QueryResponse), a Bid, an award (BidAccept) or a trade
   * (BidConfirm) in it means the next period, the first period of the product list's default length that starts after
   * the message is received ({@link DeliveryProducts#nextPeriod}). This is the one place that says so; other types
   * carry no period. {@link #toEtp()} stays lossless and period-free.
   *
   * @param receivedAt when the receiver read the message
   * @param products the market's product list
   * @return {@link #toEtp()}, with {@code delivery_start_ms} and {@code delivery_period_minutes} set to the next
   *     period for the four trading types
   */
  public EtpMessage toEtp(Instant receivedAt, DeliveryProducts products) {
    EtpMessage m = toEtp();
    if (!carriesDeliveryPeriod(messageType)) {
      return m;
    }
    return products.nextPeriod(receivedAt).writeTo(m.toBuilder()).build();
  }

  /**
   * @param messageType a message type number
   * @return whether that type names a delivery period: QueryResponse, Bid, BidAccept, BidConfirm
   */
  public static boolean carriesDeliveryPeriod(int messageType) {
    return messageType == MessageType.QUERY_RESPONSE_VALUE || messageType == MessageType.BID_VALUE
        || messageType == MessageType.BID_ACCEPT_VALUE || messageType == MessageType.BID_CONFIRM_VALUE;
  }

  /**
   * @param m a message; absent payload fields become 0, as the prototype sends them
   * @return its 14 legacy fields
   * @throws EtpProtocolException with {@code UNKNOWN_TYPE} when the type is absent or unknown
   */
  public static LegacyMessage fromEtp(EtpMessage m) {
    if (!m.hasMessageType() || m.getMessageType() == MessageType.UNRECOGNIZED) {
      throw new EtpProtocolException(ReasonCode.REASON_CODE_UNKNOWN_TYPE,
          "message has no legacy type (message_type " + (m.hasMessageType() ? m.getMessageTypeValue() : "absent")
              + ")");
    }
    return new LegacyMessage(m.getMessageTypeValue(), m.getMessageId(), m.getDeviceId(), m.getTtl(),
        m.getBidPriceCPerKwh(), m.getSalePriceCPerKwh(), m.getEnergyTotalKwh(), m.getPercentageForSale(),
        m.getRequiredEnergyKwh(), m.getTerminationCodeValue(), m.getRemainingEnergyKwh(),
        m.getBatteryHealthValue(), m.getBatteryVoltageV(), m.getDischargeRateKw());
  }
}
