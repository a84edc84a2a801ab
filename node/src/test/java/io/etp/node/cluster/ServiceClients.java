package io.etp.node.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Clients of the cluster as a Kubernetes Service would route them: requests go to the nodes whose
 * {@code /health/ready} answered 200 at the latest probe (every 500 ms, like a readiness probe), round robin. A
 * connection that fails (refused, reset: the node went away) is a reconnect: the client tries the next ready node.
 * Anything else is an error: an HTTP status other than 200, a request that no ready node answers, a WebSocket closed
 * with an error code (1011, 1008, ...) or that cannot reconnect within 30 s.
 */
public final class ServiceClients implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final List<NodeProcess> nodes;
  private final Set<NodeProcess> ready = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final List<Thread> threads = new ArrayList<>();
  private final AtomicInteger next = new AtomicInteger();

  final AtomicLong httpOk = new AtomicLong();
  final AtomicLong httpReconnects = new AtomicLong();
  final List<String> httpErrors = Collections.synchronizedList(new ArrayList<>());
  final List<Ws> sockets = new ArrayList<>();

  /**
   * Starts the probe, {@code httpLoops} request loops (each GETs {@code /api/batteries/bess-K} and {@code /api/trades}
   * in turn) and {@code webSockets} live-stream clients of TRADE_CONFIRMED events.
   */
  public ServiceClients(List<NodeProcess> nodes, int httpLoops, int webSockets, int batteries) {
    this.nodes = List.copyOf(nodes);
    probeOnce();
    spawn("probe", () -> {
      while (running.get()) {
        probeOnce();
        sleep(500);
      }
    });
    for (int i = 0; i < httpLoops; i++) {
      int loop = i;
      spawn("http-" + i, () -> {
        long n = loop;
        while (running.get()) {
          String path = n % 2 == 0 ? "api/batteries/bess-" + (1 + (n / 2) % batteries) : "api/trades";
          request(path);
          n++;
          sleep(100);
        }
      });
    }
    for (int i = 0; i < webSockets; i++) {
      Ws ws = new Ws(i);
      sockets.add(ws);
      spawn("ws-" + i, ws::run);
    }
  }

  private void probeOnce() {
    for (NodeProcess n : nodes) {
      if (n.alive() && n.ready()) {
        ready.add(n);
      } else {
        ready.remove(n);
      }
    }
  }

  private NodeProcess pick() {
    List<NodeProcess> r = new ArrayList<>(ready);
    r.sort((a, b) -> Integer.compare(a.index(), b.index()));
    return r.isEmpty() ? null : r.get(Math.floorMod(next.getAndIncrement(), r.size()));
  }

  /** One request as a client of the Service: reconnects to another ready node when a connection fails. */
  private void request(String path) {
    for (int attempt = 0; attempt < 3 && running.get(); attempt++) {
      NodeProcess n = pick();
      if (n == null) {
        sleep(500);
        continue;
      }
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(n.baseUrl() + path))
            .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          httpOk.incrementAndGet();
        } else {
          httpErrors.add(n.name() + " GET /" + path + ": " + r.statusCode() + " " + abbreviate(r.body()));
        }
        return;
      } catch (IOException connectionLost) {
        httpReconnects.incrementAndGet();
      } catch (InterruptedException e) {
        return;
      }
    }
    if (running.get()) {
      httpErrors.add("GET /" + path + ": no ready node answered in 3 attempts");
    }
  }

  /** A live-stream client that reconnects to a ready node whenever its connection ends. */
  final class Ws implements WebSocket.Listener {
    final int id;
    final AtomicInteger connects = new AtomicInteger();
    final AtomicLong events = new AtomicLong();
    final AtomicLong eventsSinceConnect = new AtomicLong();
    final Set<String> tradedAuctions = ConcurrentHashMap.newKeySet();
    final List<String> closes = Collections.synchronizedList(new ArrayList<>());
    final List<String> errors = Collections.synchronizedList(new ArrayList<>());
    private volatile CompletableFuture<String> ended;
    private volatile WebSocket socket;
    private final StringBuilder partial = new StringBuilder();

    Ws(int id) {
      this.id = id;
    }

    void run() {
      while (running.get()) {
        long since = System.nanoTime();
        WebSocket s = null;
        NodeProcess n = null;
        while (running.get() && s == null) {
          n = nodes.get(Math.floorMod(id + connects.get(), nodes.size()));
          if (!ready.contains(n)) {
            n = pick();
          }
          if (n != null) {
            try {
              ended = new CompletableFuture<>();
              s = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(3))
                  .buildAsync(URI.create("ws://" + n.host() + ":" + NodeProcess.HTTP_PORT
                      + "/ws/events?types=TRADE_CONFIRMED"), this).get(10, TimeUnit.SECONDS);
            } catch (Exception refused) {
              s = null;
            }
          }
          if (s == null) {
            if (System.nanoTime() - since > TimeUnit.SECONDS.toNanos(30)) {
              errors.add("ws-" + id + ": no reconnect within 30 s");
              since = System.nanoTime();
            }
            sleep(250);
          }
        }
        if (s == null) {
          return;
        }
        socket = s;
        connects.incrementAndGet();
        eventsSinceConnect.set(0);
        try {
          String how = ended.get();
          closes.add(n.name() + ": " + how);
        } catch (Exception e) {
          return;
        }
      }
    }

    @Override
    public void onOpen(WebSocket webSocket) {
      webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        try {
          JsonNode m = JSON.readTree(partial.toString());
          String type = m.path("type").asText();
          if (type.equals("TRADE_CONFIRMED")) {
            events.incrementAndGet();
            eventsSinceConnect.incrementAndGet();
            tradedAuctions.add(m.path("auction_id").asText());
          } else if (type.equals("ERROR")) {
            errors.add("ws-" + id + " error message: " + partial);
          }
        } catch (IOException e) {
          errors.add("ws-" + id + " not JSON: " + abbreviate(partial.toString()));
        }
        partial.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      // 1000 normal, 1001 going away (the node stops): the reconnect; anything else is an error
      if (statusCode != 1000 && statusCode != 1001 && running.get()) {
        errors.add("ws-" + id + " closed with " + statusCode + " " + reason);
      }
      ended.complete("close " + statusCode);
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      // the connection was lost without a close frame (the node was killed or its server stopped): a reconnect
      if (!(error instanceof IOException) && running.get()) {
        errors.add("ws-" + id + " " + error);
      }
      ended.complete("lost: " + error.getClass().getSimpleName());
    }

    void stop() {
      WebSocket s = socket;
      if (s != null) {
        s.abort();
      }
      CompletableFuture<String> e = ended;
      if (e != null) {
        e.complete("stopped");
      }
    }
  }

  /** Every error seen so far, HTTP and WebSocket. */
  public List<String> errors() {
    List<String> all = new ArrayList<>(httpErrors);
    sockets.forEach(s -> all.addAll(s.errors));
    return all;
  }

  public String summary() {
    List<String> firstErrors;
    synchronized (httpErrors) {
      firstErrors = List.copyOf(httpErrors.subList(0, Math.min(5, httpErrors.size())));
    }
    StringBuilder b = new StringBuilder(String.format("HTTP: %d ok, %d reconnects, %d errors %s", httpOk.get(),
        httpReconnects.get(), httpErrors.size(), firstErrors));
    for (Ws s : sockets) {
      b.append(String.format("; ws-%d: %d connects, %d TRADE_CONFIRMED events (%d since the last connect), "
          + "%d errors, ends %s", s.id, s.connects.get(), s.events.get(), s.eventsSinceConnect.get(), s.errors.size(),
          s.closes));
    }
    return b.toString();
  }

  private void spawn(String name, Runnable r) {
    Thread t = new Thread(r, "faults-" + name);
    t.setDaemon(true);
    threads.add(t);
    t.start();
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String abbreviate(String s) {
    return s.length() > 200 ? s.substring(0, 200) + "..." : s;
  }

  @Override
  public void close() throws InterruptedException {
    running.set(false);
    sockets.forEach(Ws::stop);
    for (Thread t : threads) {
      t.join(15_000);
    }
  }
}
