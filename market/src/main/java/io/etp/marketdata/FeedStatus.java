package io.etp.marketdata;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether a remote feed delivers: up after a successful poll, down from the first failed poll after one (any
 * {@link FetchFailure}: an open breaker, a refused connection, an error reply) until the next success. Pure.
 *
 * @param source  the feed's source name, e.g. {@code entsoe:10YBE----------2}
 * @param up      whether its last poll succeeded
 * @param since   when it became up or down
 * @param failure the kind of the last failure while down
 * @param detail  the last failure's message while down (no URL, no key: see {@link FetchFailure}); empty while up
 */
public record FeedStatus(String source, boolean up, Instant since, Optional<FetchFailure.Kind> failure,
    String detail) {

  public FeedStatus {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(since, "since");
    Objects.requireNonNull(failure, "failure");
    Objects.requireNonNull(detail, "detail");
  }

  /** Up since {@code at}. */
  public static FeedStatus up(String source, Instant at) {
    return new FeedStatus(source, true, at, Optional.empty(), "");
  }

  /** The status after a poll at {@code at} with {@code failure} (empty: success), given this one before it. */
  public FeedStatus after(Optional<FetchFailure> failure, Instant at) {
    if (failure.isEmpty()) {
      return up ? this : up(source, at);
    }
    FetchFailure f = failure.get();
    return new FeedStatus(source, false, up ? at : since, Optional.of(f.kind()), f.getMessage());
  }

  /** The first poll's status: {@link #after} a notional success at {@code at}. */
  public static FeedStatus first(String source, Optional<FetchFailure> failure, Instant at) {
    return up(source, at).after(failure, at);
  }

  /** One line for {@code /health/ready}: {@code entsoe:X up since ...} or {@code ... DOWN since ...: kind: message}. */
  public String line() {
    return up ? source + " up since " + since
        : source + " DOWN since " + since + ": " + failure.map(Enum::name).orElse("?") + ": " + detail;
  }

  /** A compact text form that replicates across the cluster (a String needs no serializer of ours). */
  public String encode() {
    return up ? "UP|" + since : "DOWN|" + since + "|" + failure.map(Enum::name).orElse("") + "|" + detail;
  }

  /** The inverse of {@link #encode()}; a malformed text is an {@link IllegalArgumentException}. */
  public static FeedStatus decode(String source, String text) {
    String[] parts = text.split("\\|", 4);
    try {
      if (parts[0].equals("UP") && parts.length == 2) {
        return up(source, Instant.parse(parts[1]));
      }
      if (parts[0].equals("DOWN") && parts.length == 4) {
        return new FeedStatus(source, false, Instant.parse(parts[1]),
            parts[2].isEmpty() ? Optional.empty() : Optional.of(FetchFailure.Kind.valueOf(parts[2])), parts[3]);
      }
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("malformed feed status of " + source + ": " + text, e);
    }
    throw new IllegalArgumentException("malformed feed status of " + source + ": " + text);
  }

  /**
   * What changed between two views of the feeds, as outage alerts: a feed that went down (or is first seen down) is
   * raised, one that came back up (or is no longer reported) while down is cleared. An unchanged feed, or one that
   * stays down with another failure, yields nothing.
   *
   * @return the statuses to announce: {@code up() == false} raised, {@code up() == true} cleared
   */
  public static List<FeedStatus> changes(Map<String, FeedStatus> before, Map<String, FeedStatus> after) {
    List<FeedStatus> changes = new ArrayList<>();
    after.forEach((source, now) -> {
      FeedStatus was = before.get(source);
      boolean wasDown = was != null && !was.up();
      if (!now.up() && !wasDown) changes.add(now);
      if (now.up() && wasDown) changes.add(now);
    });
    before.forEach((source, was) -> {
      if (!after.containsKey(source) && !was.up()) changes.add(up(source, was.since()));
    });
    return changes;
  }
}
