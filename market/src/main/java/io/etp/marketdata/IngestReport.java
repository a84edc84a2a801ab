package io.etp.marketdata;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counters per source and {@link IssueKind} (and per {@link FetchFailure.Kind} for failed calls), plus a bounded log of
 * the most recent issue records. Thread-safe; one instance is shared by all sources of a node.
 */
public final class IngestReport {

  private static final Logger log = LoggerFactory.getLogger(IngestReport.class);

  /** An issue with the source that raised it and when it was recorded. */
  public record Entry(Instant recordedAt, String source, IngestIssue issue) {}

  private final Clock clock;
  private final int recentCapacity;
  private final Map<String, Map<IssueKind, LongAdder>> counts = new ConcurrentHashMap<>();
  private final Map<String, Map<FetchFailure.Kind, LongAdder>> failureCounts = new ConcurrentHashMap<>();
  private final ArrayDeque<Entry> recent = new ArrayDeque<>();

  /** A report keeping the last 1000 issue records, timestamped with the UTC system clock. */
  public IngestReport() {
    this(Clock.systemUTC(), 1000);
  }

  public IngestReport(Clock clock, int recentCapacity) {
    if (recentCapacity < 1) {
      throw new IllegalArgumentException("recentCapacity must be positive");
    }
    this.clock = clock;
    this.recentCapacity = recentCapacity;
  }

  /** Counts {@code issue} and keeps it in the recent log; warnings and errors are also logged. */
  public void record(String source, IngestIssue issue) {
    increment(source, issue.kind());
    if (issue instanceof IngestIssue.FetchFailed failed) {
      failureCounts.computeIfAbsent(source, s -> new ConcurrentHashMap<>())
          .computeIfAbsent(failed.failure(), k -> new LongAdder()).increment();
    }
    synchronized (recent) {
      if (recent.size() == recentCapacity) {
        recent.removeFirst();
      }
      recent.addLast(new Entry(clock.instant(), source, issue));
    }
    switch (issue.kind().severity()) {
      case ERROR -> log.warn("[{}] {} {}", source, issue.kind(), issue.message());
      case WARNING -> log.info("[{}] {} {}", source, issue.kind(), issue.message());
      case INFO -> log.debug("[{}] {} {}", source, issue.kind(), issue.message());
    }
  }

  /** Counts an event that needs no issue record (e.g. {@link IssueKind#REDELIVERED_UNCHANGED}). */
  public void increment(String source, IssueKind kind) {
    counts.computeIfAbsent(source, s -> new ConcurrentHashMap<>()).computeIfAbsent(kind, k -> new LongAdder()).increment();
  }

  public long count(String source, IssueKind kind) {
    LongAdder adder = counts.getOrDefault(source, Map.of()).get(kind);
    return adder == null ? 0 : adder.sum();
  }

  public long failureCount(String source, FetchFailure.Kind kind) {
    LongAdder adder = failureCounts.getOrDefault(source, Map.of()).get(kind);
    return adder == null ? 0 : adder.sum();
  }

  /** A snapshot of all counters, sources sorted by name. */
  public Map<String, Map<IssueKind, Long>> counts() {
    Map<String, Map<IssueKind, Long>> snapshot = new TreeMap<>();
    counts.forEach((source, byKind) -> {
      Map<IssueKind, Long> kinds = new EnumMap<>(IssueKind.class);
      byKind.forEach((kind, adder) -> kinds.put(kind, adder.sum()));
      snapshot.put(source, kinds);
    });
    return snapshot;
  }

  /** The most recent issue records, oldest first. */
  public List<Entry> recent() {
    synchronized (recent) {
      return List.copyOf(recent);
    }
  }

  /** The most recent issue records of one source and kind, oldest first. */
  public List<IngestIssue> recent(String source, IssueKind kind) {
    return recent().stream().filter(e -> e.source().equals(source) && e.issue().kind() == kind)
        .map(Entry::issue).toList();
  }
}
