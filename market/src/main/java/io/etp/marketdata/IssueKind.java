package io.etp.marketdata;

/** What an {@link IngestIssue} is about; also the counter name in {@link IngestReport}. */
public enum IssueKind {
  /** Intervals missing between two consecutive points; the points are kept, nothing is interpolated. */
  GAP(Severity.WARNING),
  /** A second point for the same interval with the same price; the repeat is rejected. */
  DUPLICATE_IDENTICAL(Severity.WARNING),
  /** A second point for the same interval with a different price; the first is kept, the repeat rejected. */
  DUPLICATE_CONFLICTING(Severity.ERROR),
  /** A point that starts before the end of the latest accepted interval and is not a duplicate; rejected. */
  OUT_OF_ORDER(Severity.ERROR),
  /** A price far from the rolling median; kept and flagged. */
  OUTLIER(Severity.WARNING),
  /** A 23- or 25-hour local day was recognised; informational. */
  DST_DAY(Severity.INFO),
  /** A local timestamp that does not exist in the zone (inside a spring-forward gap); rejected. */
  NONEXISTENT_LOCAL_TIME(Severity.ERROR),
  /** A remote call failed; see the {@link FetchFailure.Kind}. */
  FETCH_FAILED(Severity.ERROR),
  /** A source's circuit breaker opened. */
  CIRCUIT_OPENED(Severity.WARNING),
  /** A source's circuit breaker closed again after a successful trial call. */
  CIRCUIT_CLOSED(Severity.INFO),
  /** A polled item identical to one already delivered; not emitted again (counted only, no issue record). */
  REDELIVERED_UNCHANGED(Severity.INFO);

  /** How bad an issue is. */
  public enum Severity { INFO, WARNING, ERROR }

  private final Severity severity;

  IssueKind(Severity severity) {
    this.severity = severity;
  }

  public Severity severity() {
    return severity;
  }
}
