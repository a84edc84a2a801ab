package io.etp.marketdata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class IsoDurationTest {

  private static final Instant ANCHOR = Instant.parse("2024-01-31T00:00:00Z");

  @Test
  void parsesTimeDayAndWeekParts() {
    assertEquals(Duration.ofHours(1), IsoDuration.parse("PT1H", ANCHOR));
    assertEquals(Duration.ofMinutes(15), IsoDuration.parse("PT15M", ANCHOR));
    assertEquals(Duration.ofDays(1), IsoDuration.parse("P1D", ANCHOR));
    assertEquals(Duration.ofDays(7), IsoDuration.parse("P1W", ANCHOR));
    assertEquals(Duration.ofMinutes(90), IsoDuration.parse("P0Y0M0DT1H30M0S", ANCHOR));
    assertEquals(Duration.ofMillis(1500), IsoDuration.parse("PT1.5S", ANCHOR));
    assertEquals(Duration.ZERO, IsoDuration.parse("PT0S", ANCHOR));
  }

  @Test
  void measuresCalendarMonthsAndYearsFromTheAnchor() {
    assertEquals(Duration.ofDays(29), IsoDuration.parse("P1M", ANCHOR), "Jan 31 + 1 month = Feb 29 (2024 is a leap year)");
    assertEquals(Duration.ofDays(366), IsoDuration.parse("P1Y", Instant.parse("2024-01-01T00:00:00Z")));
    assertTrue(IsoDuration.parse("P9999Y", ANCHOR).toDays() > 9999L * 365, "OpenADR's 'infinity'");
  }

  @Test
  void rejectsTextThatIsNoDuration() {
    for (String bad : new String[] {"", "P", "PT", "1H", "P1H", "PT1D", "-PT1H", "P1.5D"}) {
      assertThrows(IllegalArgumentException.class, () -> IsoDuration.parse(bad, ANCHOR), bad);
    }
  }
}
