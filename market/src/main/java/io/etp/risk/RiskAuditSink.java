package io.etp.risk;

/** Receives every rejection; the persistence layer provides a durable implementation. */
public interface RiskAuditSink {

  /** Records one rejection. Must not throw for a well-formed record. */
  void record(RiskRejection rejection);
}
