package io.etp.bench.load;

import io.etp.protocol.v1.MessageType;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * What a load run measures: latency per exchange (HdrHistogram, microseconds), messages sent and received per type,
 * error frames by reason, and losses. Only counts while {@link #measuring} is on (after the warm-up).
 */
final class LoadStats {

  /** The measured exchanges, each from the agent's send to the reply's arrival. */
  enum Exchange {
    /** Query to QueryResponse (deadline 500 ms). */
    QUERY("query -> query_response", 500),
    /** Bid to the battery's first answer: BidReject at once, or BidAccept when its auction closes (window included). */
    BID("bid -> bid_accept/reject", 1000),
    /** BidConfirm to Terminate COMPLETED: the confirmed trade, the critical path (deadline 500 ms). */
    CONFIRM("bid_confirm -> terminate(completed)", 500);

    final String label;
    final long deadlineMs;

    Exchange(String label, long deadlineMs) {
      this.label = label;
      this.deadlineMs = deadlineMs;
    }
  }

  volatile boolean measuring;
  final Map<Exchange, Histogram> latency = new EnumMap<>(Exchange.class);
  final Map<Exchange, LongAdder> missedDeadline = new EnumMap<>(Exchange.class);
  final Map<Exchange, LongAdder> lost = new EnumMap<>(Exchange.class);
  final Map<MessageType, LongAdder> sent = new EnumMap<>(MessageType.class);
  final Map<MessageType, LongAdder> received = new EnumMap<>(MessageType.class);
  final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
  final LongAdder trades = new LongAdder();
  final LongAdder batteryCopies = new LongAdder();

  LoadStats() {
    for (Exchange e : Exchange.values()) {
      latency.put(e, new ConcurrentHistogram(60_000_000L, 3));
      missedDeadline.put(e, new LongAdder());
      lost.put(e, new LongAdder());
    }
    for (MessageType t : MessageType.values()) {
      if (t != MessageType.UNRECOGNIZED) {
        sent.put(t, new LongAdder());
        received.put(t, new LongAdder());
      }
    }
  }

  /** Always counted, for the progress line. */
  final LongAdder progressSent = new LongAdder();
  final LongAdder progressReceived = new LongAdder();

  void sent(MessageType t) {
    progressSent.increment();
    if (measuring) {
      sent.get(t).increment();
    }
  }

  void received(MessageType t) {
    progressReceived.increment();
    if (measuring) {
      received.get(t).increment();
    }
  }

  void exchange(Exchange e, long sentNanos, long nowNanos) {
    if (!measuring) {
      return;
    }
    long micros = Math.max(0, (nowNanos - sentNanos) / 1000);
    latency.get(e).recordValue(Math.min(micros, 60_000_000L));
    if (micros > e.deadlineMs * 1000) {
      missedDeadline.get(e).increment();
    }
  }

  void lost(Exchange e) {
    if (measuring) {
      lost.get(e).increment();
    }
  }

  void error(String reason) {
    errors.computeIfAbsent(reason, r -> new LongAdder()).increment();
  }

  long totalSent() {
    return sent.values().stream().mapToLong(LongAdder::sum).sum();
  }

  long totalReceived() {
    return received.values().stream().mapToLong(LongAdder::sum).sum();
  }

  static double ms(Histogram h, double percentile) {
    return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(percentile) / 1000.0;
  }

  /** The result as JSON. */
  String toJson(Map<String, Object> run, double seconds) {
    StringBuilder sb = new StringBuilder("{\n  \"run\": {");
    String sep = "";
    for (Map.Entry<String, Object> e : new TreeMap<>(run).entrySet()) {
      Object v = e.getValue();
      sb.append(sep).append("\"").append(e.getKey()).append("\": ")
          .append(v instanceof Number || v instanceof Boolean ? v.toString() : "\"" + v + "\"");
      sep = ", ";
    }
    sb.append("},\n  \"seconds\": ").append(fmt(seconds))
        .append(",\n  \"sent_per_s\": ").append(fmt(totalSent() / seconds))
        .append(",\n  \"received_per_s\": ").append(fmt(totalReceived() / seconds))
        .append(",\n  \"battery_copies_per_s\": ").append(fmt(batteryCopies.sum() / seconds))
        .append(",\n  \"trades\": ").append(trades.sum())
        .append(",\n  \"latency_ms\": {");
    sep = "";
    for (Exchange e : Exchange.values()) {
      Histogram h = latency.get(e);
      sb.append(sep).append("\n    \"").append(e.name().toLowerCase(Locale.ROOT)).append("\": {\"count\": ")
          .append(h.getTotalCount()).append(", \"p50\": ").append(fmt(ms(h, 50))).append(", \"p99\": ")
          .append(fmt(ms(h, 99))).append(", \"p99_9\": ").append(fmt(ms(h, 99.9))).append(", \"max\": ")
          .append(fmt(h.getMaxValue() / 1000.0)).append(", \"missed_deadline\": ")
          .append(missedDeadline.get(e).sum()).append(", \"lost\": ").append(lost.get(e).sum()).append("}");
      sep = ",";
    }
    sb.append("\n  },\n  \"sent\": ").append(counts(sent)).append(",\n  \"received\": ").append(counts(received))
        .append(",\n  \"errors\": {");
    sep = "";
    for (Map.Entry<String, LongAdder> e : new TreeMap<>(errors).entrySet()) {
      sb.append(sep).append("\"").append(e.getKey()).append("\": ").append(e.getValue().sum());
      sep = ", ";
    }
    return sb.append("}\n}\n").toString();
  }

  /** The result as a markdown table. */
  String toMarkdown(double seconds) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "sent %.0f msg/s, received %.0f msg/s (+ %.0f/s copies to battery devices),"
            + " %d trades, errors %s%n%n", totalSent() / seconds, totalReceived() / seconds,
        batteryCopies.sum() / seconds, trades.sum(), errors.isEmpty() ? "none" : new TreeMap<>(errors).toString()));
    sb.append("| exchange | count | p50 ms | p99 ms | p99.9 ms | max ms | missed deadline | lost |\n");
    sb.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Exchange e : Exchange.values()) {
      Histogram h = latency.get(e);
      sb.append(String.format(Locale.ROOT, "| %s | %d | %.2f | %.2f | %.2f | %.2f | %d | %d |%n", e.label,
          h.getTotalCount(), ms(h, 50), ms(h, 99), ms(h, 99.9), h.getMaxValue() / 1000.0,
          missedDeadline.get(e).sum(), lost.get(e).sum()));
    }
    return sb.toString();
  }

  private static String counts(Map<MessageType, LongAdder> m) {
    StringBuilder sb = new StringBuilder("{");
    String sep = "";
    for (Map.Entry<MessageType, LongAdder> e : m.entrySet()) {
      if (e.getValue().sum() > 0) {
        sb.append(sep).append("\"").append(e.getKey().name()).append("\": ").append(e.getValue().sum());
        sep = ", ";
      }
    }
    return sb.append("}").toString();
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.3f", v);
  }
}
