package io.etp.readmodel;

import java.time.Instant;
import java.util.Optional;

/**
 * Which rows of a history to read: a half-open time range [from, to), a battery, an aggregator (for auctions: the
 * winner), an auction status (auctions only), a page size and the position after which to continue.
 */
public record HistoryFilter(Optional<Instant> from, Optional<Instant> to, Optional<String> battery,
    Optional<String> aggregator, Optional<String> status, int limit, Optional<Cursor> after) {

  public static final int MAX_LIMIT = 1000;

  public HistoryFilter {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ", was " + limit);
    }
    if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
      throw new IllegalArgumentException("from must be before to");
    }
  }

  /** Everything, newest first, {@code limit} rows a page. */
  public static HistoryFilter all(int limit) {
    return new HistoryFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), limit, Optional.empty());
  }

  public HistoryFilter withBattery(String id) {
    return new HistoryFilter(from, to, Optional.of(id), aggregator, status, limit, after);
  }

  public HistoryFilter withAggregator(String id) {
    return new HistoryFilter(from, to, battery, Optional.of(id), status, limit, after);
  }

  public HistoryFilter between(Instant from, Instant to) {
    return new HistoryFilter(Optional.of(from), Optional.of(to), battery, aggregator, status, limit, after);
  }

  public HistoryFilter after(Cursor cursor) {
    return new HistoryFilter(from, to, battery, aggregator, status, limit, Optional.of(cursor));
  }
}
