package io.etp.live;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A client's place in the cluster-wide live stream: for each persisted source every node follows (a journal tag,
 * {@code bid}), the offset of the last record of it the client has. Offsets come from the database, not from a node's
 * hub, so a cursor taken on one node resumes on any other. Written {@code source:offset,source:offset,...} (the
 * {@code cursor} query parameter of {@code /ws/events}, the {@code cursor} of HELLO). Immutable.
 */
public record LiveCursor(Map<String, Long> offsets) {

  public static final LiveCursor EMPTY = new LiveCursor(Map.of());

  /** Longest cursor text accepted from a client. */
  static final int MAX_TEXT = 4096;

  public LiveCursor {
    offsets = Collections.unmodifiableMap(new TreeMap<>(offsets));
  }

  /** The offset of {@code source}, or -1 when the cursor does not name it. */
  public long offset(String source) {
    return offsets.getOrDefault(source, -1L);
  }

  /** This cursor moved to {@code position} if that is further on in its source. */
  public LiveCursor advance(LiveEvent.Position position) {
    if (offset(position.source()) >= position.offset()) {
      return this;
    }
    Map<String, Long> next = new TreeMap<>(offsets);
    next.put(position.source(), position.offset());
    return new LiveCursor(next);
  }

  /** Parses {@code source:offset,...}; a malformed text, a negative offset or a repeated source is refused. */
  public static LiveCursor parse(String text) {
    if (text.length() > MAX_TEXT) {
      throw new IllegalArgumentException("cursor longer than " + MAX_TEXT + " characters");
    }
    Map<String, Long> offsets = new TreeMap<>();
    if (text.isBlank()) {
      return EMPTY;
    }
    for (String part : text.split(",", -1)) {
      int colon = part.lastIndexOf(':');
      if (colon <= 0 || colon == part.length() - 1) {
        throw new IllegalArgumentException("cursor entries are source:offset, not '" + part + "'");
      }
      long offset;
      try {
        offset = Long.parseLong(part.substring(colon + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("cursor offset is not a number: '" + part + "'");
      }
      if (offset < 0) {
        throw new IllegalArgumentException("cursor offset is negative: '" + part + "'");
      }
      if (offsets.put(part.substring(0, colon), offset) != null) {
        throw new IllegalArgumentException("cursor names a source twice: '" + part + "'");
      }
    }
    return new LiveCursor(offsets);
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder();
    offsets.forEach((source, offset) -> {
      if (text.length() > 0) {
        text.append(',');
      }
      text.append(source).append(':').append(offset);
    });
    return text.toString();
  }
}
