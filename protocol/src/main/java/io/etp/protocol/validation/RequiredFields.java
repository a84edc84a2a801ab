package io.etp.protocol.validation;

import io.etp.protocol.v1.EtpMessage;
import io.etp.protocol.v1.MessageType;

/**
 * The fields each message type must carry. Every message needs a non-empty {@code sender_id}; in addition:
 *
 * <table>
 *   <caption>Required fields per type</caption>
 *   <tr><th>type</th><th>required</th></tr>
 *   <tr><td>Register (also the aggregator hello)</td><td>energy_total_kwh</td></tr>
 *   <tr><td>Query</td><td>-</td></tr>
 *   <tr><td>QueryResponse</td><td>energy_total_kwh, percentage_for_sale</td></tr>
 *   <tr><td>Bid</td><td>bid_price_c_per_kwh, required_energy_kwh</td></tr>
 *   <tr><td>BidAccept</td><td>bid_price_c_per_kwh (the accepted bid, echoed)</td></tr>
 *   <tr><td>BidConfirm</td><td>bid_price_c_per_kwh</td></tr>
 *   <tr><td>BidReject</td><td>-</td></tr>
 *   <tr><td>Terminate</td><td>termination_code</td></tr>
 *   <tr><td>DeviceFailure</td><td>-</td></tr>
 *   <tr><td>BESSStatus</td><td>remaining_energy_kwh</td></tr>
 * </table>
 *
 * <p>Any type: {@code delivery_start_ms} and {@code delivery_period_minutes} come together; either without the other
 * is missing the other.
 */
public final class RequiredFields {

  private RequiredFields() {
  }

  /**
   * @param message a message whose type is one of the 10
   * @return the name of the first missing required field, or {@code null} when none is missing
   */
  public static String firstMissing(EtpMessage message) {
    if (message.getSenderId().isEmpty()) {
      return "sender_id";
    }
    if (message.hasDeliveryStartMs() != message.hasDeliveryPeriodMinutes()) {
      return message.hasDeliveryStartMs() ? "delivery_period_minutes (with delivery_start_ms)"
          : "delivery_start_ms (with delivery_period_minutes)";
    }
    MessageType type = message.getMessageType();
    switch (type) {
      case REGISTER:
        return message.hasEnergyTotalKwh() ? null : "energy_total_kwh";
      case QUERY_RESPONSE:
        if (!message.hasEnergyTotalKwh()) {
          return "energy_total_kwh";
        }
        return message.hasPercentageForSale() ? null : "percentage_for_sale";
      case BID:
        if (!message.hasBidPriceCPerKwh()) {
          return "bid_price_c_per_kwh";
        }
        return message.hasRequiredEnergyKwh() ? null : "required_energy_kwh";
      case BID_ACCEPT:
      case BID_CONFIRM:
        return message.hasBidPriceCPerKwh() ? null : "bid_price_c_per_kwh";
      case TERMINATE:
        return message.hasTerminationCode() ? null : "termination_code";
      case BESS_STATUS:
        return message.hasRemainingEnergyKwh() ? null : "remaining_energy_kwh";
      case QUERY:
      case BID_REJECT:
      case DEVICE_FAILURE:
      default:
        return null;
    }
  }
}
