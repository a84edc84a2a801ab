package io.etp.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class GapFreeCursorTest {

  private static final Instant T0 = Instant.parse("2026-12-05T09:00:00Z");
  private static final Duration GAP_TIMEOUT = Duration.ofSeconds(5);

  private final GapFreeCursor<Long> cursor = new GapFreeCursor<>(10, GAP_TIMEOUT, Long::longValue);

  @Test
  void handsOutContiguousRowsInOrderAndAdvances() {
    assertEquals(List.of(11L, 12L, 13L), cursor.accept(List.of(11L, 12L, 13L), T0));
    assertEquals(13, cursor.afterId());
    assertEquals(List.of(), cursor.accept(List.of(), T0.plusSeconds(1)));
  }

  @Test
  void holdsRowsBehindAGapUntilTheMissingRowCommits() {
    assertEquals(List.of(11L), cursor.accept(List.of(11L, 13L, 14L), T0), "row 12 is not visible yet");
    assertEquals(11, cursor.afterId());
    assertEquals(List.of(12L, 13L, 14L), cursor.accept(List.of(12L, 13L, 14L), T0.plusMillis(300)),
        "committed late, handed out before the rows after it");
    assertEquals(0, cursor.skipped());
  }

  @Test
  void givesUpOnARowThatNeverAppearsAfterTheGapTimeout() {
    assertEquals(List.of(), cursor.accept(List.of(12L, 13L), T0));
    assertEquals(List.of(), cursor.accept(List.of(12L, 13L), T0.plus(GAP_TIMEOUT).minusMillis(1)));
    assertEquals(List.of(12L, 13L), cursor.accept(List.of(12L, 13L), T0.plus(GAP_TIMEOUT)));
    assertEquals(1, cursor.skipped());
    assertEquals(13, cursor.afterId());
  }

  @Test
  void aNewGapWaitsItsOwnTimeout() {
    cursor.accept(List.of(12L), T0);
    assertEquals(List.of(12L), cursor.accept(List.of(12L), T0.plus(GAP_TIMEOUT)));
    assertEquals(List.of(), cursor.accept(List.of(14L), T0.plus(GAP_TIMEOUT).plusSeconds(1)),
        "row 13 missing: the timer starts again");
    assertEquals(List.of(13L, 14L), cursor.accept(List.of(13L, 14L), T0.plus(GAP_TIMEOUT).plusSeconds(2)));
  }

  @Test
  void ignoresRowsAlreadyHandedOut() {
    cursor.accept(List.of(11L, 12L), T0);
    assertEquals(List.of(13L), cursor.accept(List.of(12L, 13L), T0));
  }
}
