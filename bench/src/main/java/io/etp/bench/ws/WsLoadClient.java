package io.etp.bench.ws;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Opens N WebSocket connections to a running node's {@code /ws/events} (java.net.http: K clients, each with its own
 * selector thread, sharing a small callback pool; one selector thread for 1,000 sockets becomes the bottleneck), ramps them at a given rate with progress output, then holds them for a measured
 * period. For every event received it records the delivery latency, receive time minus the event's
 * {@code published_at} (the hub's sequencing time, same clock on loopback), in an HdrHistogram; it counts events/s,
 * the DROPPED and MISSED notices the server sends, and connections that failed to open or were closed. Writes a JSON
 * result and a markdown row (docs/benchmarks.md, "WebSocket fan-out").
 */
@Command(name = "ws-load", mixinStandardHelpOptions = true,
    description = "Holds N WebSocket subscribers on a node's /ws/events and measures event delivery latency.")
public final class WsLoadClient implements Callable<Integer> {

  @Option(names = "--url", defaultValue = "ws://127.0.0.1:8080/ws/events",
      description = "The node's live stream (default ${DEFAULT-VALUE}).")
  String url;

  @Option(names = "--clients", defaultValue = "1000", description = "Connections N (default ${DEFAULT-VALUE}).")
  int clients;

  @Option(names = "--ramp-per-second", defaultValue = "50",
      description = "Connections opened per second during the ramp (default ${DEFAULT-VALUE}).")
  double rampPerSecond;

  @Option(names = "--warmup", defaultValue = "5",
      description = "Unmeasured seconds after the ramp (default ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--duration", defaultValue = "60",
      description = "Measured seconds with all connections held (default ${DEFAULT-VALUE}).")
  int duration;

  @Option(names = "--types", description = "Filter: event types, comma-separated (all when absent).")
  String types;

  @Option(names = "--batch", description = "Ask for batched frames (batch=true): during bursts the server sends "
      + "JSON arrays of events, one frame per socket write.")
  boolean batch;

  @Option(names = "--batteries", description = "Filter: battery ids, comma-separated.")
  String batteries;

  @Option(names = "--aggregators", description = "Filter: aggregator ids, comma-separated.")
  String aggregators;

  @Option(names = "--api-key", description = "Viewer API key (Authorization: Bearer); none needed from loopback.",
      defaultValue = "${env:ETP_API_KEY}")
  String apiKey;

  @Option(names = "--callback-threads", defaultValue = "2",
      description = "Threads running the WebSocket callbacks (default ${DEFAULT-VALUE}).")
  int callbackThreads;

  @Option(names = "--http-clients", defaultValue = "4",
      description = "java.net.http clients the connections are spread over, each with its own selector thread "
          + "(default ${DEFAULT-VALUE}).")
  int httpClients;

  @Option(names = "--client", defaultValue = "jdk",
      description = "WebSocket client: jdk (java.net.http, a selector thread per --http-clients) or nio (all "
          + "connections on one selector thread, see NioWebSockets; less CPU beside the node) (default ${DEFAULT-VALUE}).")
  String client;

  @Option(names = "--json", description = "Write the result as JSON to this file.")
  Path json;

  @Option(names = "--markdown", description = "Append the result as a markdown table row to this file.")
  Path markdown;

  @Option(names = "--label", defaultValue = "", description = "A label for the markdown row.")
  String label;

  private final Recorder latencies = new Recorder(TimeUnit.MINUTES.toMicros(10), 3);
  private final LongAdder events = new LongAdder();
  private final LongAdder unparsed = new LongAdder();
  private final LongAdder droppedByServer = new LongAdder();
  private final LongAdder missedByServer = new LongAdder();
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();
  private final AtomicInteger closed = new AtomicInteger();
  private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
  private final AtomicBoolean measuring = new AtomicBoolean();
  private volatile boolean stopping;

  public static void main(String[] args) {
    System.exit(new CommandLine(new WsLoadClient()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    if (clients < 1 || rampPerSecond <= 0 || duration < 1 || warmup < 0 || callbackThreads < 1 || httpClients < 1) {
      throw new CommandLine.ParameterException(new CommandLine(this),
          "--clients, --ramp-per-second, --duration, --callback-threads and --http-clients must be positive, "
              + "--warmup >= 0");
    }
    if (!client.equals("jdk") && !client.equals("nio")) {
      throw new CommandLine.ParameterException(new CommandLine(this), "--client must be jdk or nio: " + client);
    }
    URI uri = URI.create(url + query());
    NioWebSockets nio = client.equals("nio") ? new NioWebSockets(this::message, this::connectionEnded) : null;
    // the java.net.http clients (each with its own selector thread) only when they are the client in use
    ExecutorService callbacks = nio != null ? null : Executors.newFixedThreadPool(callbackThreads, r -> {
      Thread t = new Thread(r, "ws-load-callback");
      t.setDaemon(true);
      return t;
    });
    List<HttpClient> http = new ArrayList<>(httpClients);
    for (int i = 0; nio == null && i < httpClients; i++) {
      http.add(HttpClient.newBuilder().executor(callbacks).connectTimeout(Duration.ofSeconds(30)).build());
    }
    List<CompletableFuture<WebSocket>> sockets = new ArrayList<>(clients);
    List<CompletableFuture<Void>> nioSockets = new ArrayList<>(clients);
    String startedAt = Instant.now().toString();
    String loadStart = loadAverage();
    System.out.printf(Locale.ROOT, "ws-load: %d clients to %s at %.0f/s, then %d s warm-up, %d s measured%n",
        clients, uri, rampPerSecond, warmup, duration);

    long rampStart = System.nanoTime();
    long lastProgress = rampStart;
    long intervalEvents = 0;
    for (int i = 0; i < clients; i++) {
      long due = rampStart + (long) (i * 1e9 / rampPerSecond);
      long wait = due - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      if (nio != null) {
        nioSockets.add(connect(nio, uri));
      } else {
        sockets.add(connect(http.get(i % httpClients), uri));
      }
      if (System.nanoTime() - lastProgress >= 1_000_000_000L) {
        lastProgress = System.nanoTime();
        long now = events.sum();
        progress("ramp", now - intervalEvents, null);
        intervalEvents = now;
      }
    }
    for (CompletableFuture<?> socket : nio != null ? nioSockets : sockets) {
      try {
        socket.get(35, TimeUnit.SECONDS);
      } catch (Exception e) {
        // counted by connect()
      }
    }
    double rampSeconds = (System.nanoTime() - rampStart) / 1e9;
    System.out.printf(Locale.ROOT, "ramp done in %.1f s: %d open, %d failed%n", rampSeconds, open.get(), failed.get());

    for (int s = 0; s < warmup; s++) {
      TimeUnit.SECONDS.sleep(1);
      long now = events.sum();
      progress("warm-up", now - intervalEvents, null);
      intervalEvents = now;
    }
    latencies.reset();
    long eventsAtStart = events.sum();
    long droppedAtStart = droppedByServer.sum();
    long missedAtStart = missedByServer.sum();
    int closedAtStart = closed.get();
    measuring.set(true);
    Histogram total = null;
    long measureStart = System.nanoTime();
    intervalEvents = eventsAtStart;
    int minOpen = open.get();
    for (int s = 0; s < duration; s++) {
      TimeUnit.SECONDS.sleep(1);
      Histogram interval = latencies.getIntervalHistogram();
      total = total == null ? interval.copy() : add(total, interval);
      long now = events.sum();
      progress("measure", now - intervalEvents, interval);
      intervalEvents = now;
      minOpen = Math.min(minOpen, open.get());
    }
    double measuredSeconds = (System.nanoTime() - measureStart) / 1e9;
    measuring.set(false);
    long measuredEvents = events.sum() - eventsAtStart;
    Result result = new Result(startedAt, Instant.now().toString(), loadStart, loadAverage(), uri.toString(), clients,
        rampPerSecond, rampSeconds, duration, open.get(), minOpen, failed.get(), closed.get() - closedAtStart,
        new TreeMap<>(failures.entrySet().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey,
            e -> e.getValue().get()))),
        measuredEvents, measuredEvents / measuredSeconds, droppedByServer.sum() - droppedAtStart,
        missedByServer.sum() - missedAtStart, unparsed.sum(), total);

    stopping = true;
    if (nio != null) {
      nio.close();
    }
    for (CompletableFuture<WebSocket> socket : sockets) {
      if (socket.isDone() && !socket.isCompletedExceptionally()) {
        socket.join().sendClose(WebSocket.NORMAL_CLOSURE, "bench done");
      }
    }
    System.out.println(result.markdownHeader());
    System.out.println(result.markdownRow(label));
    System.out.println(result.json());
    if (json != null) {
      Files.writeString(json, result.json() + "\n");
    }
    if (markdown != null) {
      Files.writeString(markdown, result.markdownRow(label) + "\n", StandardCharsets.UTF_8,
          java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    }
    TimeUnit.MILLISECONDS.sleep(500);
    if (callbacks != null) {
      callbacks.shutdownNow();
    }
    return result.open() == clients && result.failed() == 0 ? 0 : 1;
  }

  private String query() {
    List<String> params = new ArrayList<>();
    if (types != null) {
      params.add("types=" + URLEncoder.encode(types, StandardCharsets.UTF_8));
    }
    if (batteries != null) {
      params.add("batteries=" + URLEncoder.encode(batteries, StandardCharsets.UTF_8));
    }
    if (aggregators != null) {
      params.add("aggregators=" + URLEncoder.encode(aggregators, StandardCharsets.UTF_8));
    }
    if (batch) {
      params.add("batch=true");
    }
    return params.isEmpty() ? "" : (url.contains("?") ? "&" : "?") + String.join("&", params);
  }

  private CompletableFuture<WebSocket> connect(HttpClient http, URI uri) {
    WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30));
    if (apiKey != null && !apiKey.isBlank()) {
      builder.header("Authorization", "Bearer " + apiKey);
    }
    return builder.buildAsync(uri, new Subscriber()).whenComplete((ws, error) -> {
      if (error != null) {
        countFailure(reason(error));
      }
    });
  }

  private CompletableFuture<Void> connect(NioWebSockets nio, URI uri) {
    return nio.connect(uri, apiKey).whenComplete((ok, error) -> {
      if (error != null) {
        countFailure(reason(error));
      } else {
        open.incrementAndGet();
      }
    });
  }

  private void countFailure(String reason) {
    failed.incrementAndGet();
    failures.computeIfAbsent(reason, k -> new AtomicInteger()).incrementAndGet();
  }

  /** A connection that was open ended: counted as closed unless the client is stopping. */
  private void connectionEnded(String why) {
    open.decrementAndGet();
    if (!stopping) {
      closed.incrementAndGet();
      failures.computeIfAbsent("after open: " + why, k -> new AtomicInteger()).incrementAndGet();
    }
  }

  private static String reason(Throwable error) {
    Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
        ? error.getCause() : error;
    if (cause instanceof WebSocketHandshakeException h) {
      return "HTTP " + h.getResponse().statusCode();
    }
    return cause.getClass().getSimpleName();
  }

  /** One connection's listener: reassembles text frames and takes note of each message. */
  private final class Subscriber implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public void onOpen(WebSocket webSocket) {
      open.incrementAndGet();
      webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      Instant received = Instant.now();
      if (!last) {
        partial.append(data);
      } else if (partial.length() > 0) {
        partial.append(data);
        message(partial.toString(), received);
        partial.setLength(0);
      } else {
        message(data.toString(), received);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      connectionEnded("closed " + statusCode);
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      connectionEnded(error.getClass().getSimpleName());
    }

  }

  /**
   * Takes note of one server message. Parsing is by field position rather than a JSON tree, so that 1,000 clients'
   * parsing on the same machine costs as little CPU as possible: events start with {@code {"seq":}, notices with
   * {@code {"type":}.
   */
  void message(String text, Instant received) {
    if (text.startsWith("[")) {
      // a batched frame: the messages in order, each an object starting as below; event payloads hold no such text
      int at = 1;
      while (at < text.length() && text.charAt(at) == '{') {
        int next = nextMessage(text, at + 1);
        message(text.substring(at, next < 0 ? text.length() - 1 : next - 1), received);
        if (next < 0) {
          break;
        }
        at = next;
      }
      return;
    }
    if (text.startsWith("{\"seq\":")) {
      events.increment();
      long published = epochMicros(text, "\"published_at\":\"");
      if (published < 0) {
        published = epochMicros(text, "\"timestamp\":\"");
      }
      if (published < 0) {
        unparsed.increment();
        return;
      }
      long micros = received.getEpochSecond() * 1_000_000L + received.getNano() / 1000 - published;
      if (measuring.get()) {
        latencies.recordValue(Math.max(0, Math.min(micros, TimeUnit.MINUTES.toMicros(10))));
      }
    } else if (text.startsWith("{\"type\":\"DROPPED\"")) {
      droppedByServer.add(number(text, "\"count\":"));
    } else if (text.startsWith("{\"type\":\"MISSED\"")) {
      missedByServer.add(number(text, "\"count\":"));
    }
  }

  /** Where the message after the one starting before {@code from} starts in a batched frame, or -1. */
  private static int nextMessage(String text, int from) {
    int event = text.indexOf(",{\"seq\":", from);
    int notice = text.indexOf(",{\"type\":", from);
    int next = event < 0 ? notice : notice < 0 ? event : Math.min(event, notice);
    return next < 0 ? -1 : next + 1;
  }

  /**
   * The ISO-8601 UTC instant ({@code 2026-11-21T05:00:46.168606578Z}, 0-9 fraction digits) after {@code field}, in
   * microseconds since the epoch, read by position without a formatter; -1 when absent or not in that form.
   */
  static long epochMicros(String text, String field) {
    int at = text.indexOf(field);
    if (at < 0) {
      return -1;
    }
    int i = at + field.length();
    try {
      if (text.length() < i + 20 || text.charAt(i + 4) != '-' || text.charAt(i + 10) != 'T') {
        return -1;
      }
      long day = java.time.LocalDate.of(digits(text, i, 4), digits(text, i + 5, 2), digits(text, i + 8, 2))
          .toEpochDay();
      long seconds = day * 86_400L + digits(text, i + 11, 2) * 3600L + digits(text, i + 14, 2) * 60L
          + digits(text, i + 17, 2);
      int j = i + 19;
      long micros = 0;
      if (text.charAt(j) == '.') {
        int scale = 100_000;
        for (j++; Character.isDigit(text.charAt(j)); j++) {
          micros += (text.charAt(j) - '0') * (long) scale;
          scale /= 10;
        }
      }
      return text.charAt(j) == 'Z' ? seconds * 1_000_000L + micros : -1;
    } catch (RuntimeException e) {
      return -1;
    }
  }

  private static int digits(String text, int from, int count) {
    int value = 0;
    for (int k = from; k < from + count; k++) {
      char c = text.charAt(k);
      if (c < '0' || c > '9') {
        throw new NumberFormatException(text.substring(from, from + count));
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  long eventsReceived() {
    return events.sum();
  }

  long droppedReported() {
    return droppedByServer.sum();
  }

  long missedReported() {
    return missedByServer.sum();
  }

  private static long number(String text, String field) {
    int at = text.indexOf(field);
    if (at < 0) {
      return 0;
    }
    int from = at + field.length();
    int to = from;
    while (to < text.length() && Character.isDigit(text.charAt(to))) {
      to++;
    }
    return to == from ? 0 : Long.parseLong(text.substring(from, to));
  }

  private void progress(String phase, long eventsInSecond, Histogram interval) {
    String p99 = interval == null || interval.getTotalCount() == 0 ? "-"
        : String.format(Locale.ROOT, "%.1f ms", interval.getValueAtPercentile(99) / 1000.0);
    System.out.printf(Locale.ROOT, "[%s] open %d failed %d closed %d | %d events/s | dropped %d missed %d | p99 %s%n",
        phase, open.get(), failed.get(), closed.get(), eventsInSecond, droppedByServer.sum(), missedByServer.sum(),
        p99);
  }

  private static Histogram add(Histogram total, Histogram interval) {
    total.add(interval);
    return total;
  }

  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (Exception e) {
      return "n/a";
    }
  }

  /** One run's figures; latencies in ms. */
  record Result(String startedAt, String endedAt, String loadAtStart, String loadAtEnd, String url, int clients,
                double rampPerSecond, double rampSeconds, int measuredSeconds, int open, int minOpen, int failed,
                int closedDuringMeasurement, Map<String, Integer> failures, long events, double eventsPerSecond,
                long droppedByServer, long missedByServer, long unparsed, Histogram latency) {

    double ms(double percentile) {
      return latency == null || latency.getTotalCount() == 0 ? Double.NaN
          : latency.getValueAtPercentile(percentile) / 1000.0;
    }

    double maxMs() {
      return latency == null || latency.getTotalCount() == 0 ? Double.NaN : latency.getMaxValue() / 1000.0;
    }

    String json() {
      StringBuilder failuresJson = new StringBuilder("{");
      failures.forEach((k, v) -> failuresJson.append(failuresJson.length() > 1 ? "," : "").append('"')
          .append(k.replace("\"", "'")).append("\":").append(v));
      failuresJson.append('}');
      return String.format(Locale.ROOT, "{\"started_at\":\"%s\",\"ended_at\":\"%s\",\"loadavg_start\":\"%s\","
              + "\"loadavg_end\":\"%s\",\"url\":\"%s\",\"clients\":%d,\"ramp_per_second\":%.1f,\"ramp_s\":%.1f,"
              + "\"measured_s\":%d,\"open_at_end\":%d,\"min_open_while_measuring\":%d,\"failed_to_open\":%d,"
              + "\"closed_while_measuring\":%d,\"failures\":%s,\"events\":%d,\"events_per_s\":%.1f,"
              + "\"dropped_by_server\":%d,\"missed_by_server\":%d,\"unparsed\":%d,\"latency_ms\":{\"p50\":%.3f,"
              + "\"p99\":%.3f,\"p999\":%.3f,\"max\":%.3f,\"count\":%d}}",
          startedAt, endedAt, loadAtStart, loadAtEnd, url, clients, rampPerSecond, rampSeconds, measuredSeconds, open,
          minOpen, failed, closedDuringMeasurement, failuresJson, events, eventsPerSecond, droppedByServer,
          missedByServer, unparsed, ms(50), ms(99), ms(99.9), maxMs(), latency == null ? 0 : latency.getTotalCount());
    }

    String markdownHeader() {
      return "| run | clients open/asked | failed | closed | events/s (all clients) | p50 ms | p99 ms | p99.9 ms | "
          + "max ms | dropped | missed |\n|---|---|---|---|---|---|---|---|---|---|---|";
    }

    String markdownRow(String label) {
      return String.format(Locale.ROOT, "| %s | %d/%d | %d | %d | %.0f | %.1f | %.1f | %.1f | %.1f | %d | %d |",
          label.isEmpty() ? startedAt : label, minOpen, clients, failed, closedDuringMeasurement, eventsPerSecond,
          ms(50), ms(99), ms(99.9), maxMs(), droppedByServer, missedByServer);
    }
  }
}
