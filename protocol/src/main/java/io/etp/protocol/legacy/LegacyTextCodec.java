package io.etp.protocol.legacy;

import io.etp.protocol.EtpProtocolException;
import io.etp.protocol.v1.EtpMessage;
import io.etp.protocol.v1.ReasonCode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The Go prototype's text encoding, byte for byte: the 14 fields of {@link LegacyMessage} in order, separated by single
 * spaces, integers in decimal, floats as Go's {@code %0.2f}; no terminator; at most {@link #MAX_BYTES} bytes (the
 * prototype reads a message with one read of up to 1024 bytes).
 *
 * <p>Go's {@code %0.2f} rounds the exact binary value of the double half-to-even on its decimal expansion (0.125 is
 * exact and gives "0.12"; 2.675 is really 2.67499999... and gives "2.67") and keeps the sign of negative values that
 * round to zero ("-0.00"). Java's {@code String.format} rounds half-up on the shortest decimal instead ("0.13", "2.68"),
 * so this codec formats through {@link BigDecimal} to match Go.
 *
 * <p>Decoding is strict and never throws anything but {@link EtpProtocolException}: {@code FRAME_TOO_LARGE} above 1024
 * bytes; {@code MALFORMED} for a field count other than 14, a field that is not a plain decimal number (integers
 * {@code -?[0-9]+}, floats {@code -?[0-9]+(.[0-9]+)?}; no exponents, NaN or infinities), or an integer out of range;
 * {@code UNKNOWN_TYPE} for a type outside 0..9.
 */
public final class LegacyTextCodec {

  /** Largest message in bytes. */
  public static final int MAX_BYTES = 1024;

  private LegacyTextCodec() {
  }

  /**
   * @param message an ETP message with a known type
   * @return its legacy text
   * @throws EtpProtocolException {@code UNKNOWN_TYPE} for an unknown type, {@code NON_FINITE_NUMBER} for NaN or
   *     infinite fields (the prototype's peers cannot parse them), {@code FRAME_TOO_LARGE} above 1024 bytes
   */
  public static String encode(EtpMessage message) {
    return format(LegacyMessage.fromEtp(message));
  }

  /**
   * @param text legacy text
   * @return the message as {@link EtpMessage} (see {@link LegacyMessage#toEtp()})
   * @throws EtpProtocolException see the class comment
   */
  public static EtpMessage decode(String text) {
    return parse(text).toEtp();
  }

  /**
   * @param bytes the bytes of one read
   * @param offset start
   * @param length number of bytes
   * @return the message as {@link EtpMessage}
   * @throws EtpProtocolException see the class comment; non-ASCII bytes are {@code MALFORMED}
   */
  public static EtpMessage decode(byte[] bytes, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, bytes.length);
    checkSize(length);
    for (int i = offset; i < offset + length; i++) {
      if (bytes[i] < 0) {
        throw malformed("byte " + (i - offset) + " is not ASCII");
      }
    }
    return decode(new String(bytes, offset, length, StandardCharsets.US_ASCII));
  }

  /**
   * @param m the legacy fields
   * @return their text
   * @throws EtpProtocolException {@code NON_FINITE_NUMBER} or {@code FRAME_TOO_LARGE}
   */
  public static String format(LegacyMessage m) {
    StringBuilder sb = new StringBuilder(64);
    sb.append(m.messageType()).append(' ')
        .append(m.messageId()).append(' ')
        .append(m.deviceId()).append(' ')
        .append(m.ttl()).append(' ')
        .append(formatFloat(m.bidPrice(), "bidPrice")).append(' ')
        .append(formatFloat(m.salePrice(), "salePrice")).append(' ')
        .append(formatFloat(m.energyTotal(), "energyTotal")).append(' ')
        .append(formatFloat(m.percentageForSale(), "percentageForSale")).append(' ')
        .append(formatFloat(m.requiredEnergyAmount(), "requiredEnergyAmount")).append(' ')
        .append(m.terminationCode()).append(' ')
        .append(formatFloat(m.remainingBatteryEnergy(), "remainingBatteryEnergy")).append(' ')
        .append(m.batteryHealthStatusCode()).append(' ')
        .append(formatFloat(m.batteryVoltage(), "batteryVoltage")).append(' ')
        .append(formatFloat(m.dischargeRate(), "dischargeRate"));
    checkSize(sb.length());
    return sb.toString();
  }

  /**
   * Formats like Go's {@code fmt.Sprintf("%0.2f", v)} for finite {@code v}.
   *
   * @param v a finite double
   * @return exactly two decimals, rounded half-to-even on the exact binary value, sign kept for negative zero results
   */
  public static String formatFloat(double v) {
    return formatFloat(v, "value");
  }

  private static String formatFloat(double v, String field) {
    if (!Double.isFinite(v)) {
      throw new EtpProtocolException(ReasonCode.REASON_CODE_NON_FINITE_NUMBER,
          field + " is " + v + ", which the legacy format cannot carry");
    }
    String s = new BigDecimal(v).setScale(2, RoundingMode.HALF_EVEN).toPlainString();
    boolean negative = Double.doubleToRawLongBits(v) < 0;
    return negative && s.charAt(0) != '-' ? "-" + s : s;
  }

  /**
   * @param text legacy text
   * @return its 14 fields
   * @throws EtpProtocolException see the class comment
   */
  public static LegacyMessage parse(String text) {
    Objects.requireNonNull(text, "text");
    checkSize(text.length());
    String[] f = text.split(" ", -1);
    if (f.length != LegacyMessage.FIELD_COUNT) {
      throw malformed("expected " + LegacyMessage.FIELD_COUNT + " space-separated fields, got " + f.length);
    }
    long type = parseInteger(f[0], 1, "messageType");
    if (type < 0 || type > 9) {
      throw new EtpProtocolException(ReasonCode.REASON_CODE_UNKNOWN_TYPE,
          "field 1 (messageType) " + type + " is outside 0..9");
    }
    return new LegacyMessage(
        (int) type,
        parseInteger(f[1], 2, "messageID"),
        parseInteger(f[2], 3, "deviceID"),
        parseInt32(f[3], 4, "ttl"),
        parseFloat(f[4], 5, "bidPrice"),
        parseFloat(f[5], 6, "salePrice"),
        parseFloat(f[6], 7, "energyTotal"),
        parseFloat(f[7], 8, "percentageForSale"),
        parseFloat(f[8], 9, "requiredEnergyAmount"),
        parseInt32(f[9], 10, "terminationCode"),
        parseFloat(f[10], 11, "remainingBatteryEnergy"),
        parseInt32(f[11], 12, "batteryHealthStatusCode"),
        parseFloat(f[12], 13, "batteryVoltage"),
        parseFloat(f[13], 14, "dischargeRate"));
  }

  private static void checkSize(int length) {
    if (length > MAX_BYTES) {
      throw new EtpProtocolException(ReasonCode.REASON_CODE_FRAME_TOO_LARGE,
          "legacy message of " + length + " bytes exceeds " + MAX_BYTES);
    }
  }

  private static int parseInt32(String s, int index, String name) {
    long v = parseInteger(s, index, name);
    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
      throw malformed("field " + index + " (" + name + ") " + s + " is out of the 32-bit range");
    }
    return (int) v;
  }

  private static long parseInteger(String s, int index, String name) {
    int digitsFrom = s.startsWith("-") ? 1 : 0;
    if (!allDigits(s, digitsFrom, s.length())) {
      throw malformed("field " + index + " (" + name + ") '" + s + "' is not a decimal integer");
    }
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw malformed("field " + index + " (" + name + ") " + s + " is out of the 64-bit range");
    }
  }

  private static double parseFloat(String s, int index, String name) {
    int digitsFrom = s.startsWith("-") ? 1 : 0;
    int dot = s.indexOf('.');
    boolean plain = dot < 0
        ? allDigits(s, digitsFrom, s.length())
        : allDigits(s, digitsFrom, dot) && allDigits(s, dot + 1, s.length());
    if (!plain) {
      throw malformed("field " + index + " (" + name + ") '" + s + "' is not a plain decimal number");
    }
    double v = Double.parseDouble(s);
    if (Double.isInfinite(v)) {
      throw malformed("field " + index + " (" + name + ") " + s + " is out of the double range");
    }
    return v;
  }

  private static boolean allDigits(String s, int from, int to) {
    if (from >= to) {
      return false;
    }
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static EtpProtocolException malformed(String message) {
    return new EtpProtocolException(ReasonCode.REASON_CODE_MALFORMED, message);
  }
}
