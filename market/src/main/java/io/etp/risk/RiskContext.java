package io.etp.risk;

import java.util.List;

/** Everything the checks need besides the order itself, as known when the order is checked. */
public record RiskContext(AggregatorBook book, DeviceState device, List<DrCommitment> commitments) {
  public RiskContext {
    if (book == null || device == null) {
      throw new IllegalArgumentException("book and device are required");
    }
    commitments = List.copyOf(commitments);
  }
}
