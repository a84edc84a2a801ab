package io.etp.marketdata;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ISO-8601 durations as OpenADR 3 uses them: {@code PnYnMnWnDTnHnMnS} with optional parts and a decimal fraction on
 * seconds, e.g. {@code PT1H}, {@code PT15M}, {@code P1D}, {@code P1W}, {@code P0Y0M0DT1H0M0S}. Years and months are
 * calendar lengths, so they are measured from an anchor instant (UTC). OpenADR's {@code P9999Y} ("infinity") is simply a
 * very long duration.
 */
public final class IsoDuration {

  private static final Pattern FORMAT = Pattern.compile(
      "P(?:(\\d+)Y)?(?:(\\d+)M)?(?:(\\d+)W)?(?:(\\d+)D)?(?:T(?:(\\d+)H)?(?:(\\d+)M)?(?:(\\d+(?:[.,]\\d+)?)S)?)?");

  private IsoDuration() {}

  /**
   * The length of {@code text} when it starts at {@code anchor}.
   *
   * @throws IllegalArgumentException when {@code text} is not an ISO-8601 duration or has no component
   */
  public static Duration parse(String text, Instant anchor) {
    Matcher m = FORMAT.matcher(text == null ? "" : text.trim());
    if (!m.matches() || text.trim().equals("P") || text.trim().endsWith("T")) {
      throw new IllegalArgumentException("not an ISO-8601 duration: '" + text + "'");
    }
    var start = anchor.atOffset(ZoneOffset.UTC);
    var end = start.plusYears(number(m.group(1))).plusMonths(number(m.group(2))).plusWeeks(number(m.group(3)))
        .plusDays(number(m.group(4))).plusHours(number(m.group(5))).plusMinutes(number(m.group(6)));
    if (m.group(7) != null) {
      end = end.plusNanos(Math.round(Double.parseDouble(m.group(7).replace(',', '.')) * 1e9));
    }
    return Duration.between(start, end);
  }

  private static long number(String group) {
    return group == null ? 0 : Long.parseLong(group);
  }
}
