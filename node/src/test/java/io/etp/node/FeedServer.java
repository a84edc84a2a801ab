package io.etp.node;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * A real HTTP server on 127.0.0.1 answering every request with the body a supplier gives (ENTSO-E XML, Open-Meteo
 * JSON, OpenADR JSON: the providers' formats); records each request's path and query. It can be stopped and started
 * again on the same port, as a provider that goes away and comes back.
 */
final class FeedServer implements AutoCloseable {

  private final String contentType;
  private final Supplier<String> body;
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final ExecutorService executor = Executors.newFixedThreadPool(2);
  private int port;
  private HttpServer server;

  FeedServer(String contentType, Supplier<String> body) {
    this.contentType = contentType;
    this.body = body;
    bind(0);
  }

  private void bind(int wanted) {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), wanted), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", exchange -> {
      try (exchange) {
        requests.add(exchange.getRequestURI().getPath() + "?" + exchange.getRequestURI().getRawQuery());
        byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", contentType);
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
      }
    });
    server.setExecutor(executor);
    server.start();
    port = server.getAddress().getPort();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  List<String> requests() {
    return requests;
  }

  /** The provider goes away: connections are refused from now on. */
  void stop() {
    server.stop(0);
  }

  /** It comes back on the same port. */
  void restart() {
    bind(port);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
