package io.etp.battery;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bounded in-memory audit trail for tests and the embedded default: keeps the latest {@code capacity} records,
 * evicting the oldest (counted as dropped) once full. Non-blocking.
 */
public final class InMemoryBidAuditSink implements BidAuditSink {

  private final int capacity;
  private final ConcurrentLinkedDeque<BidAudit> records = new ConcurrentLinkedDeque<>();
  private final AtomicInteger size = new AtomicInteger();
  private final AtomicLong dropped = new AtomicLong();

  public InMemoryBidAuditSink(int capacity) {
    if (capacity < 1) throw new IllegalArgumentException("capacity must be >= 1");
    this.capacity = capacity;
  }

  @Override
  public boolean offer(BidAudit audit) {
    records.addLast(audit);
    if (size.incrementAndGet() > capacity) {
      if (records.pollFirst() != null) {
        size.decrementAndGet();
        dropped.incrementAndGet();
      }
    }
    return true;
  }

  @Override
  public List<BidAudit> forBattery(String batteryId) {
    List<BidAudit> result = new ArrayList<>();
    for (Iterator<BidAudit> it = records.iterator(); it.hasNext(); ) {
      BidAudit a = it.next();
      if (a.batteryId().equals(batteryId)) result.add(a);
    }
    return result;
  }

  @Override
  public long dropped() {
    return dropped.get();
  }
}
