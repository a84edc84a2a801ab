package io.etp.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.DayOfWeek;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class LearFeaturesTest {

  /** 2017-01-02 is a Monday. */
  private static final LocalDate FIRST = LocalDate.of(2017, 1, 2);

  /** Values that name their origin: price 1000·day + hour, exogenous 1 and 2 offset by 100 000 and 200 000. */
  static MarketHistory labelled(int days) {
    double[][] p = new double[days][24];
    double[][] e1 = new double[days][24];
    double[][] e2 = new double[days][24];
    for (int d = 0; d < days; d++) {
      for (int h = 0; h < 24; h++) {
        p[d][h] = 1000 * d + h;
        e1[d][h] = 100_000 + 1000 * d + h;
        e2[d][h] = 200_000 + 1000 * d + h;
      }
    }
    return MarketHistory.ofDays("T", FIRST, p, e1, e2);
  }

  @Test
  void placesLaggedPricesExogenousValuesAndDummiesInEpftoolboxOrder() {
    MarketHistory history = labelled(12);
    LocalDate day = FIRST.plusDays(10);
    assertEquals(DayOfWeek.THURSDAY, day.getDayOfWeek());
    double[] row = LearFeatures.row(history, day);
    assertEquals(247, row.length);

    double[] expected = new double[247];
    int c = 0;
    for (int h = 0; h < 24; h++) {
      for (int back : new int[] {1, 2, 3, 7}) {
        expected[c++] = 1000 * (10 - back) + h;
      }
    }
    for (int h = 0; h < 24; h++) {
      for (int back : new int[] {1, 7, 0}) {
        expected[c++] = 100_000 + 1000 * (10 - back) + h;
        expected[c++] = 200_000 + 1000 * (10 - back) + h;
      }
    }
    expected[c + 3] = 1; // Monday, Tuesday, Wednesday, *Thursday*
    assertArrayEquals(expected, row, 0.0);
  }

  @Test
  void spotChecksAgainstHandWrittenColumns() {
    double[] row = LearFeatures.row(labelled(12), FIRST.plusDays(10));
    assertEquals(9_000, row[0], "hour 0, D-1");
    assertEquals(3_000, row[3], "hour 0, D-7");
    assertEquals(8_005, row[4 * 5 + 1], "hour 5, D-2");
    assertEquals(109_000, row[96], "hour 0, exogenous 1, D-1");
    assertEquals(203_000, row[96 + 3], "hour 0, exogenous 2, D-7");
    assertEquals(110_023, row[96 + 6 * 23 + 4], "hour 23, exogenous 1, D");
    assertEquals(210_023, row[239], "hour 23, exogenous 2, D: last scaled column");
  }

  @Test
  void needsNoPricesOfTheDeliveryDay() {
    MarketHistory history = labelled(12);
    LocalDate day = FIRST.plusDays(11);
    assertArrayEquals(LearFeatures.row(history, day), LearFeatures.row(history.withPricesHiddenFrom(day), day), 0.0);
  }

  @Test
  void rejectsDaysWithoutAWeekOfHistoryAndUnknownInputs() {
    MarketHistory history = labelled(12);
    var tooEarly = assertThrows(IllegalArgumentException.class, () -> LearFeatures.row(history, FIRST.plusDays(6)));
    assertEquals(true, tooEarly.getMessage().contains("need days"), tooEarly.getMessage());
    MarketHistory hidden = history.withPricesHiddenFrom(FIRST.plusDays(10));
    // a row for day 10 is fine, but day 10's hidden prices would be D-1 for day 11, which this view does not contain
    assertThrows(IllegalArgumentException.class, () -> LearFeatures.row(hidden, FIRST.plusDays(11)));
  }
}
