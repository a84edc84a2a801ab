package io.etp.edge;

import io.etp.protocol.v1.ReasonCode;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Locale;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The gateway's counters, cheap to bump from any thread. One counter per {@link Counter}, one per refusal
 * {@link ReasonCode}, and the gauge of open connections. Read with {@link #snapshot()}.
 */
public final class EdgeMetrics implements MeterBinder {

  /** What the gateway counts. */
  public enum Counter {
    CONNECTIONS_ACCEPTED, CONNECTIONS_REFUSED_LIMIT, CONNECTIONS_CLOSED, CLOSED_AFTER_BAD_FRAMES, CLOSED_IDLE,
    CLOSED_UNAUTHENTICATED, CLOSED_ROLE_REFUSED, CLOSED_FRAMING, CLOSED_OVERFLOW, FRAMES_IN, FRAMES_OUT, MESSAGES_ROUTED, BAD_FRAMES,
    LATE_FRAMES,
    RATE_LIMITED, OUTBOUND_DROPPED, LEGACY_MESSAGES_IN, LEGACY_MESSAGES_OUT, LEGACY_BAD_MESSAGES,
    LEGACY_CONNECTIONS_ACCEPTED, LEGACY_CONNECTIONS_REFUSED_LIMIT, LEGACY_CONNECTIONS_CLOSED, LEGACY_CLOSED_IDLE,
    LEGACY_CLOSED_AFTER_BAD_LINES, LEGACY_RATE_LIMITED,
    LEGACY_DEVICE_QUERIES, LEGACY_DEVICE_ERRORS, LEGACY_DEVICE_TRADES, LEGACY_DEVICE_RELAY_FAILED,
    DISCOVERY_REQUESTS, DISCOVERY_ANSWERS
  }

  private final Map<Counter, LongAdder> counters = new EnumMap<>(Counter.class);
  private final Map<ReasonCode, LongAdder> refusals = new EnumMap<>(ReasonCode.class);
  private final AtomicInteger open = new AtomicInteger();

  /** A zeroed set of counters. */
  public EdgeMetrics() {
    for (Counter c : Counter.values()) {
      counters.put(c, new LongAdder());
    }
    for (ReasonCode r : ReasonCode.values()) {
      refusals.put(r, new LongAdder());
    }
  }

  /** @param c the counter to bump by one */
  public void increment(Counter c) {
    counters.get(c).increment();
  }

  /** @param reason a refusal to count (bad frame or rate limit) */
  public void refused(ReasonCode reason) {
    refusals.get(reason).increment();
  }

  /** @return the current value of {@code c} */
  public long count(Counter c) {
    return counters.get(c).sum();
  }

  /** @return how many messages were refused with {@code reason} */
  public long refusals(ReasonCode reason) {
    return refusals.get(reason).sum();
  }

  /**
   * Takes a connection slot.
   *
   * @param max the node's cap
   * @return whether a slot was free (then it is taken)
   */
  public boolean tryOpen(int max) {
    while (true) {
      int now = open.get();
      if (now >= max) {
        return false;
      }
      if (open.compareAndSet(now, now + 1)) {
        return true;
      }
    }
  }

  /** Frees a connection slot. */
  public void closed() {
    open.decrementAndGet();
    increment(Counter.CONNECTIONS_CLOSED);
  }

  /** @return connections open now */
  public int openConnections() {
    return open.get();
  }

  /** @return every non-zero counter and refusal by name, plus {@code OPEN_CONNECTIONS} */
  public Map<String, Long> snapshot() {
    Map<String, Long> out = new TreeMap<>();
    counters.forEach((k, v) -> {
      if (v.sum() != 0) {
        out.put(k.name(), v.sum());
      }
    });
    refusals.forEach((k, v) -> {
      if (v.sum() != 0) {
        out.put("REFUSED_" + k.name().replace("REASON_CODE_", ""), v.sum());
      }
    });
    out.put("OPEN_CONNECTIONS", (long) open.get());
    return out;
  }

  /** Registers the counters as {@code etp.edge.*} meters that read this object when scraped. */
  @Override
  public void bindTo(MeterRegistry registry) {
    for (Counter counter : Counter.values()) {
      FunctionCounter.builder("etp.edge." + counter.name().toLowerCase(Locale.ROOT).replace('_', '.'), this,
          e -> e.count(counter)).description("device edge: " + counter.name()).register(registry);
    }
    for (ReasonCode reason : ReasonCode.values()) {
      if (reason == ReasonCode.UNRECOGNIZED) {
        continue;
      }
      FunctionCounter.builder("etp.edge.refused", this, e -> e.refusals(reason))
          .description("device edge: messages refused, by reason")
          .tag("reason", reason.name().replace("REASON_CODE_", "")).register(registry);
    }
    Gauge.builder("etp.edge.open.connections", this, EdgeMetrics::openConnections)
        .description("device edge: connections open now").register(registry);
  }
}
