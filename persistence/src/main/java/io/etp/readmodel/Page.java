package io.etp.readmodel;

import java.util.List;
import java.util.Optional;

/** One page of a history, newest first, and the cursor of the next page (empty on the last page). */
public record Page<T>(List<T> items, Optional<Cursor> next) {
  public Page {
    items = List.copyOf(items);
  }
}
