package io.etp.marketdata;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;

/** A specific finding about ingested data or a source's health. Each knows its {@link IssueKind} and a readable message. */
public sealed interface IngestIssue {

  IssueKind kind();

  /** One line for operators; names the zone, times and values involved. */
  String message();

  /** {@code missingIntervals} intervals of {@code resolution} are missing before {@code actualStart}. */
  record Gap(String zone, Instant expectedStart, Instant actualStart, Duration resolution, long missingIntervals)
      implements IngestIssue {
    @Override
    public IssueKind kind() {
      return IssueKind.GAP;
    }

    @Override
    public String message() {
      return zone + ": " + missingIntervals + " interval(s) of " + resolution + " missing from " + expectedStart
          + " to " + actualStart;
    }
  }

  /** A repeated interval; {@code keptPricePerMwh} is the first value seen, which stays. */
  record Duplicate(String zone, Instant start, double keptPricePerMwh, double repeatedPricePerMwh) implements IngestIssue {
    public boolean conflicting() {
      return Double.compare(keptPricePerMwh, repeatedPricePerMwh) != 0;
    }

    @Override
    public IssueKind kind() {
      return conflicting() ? IssueKind.DUPLICATE_CONFLICTING : IssueKind.DUPLICATE_IDENTICAL;
    }

    @Override
    public String message() {
      return zone + ": interval " + start + " delivered twice"
          + (conflicting() ? " with conflicting prices " + keptPricePerMwh + " (kept) and " + repeatedPricePerMwh
              + " (rejected)" : " with the same price " + keptPricePerMwh + " (repeat rejected)");
    }
  }

  /** A point overlapping or preceding the latest accepted interval. */
  record OutOfOrder(String zone, Instant start, Instant latestAcceptedStart) implements IngestIssue {
    @Override
    public IssueKind kind() {
      return IssueKind.OUT_OF_ORDER;
    }

    @Override
    public String message() {
      return zone + ": interval " + start + " arrived after " + latestAcceptedStart + " and was rejected";
    }
  }

  /** A price beyond {@code thresholdPerMwh} from the rolling median (robust scale from the median absolute deviation). */
  record Outlier(String zone, Instant start, double pricePerMwh, double rollingMedianPerMwh, double thresholdPerMwh)
      implements IngestIssue {
    @Override
    public IssueKind kind() {
      return IssueKind.OUTLIER;
    }

    @Override
    public String message() {
      return zone + ": price " + pricePerMwh + " at " + start + " is more than " + thresholdPerMwh
          + " from the rolling median " + rollingMedianPerMwh + " (kept, flagged)";
    }
  }

  /** A local day with other than 24 hours, recognised from the zone's rules. */
  record DstDay(String zone, LocalDate localDay, ZoneId timeZone, long hours) implements IngestIssue {
    @Override
    public IssueKind kind() {
      return IssueKind.DST_DAY;
    }

    @Override
    public String message() {
      return zone + ": " + localDay + " has " + hours + " hours in " + timeZone;
    }
  }

  /** A local label that falls into a spring-forward gap of {@code timeZone}. */
  record NonexistentLocalTime(String zone, LocalDateTime label, ZoneId timeZone) implements IngestIssue {
    @Override
    public IssueKind kind() {
      return IssueKind.NONEXISTENT_LOCAL_TIME;
    }

    @Override
    public String message() {
      return zone + ": local time " + label + " does not exist in " + timeZone + " (clocks spring forward); rejected";
    }
  }

  /** A failed remote call. */
  record FetchFailed(FetchFailure.Kind failure, String detail) implements IngestIssue {
    @Override
    public IssueKind kind() {
      return IssueKind.FETCH_FAILED;
    }

    @Override
    public String message() {
      return failure + ": " + detail;
    }
  }

  /** A circuit breaker changed state. */
  record CircuitStateChanged(boolean open, Duration resetTimeout) implements IngestIssue {
    @Override
    public IssueKind kind() {
      return open ? IssueKind.CIRCUIT_OPENED : IssueKind.CIRCUIT_CLOSED;
    }

    @Override
    public String message() {
      return open ? "circuit breaker opened; calls fail fast for " + resetTimeout : "circuit breaker closed";
    }
  }
}
