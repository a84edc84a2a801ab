package io.etp.money;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** The rules by which a value enters the exact types: one place, so every type rounds the same way. */
public final class Decimals {

  /** The rounding rule of every conversion into an exact type (banker's rounding: a tie goes to the even digit). */
  public static final RoundingMode ROUNDING = RoundingMode.HALF_EVEN;

  private Decimals() {}

  /**
   * A double as the decimal it was written as ({@link Double#toString}, the shortest decimal that reads back as the
   * same double, so 16.820000000000007 stays itself and 16.82 is 16.82), rounded {@link #ROUNDING} to {@code scale}.
   *
   * @throws IllegalArgumentException for NaN or an infinity, naming {@code what}
   */
  public static BigDecimal fromDouble(double value, int scale, String what) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(what + " must be a finite number, got " + value);
    }
    return BigDecimal.valueOf(value).setScale(scale, ROUNDING);
  }

  /**
   * A decimal held at exactly {@code scale}: trailing zeros are added, and a value with more decimals than the scale
   * is refused (it would lose digits silently; convert it with {@link #round} first if that is meant).
   */
  public static BigDecimal exact(BigDecimal value, int scale, String what) {
    if (value == null) throw new IllegalArgumentException(what + " is missing");
    try {
      return value.setScale(scale, RoundingMode.UNNECESSARY);
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          what + " " + value.toPlainString() + " has more than " + scale + " decimals", e);
    }
  }

  /** {@code value} rounded {@link #ROUNDING} to {@code scale}. */
  public static BigDecimal round(BigDecimal value, int scale) {
    return value.setScale(scale, ROUNDING);
  }

  /** A decimal as a person writes it: 16.82, 15, 0.5 (no trailing zeros, no exponent); for logs and JSON. */
  public static BigDecimal plain(BigDecimal value) {
    BigDecimal s = value.stripTrailingZeros();
    return s.scale() < 0 ? s.setScale(0) : s;
  }

  /** Parses a decimal string, e.g. from a persisted event or a request, with a clear error. */
  public static BigDecimal parse(String text, String what) {
    if (text == null || text.isBlank()) throw new IllegalArgumentException(what + " is missing");
    try {
      return new BigDecimal(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(what + " '" + text + "' is not a decimal number", e);
    }
  }
}
