package io.etp.risk;

import java.util.ArrayList;
import java.util.List;

/** A thread-safe audit sink that keeps rejections in memory (tests, the embedded simulation). */
public final class InMemoryRiskAuditSink implements RiskAuditSink {

  private final List<RiskRejection> rejections = new ArrayList<>();

  @Override
  public synchronized void record(RiskRejection rejection) {
    rejections.add(rejection);
  }

  /** A snapshot of the rejections so far, oldest first. */
  public synchronized List<RiskRejection> rejections() {
    return List.copyOf(rejections);
  }
}
