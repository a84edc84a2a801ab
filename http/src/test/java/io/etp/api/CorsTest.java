package io.etp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Cross-origin rules for the API and the WebSocket, with etp.http.cors.allowed-origins configured. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CorsTest {

  private static final String ALLOWED = "https://ops.example.com";
  private TestGateway server;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    server = TestGateway.onH2(dir, """
        etp.http.cors.allowed-origins = "https://ops.example.com, https://grafana.example.com"
        etp.http.cors.max-age = 5m
        etp.access.anonymous-loopback-viewer = on
        """);
  }

  @AfterAll
  void stop() {
    server.close();
  }

  @Test
  void answersAPreflightFromAnAllowedOriginWithoutAKey() throws Exception {
    HttpResponse<String> response = server.send(HttpRequest.newBuilder(server.http("/api/keys"))
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
        .header("Origin", ALLOWED)
        .header("Access-Control-Request-Method", "POST")
        .header("Access-Control-Request-Headers", "authorization, content-type"), null);
    assertEquals(204, response.statusCode());
    assertEquals(ALLOWED, response.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
    assertTrue(response.headers().firstValue("Access-Control-Allow-Headers").orElse("").contains("Authorization"));
    assertEquals("300", response.headers().firstValue("Access-Control-Max-Age").orElse(""));
  }

  @Test
  void marksResponsesToAnAllowedOriginAndNotToOthers() throws Exception {
    HttpResponse<String> allowed = server.send(HttpRequest.newBuilder(server.http("/api/events"))
        .header("Origin", ALLOWED).GET(), server.adminKey);
    assertEquals(ALLOWED, allowed.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
    assertTrue(allowed.headers().firstValue("Access-Control-Expose-Headers").orElse("").contains("Retry-After"));

    HttpResponse<String> other = server.send(HttpRequest.newBuilder(server.http("/api/events"))
        .header("Origin", "https://evil.example.net").GET(), server.adminKey);
    assertTrue(other.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
  }

  @Test
  void refusesAWebSocketFromAForeignOriginEvenForTheLoopbackViewer() throws Exception {
    try {
      server.client.newWebSocketBuilder().header("Origin", "https://evil.example.net")
          .buildAsync(server.ws("/ws/events"), new java.net.http.WebSocket.Listener() {})
          .get(10, TimeUnit.SECONDS).abort();
      fail("a foreign page opened the live stream");
    } catch (ExecutionException e) {
      assertEquals(403, ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode());
    }
    var ok = server.client.newWebSocketBuilder().header("Origin", ALLOWED)
        .buildAsync(server.ws("/ws/events"), new java.net.http.WebSocket.Listener() {})
        .get(10, TimeUnit.SECONDS);
    ok.abort();
    var sameOrigin = server.client.newWebSocketBuilder().header("Origin", "http://127.0.0.1:" + server.port())
        .connectTimeout(Duration.ofSeconds(5))
        .buildAsync(server.ws("/ws/events"), new java.net.http.WebSocket.Listener() {})
        .get(10, TimeUnit.SECONDS);
    sameOrigin.abort();
  }
}
