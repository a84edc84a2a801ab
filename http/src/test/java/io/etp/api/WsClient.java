package io.etp.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/**
 * A real WebSocket client (the JDK's) with explicit demand: while {@link #pause() paused} it requests no messages, so
 * it stops reading its socket and the server sees a slow client. Messages (possibly fragmented) are parsed as JSON.
 */
public final class WsClient implements AutoCloseable {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
  private final AtomicBoolean paused = new AtomicBoolean();
  private final WebSocket socket;
  private final java.util.concurrent.CompletableFuture<Integer> closed = new java.util.concurrent.CompletableFuture<>();

  private WsClient(HttpClient client, URI uri) throws Exception {
    socket = client.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
        .buildAsync(uri, new Listener()).get(10, TimeUnit.SECONDS);
  }

  public static WsClient connect(HttpClient client, URI uri) throws Exception {
    return new WsClient(client, uri);
  }

  /** The next message, failing the test if none arrives within {@code timeout}. */
  public JsonNode next(Duration timeout) throws InterruptedException {
    JsonNode message = messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (message == null) {
      throw new AssertionError("no WebSocket message within " + timeout);
    }
    return message;
  }

  /** Skips messages until one matches (failing after {@code timeout}). */
  public JsonNode nextMatching(Predicate<JsonNode> wanted, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      JsonNode message = left > 0 ? messages.poll(left, TimeUnit.NANOSECONDS) : null;
      if (message == null) {
        throw new AssertionError("no matching WebSocket message within " + timeout);
      }
      if (wanted.test(message)) {
        return message;
      }
    }
  }

  /** Completes with the close status code when the server closes the connection (or with -1 on an error). */
  public java.util.concurrent.CompletableFuture<Integer> closed() {
    return closed;
  }

  /** Messages already received and not yet taken. */
  public int pending() {
    return messages.size();
  }

  public void send(String text) {
    socket.sendText(text, true).join();
  }

  /** One frame of a text message; {@code last} ends the message. */
  public void sendPart(String text, boolean last) {
    socket.sendText(text, last).join();
  }

  /** Stops requesting messages: the client stops reading from its socket. */
  public void pause() {
    paused.set(true);
  }

  /** Requests messages again. */
  public void resume() {
    paused.set(false);
    socket.request(1);
  }

  @Override
  public void close() {
    socket.abort();
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public void onOpen(WebSocket webSocket) {
      webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closed.complete(statusCode);
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      closed.complete(-1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        try {
          messages.add(MAPPER.readTree(partial.toString()));
        } catch (Exception e) {
          throw new IllegalStateException("server sent a message that is not JSON: " + partial, e);
        }
        partial.setLength(0);
      }
      if (!paused.get()) {
        webSocket.request(1);
      }
      return null;
    }
  }
}
