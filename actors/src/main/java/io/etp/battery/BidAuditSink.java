package io.etp.battery;

import java.util.List;

/**
 * Where batteries hand their bid audit records. Must not block the entity: implementations buffer (bounded)
 * and write in batches; when the buffer is full a record is dropped and counted rather than stalling trading.
 * The persistence module implements this with batched JDBC inserts.
 */
public interface BidAuditSink {

  /**
   * Hands over one record without blocking. When the buffer is full an implementation either evicts its oldest
   * record (the in-memory sink) or refuses this one and returns false; either way it counts the loss in
   * {@link #dropped()}.
   */
  boolean offer(BidAudit audit);

  /** The audit trail of one battery, oldest first (as far as this sink still holds it). */
  List<BidAudit> forBattery(String batteryId);

  /** Records dropped because the buffer was full. */
  long dropped();
}
