package io.etp.marketdata;

import java.util.List;

/**
 * The verdict on one incoming price: every input point yields exactly one of these, so nothing disappears silently.
 *
 * @param point    the point as received
 * @param accepted false for duplicates and out-of-order points, which must not be used downstream
 * @param issues   everything found while checking this point (a gap before it, an outlier flag, a DST day note, ...)
 */
public record ValidatedPrice(PricePoint point, boolean accepted, List<IngestIssue> issues) {

  public ValidatedPrice {
    issues = List.copyOf(issues);
  }

  public boolean has(IssueKind kind) {
    return issues.stream().anyMatch(i -> i.kind() == kind);
  }
}
