package io.etp.protocol.signing;

import com.google.protobuf.ByteString;
import io.etp.protocol.v1.EtpMessage;
import io.etp.protocol.v1.EtpMessageOrBuilder;

/**
 * The canonical byte form of an {@link EtpMessage}, the input of its HMAC-SHA256. It covers every field of
 * {@code etp.v1.EtpMessage} except {@code hmac_sha256} (12) and is defined without reference to protobuf, so that any
 * language can rebuild it from the field values:
 *
 * <pre>
 * magic    4 bytes  0x45 0x54 0x50 0x43 ("ETPC")
 * version  1 byte   0x01 (this layout)
 * then, for each field number in ascending order 1..11, 13, 20..33:
 *   number   1 byte   the protobuf field number
 *   present  1 byte   0x01 if present, 0x00 if absent; fields without presence (no `optional` in the schema)
 *                     are always present, with their default (0, "") when unset
 *   value    only when present:
 *            uint32, int32, enum  4 bytes big-endian (enums: the enum's number; uint32 as unsigned)
 *            int64                8 bytes big-endian two's complement
 *            double               8 bytes big-endian IEEE-754 bits, exactly as sent (no NaN normalisation)
 *            string               4-byte big-endian length n, then the n bytes of its UTF-8 encoding
 * then, for each field added after layout 01 (34, 35, 36, 37), in ascending order, only when present: number, 0x01, value
 * </pre>
 *
 * A field added later is written only when present, so a message without it has the same bytes as before it
 * existed and every earlier signature still verifies. Unknown fields (from a newer schema) are not covered; a v1 receiver ignores them.
 */
public final class CanonicalForm {

  /** The 4 magic bytes, "ETPC". */
  public static final byte[] MAGIC = {0x45, 0x54, 0x50, 0x43};
  /** The layout version byte. */
  public static final byte LAYOUT_VERSION = 0x01;

  private static final int FIELD_COUNT = 26;
  private static final int FIXED_BYTES = MAGIC.length + 1 + 2 * FIELD_COUNT
      // protocol_version, message_id, device_id, sent_at_ms, ttl, priority, sender_role
      + 4 + 8 + 8 + 8 + 4 + 4 + 4
      // length prefixes of sender_id, recipient_id, negotiation_id, key_id, detail
      + 5 * 4;

  private CanonicalForm() {
  }

  /**
   * @param message a message or a builder, signed or not (its {@code hmac_sha256} is ignored)
   * @return its canonical bytes
   */
  public static byte[] of(EtpMessageOrBuilder message) {
    ByteString sender = message.getSenderIdBytes();
    ByteString recipient = message.getRecipientIdBytes();
    ByteString negotiation = message.getNegotiationIdBytes();
    ByteString keyId = message.getKeyIdBytes();
    ByteString detail = message.getDetailBytes();
    int size = FIXED_BYTES + sender.size() + recipient.size() + negotiation.size() + keyId.size() + detail.size()
        + (message.hasMessageType() ? 4 : 0)
        + (message.hasBidPriceCPerKwh() ? 8 : 0)
        + (message.hasSalePriceCPerKwh() ? 8 : 0)
        + (message.hasEnergyTotalKwh() ? 8 : 0)
        + (message.hasPercentageForSale() ? 8 : 0)
        + (message.hasRequiredEnergyKwh() ? 8 : 0)
        + (message.hasTerminationCode() ? 4 : 0)
        + (message.hasRemainingEnergyKwh() ? 8 : 0)
        + (message.hasBatteryHealth() ? 4 : 0)
        + (message.hasBatteryVoltageV() ? 8 : 0)
        + (message.hasDischargeRateKw() ? 8 : 0)
        + (message.hasReservePriceCPerKwh() ? 8 : 0)
        + (message.hasRejectReason() ? 4 : 0)
        + (message.hasReasonCode() ? 4 : 0)
        + (message.hasAuctionMechanism() ? 2 + 4 : 0)
        + (message.hasDeliveryStartMs() ? 2 + 8 : 0)
        + (message.hasDeliveryPeriodMinutes() ? 2 + 4 : 0)
        + (message.hasMeteredDeliveredKwh() ? 2 + 8 : 0);
    Writer w = new Writer(new byte[size]);
    w.bytes(MAGIC);
    w.u8(LAYOUT_VERSION);
    w.field(1).i32(message.getProtocolVersion());
    if (w.presence(2, message.hasMessageType())) {
      w.i32(message.getMessageTypeValue());
    }
    w.field(3).i64(message.getMessageId());
    w.field(4).i64(message.getDeviceId());
    w.field(5).string(sender);
    w.field(6).string(recipient);
    w.field(7).string(negotiation);
    w.field(8).i64(message.getSentAtMs());
    w.field(9).i32(message.getTtl());
    w.field(10).i32(message.getPriority());
    w.field(11).string(keyId);
    w.field(13).i32(message.getSenderRoleValue());
    if (w.presence(20, message.hasBidPriceCPerKwh())) {
      w.f64(message.getBidPriceCPerKwh());
    }
    if (w.presence(21, message.hasSalePriceCPerKwh())) {
      w.f64(message.getSalePriceCPerKwh());
    }
    if (w.presence(22, message.hasEnergyTotalKwh())) {
      w.f64(message.getEnergyTotalKwh());
    }
    if (w.presence(23, message.hasPercentageForSale())) {
      w.f64(message.getPercentageForSale());
    }
    if (w.presence(24, message.hasRequiredEnergyKwh())) {
      w.f64(message.getRequiredEnergyKwh());
    }
    if (w.presence(25, message.hasTerminationCode())) {
      w.i32(message.getTerminationCodeValue());
    }
    if (w.presence(26, message.hasRemainingEnergyKwh())) {
      w.f64(message.getRemainingEnergyKwh());
    }
    if (w.presence(27, message.hasBatteryHealth())) {
      w.i32(message.getBatteryHealthValue());
    }
    if (w.presence(28, message.hasBatteryVoltageV())) {
      w.f64(message.getBatteryVoltageV());
    }
    if (w.presence(29, message.hasDischargeRateKw())) {
      w.f64(message.getDischargeRateKw());
    }
    if (w.presence(30, message.hasReservePriceCPerKwh())) {
      w.f64(message.getReservePriceCPerKwh());
    }
    if (w.presence(31, message.hasRejectReason())) {
      w.i32(message.getRejectReasonValue());
    }
    if (w.presence(32, message.hasReasonCode())) {
      w.i32(message.getReasonCodeValue());
    }
    w.field(33).string(detail);
    if (message.hasAuctionMechanism()) {
      w.field(34).i32(message.getAuctionMechanismValue());
    }
    if (message.hasDeliveryStartMs()) {
      w.field(35).i64(message.getDeliveryStartMs());
    }
    if (message.hasDeliveryPeriodMinutes()) {
      w.field(36).i32(message.getDeliveryPeriodMinutes());
    }
    if (message.hasMeteredDeliveredKwh()) {
      w.field(37).f64(message.getMeteredDeliveredKwh());
    }
    return w.finish();
  }

  /** Big-endian writer over an exactly sized array. */
  private static final class Writer {
    private final byte[] out;
    private int pos;

    Writer(byte[] out) {
      this.out = out;
    }

    Writer field(int number) {
      out[pos++] = (byte) number;
      out[pos++] = 1;
      return this;
    }

    boolean presence(int number, boolean present) {
      out[pos++] = (byte) number;
      out[pos++] = (byte) (present ? 1 : 0);
      return present;
    }

    void u8(byte b) {
      out[pos++] = b;
    }

    void bytes(byte[] b) {
      System.arraycopy(b, 0, out, pos, b.length);
      pos += b.length;
    }

    void i32(int v) {
      out[pos++] = (byte) (v >>> 24);
      out[pos++] = (byte) (v >>> 16);
      out[pos++] = (byte) (v >>> 8);
      out[pos++] = (byte) v;
    }

    void i64(long v) {
      i32((int) (v >>> 32));
      i32((int) v);
    }

    void f64(double v) {
      i64(Double.doubleToRawLongBits(v));
    }

    void string(ByteString utf8) {
      i32(utf8.size());
      utf8.copyTo(out, pos);
      pos += utf8.size();
    }

    byte[] finish() {
      if (pos != out.length) {
        throw new IllegalStateException("canonical size miscounted: wrote " + pos + " of " + out.length);
      }
      return out;
    }
  }
}
