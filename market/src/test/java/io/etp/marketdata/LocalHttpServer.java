package io.etp.marketdata;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A real HTTP server on 127.0.0.1 (ephemeral port) that answers every request with the current {@link Reply}, which a
 * test may switch at any time (healthy, error, slow). Records each request's path, query and headers.
 */
final class LocalHttpServer implements AutoCloseable {

  /** What the server answers. */
  record Reply(int status, String contentType, String body, Map<String, String> headers, Duration delay) {
    static Reply ok(String contentType, String body) {
      return new Reply(200, contentType, body, Map.of(), Duration.ZERO);
    }

    static Reply status(int status, String contentType, String body) {
      return new Reply(status, contentType, body, Map.of(), Duration.ZERO);
    }

    Reply withHeader(String name, String value) {
      return new Reply(status, contentType, body, Map.of(name, value), delay);
    }

    Reply delayedBy(Duration newDelay) {
      return new Reply(status, contentType, body, headers, newDelay);
    }
  }

  /** One received request. */
  record Request(String path, String rawQuery, Map<String, List<String>> headers) {
    String header(String name) {
      return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0)).findFirst().orElse(null);
    }
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(4);
  private final AtomicReference<Reply> reply;
  private final Queue<Reply> oneShots = new ConcurrentLinkedQueue<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();

  LocalHttpServer(Reply initial) {
    this.reply = new AtomicReference<>(initial);
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", exchange -> {
      try (exchange) {
        requests.add(new Request(exchange.getRequestURI().getPath(), exchange.getRequestURI().getRawQuery(),
            Map.copyOf(exchange.getRequestHeaders())));
        Reply oneShot = oneShots.poll();
        Reply current = oneShot != null ? oneShot : reply.get();
        if (!current.delay().isZero()) {
          Thread.sleep(current.delay().toMillis());
        }
        byte[] body = current.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", current.contentType());
        current.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        exchange.sendResponseHeaders(current.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (IOException e) {
        // the client gave up (timeout test): nothing to answer
      }
    });
    server.setExecutor(executor);
    server.start();
  }

  URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  void answer(Reply next) {
    reply.set(next);
  }

  /** Answers the next request (after earlier queued ones) with {@code once}, then returns to the current reply. */
  void answerNextOnce(Reply once) {
    oneShots.add(once);
  }

  List<Request> requests() {
    return List.copyOf(requests);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  /** A base URL on which nothing listens: a server is bound and closed again, so connections are refused. */
  static URI refusingBaseUrl() {
    LocalHttpServer closed = new LocalHttpServer(Reply.ok("text/plain", ""));
    URI uri = closed.baseUrl();
    closed.close();
    return uri;
  }

  /** A test resource under {@code marketdata/}. */
  static String sample(String name) {
    try (InputStream in = LocalHttpServer.class.getResourceAsStream("/marketdata/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource marketdata/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
