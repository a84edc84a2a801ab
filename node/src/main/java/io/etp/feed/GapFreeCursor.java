package io.etp.feed;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * A reader's position in a table whose rows are numbered by a database sequence ({@code bid_audit.id}), pure.
 * Sequence numbers are taken when a row is inserted but become visible when its transaction commits, so with
 * writers on several nodes row 12 can be visible before row 11. A reader that simply continued after the highest id it
 * saw would skip row 11 for ever. This cursor hands out rows only while their ids are contiguous; at a gap it waits
 * for the missing rows, and gives up on them (a rolled-back or retried insert leaves a permanent gap) once the gap has
 * been open for {@code gapTimeout}. The same approach as the JDBC read journal's ordering gap detection.
 *
 * <p>Not thread-safe: one reader polls it.
 *
 * @param <R> the row type
 */
final class GapFreeCursor<R> {

  private final ToLongFunction<R> id;
  private final Duration gapTimeout;
  private long afterId;
  private Instant gapSeenAt;
  private long skipped;

  /**
   * @param afterId the last id already handled; rows after it are handed out
   * @param id the row's id
   */
  GapFreeCursor(long afterId, Duration gapTimeout, ToLongFunction<R> id) {
    this.afterId = afterId;
    this.gapTimeout = gapTimeout;
    this.id = id;
  }

  /** The last id handed out (or given up on): the next poll reads after it. */
  long afterId() {
    return afterId;
  }

  /** Ids given up on because they did not appear within the gap timeout. */
  long skipped() {
    return skipped;
  }

  /**
   * Takes one poll's rows (ids greater than {@link #afterId()}, ascending) at time {@code now} and returns those to
   * hand out now, in order: the contiguous prefix, continuing past a gap only once it has been open long enough.
   */
  List<R> accept(List<R> polled, Instant now) {
    List<R> ready = new ArrayList<>(polled.size());
    for (R row : polled) {
      long rowId = id.applyAsLong(row);
      if (rowId <= afterId) {
        continue;
      }
      if (rowId != afterId + 1) {
        if (gapSeenAt == null) {
          gapSeenAt = now;
        }
        if (Duration.between(gapSeenAt, now).compareTo(gapTimeout) < 0) {
          return ready;
        }
        skipped += rowId - afterId - 1;
      }
      gapSeenAt = null;
      ready.add(row);
      afterId = rowId;
    }
    return ready;
  }
}
