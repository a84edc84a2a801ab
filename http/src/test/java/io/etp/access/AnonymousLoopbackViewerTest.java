package io.etp.access;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.etp.api.TestGateway;
import io.etp.api.WsClient;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded default: callers without a key, straight from loopback, are viewers and nothing more. */
class AnonymousLoopbackViewerTest {

  @Test
  void aLoopbackCallerWithoutAKeyIsAViewerOnly(@TempDir Path dir) throws Exception {
    try (TestGateway server = TestGateway.onH2(dir, "etp.access.anonymous-loopback-viewer = on")) {
      assertEquals(200, server.get("/api/events", null).statusCode());
      assertEquals(403, server.get("/api/keys", null).statusCode(), "anonymous is never more than a viewer");
      try (WsClient client = WsClient.connect(server.client, server.ws("/ws/events"))) {
        assertEquals("HELLO", client.next(Duration.ofSeconds(5)).path("type").asText());
      }
    }
  }

  @Test
  void aRequestForwardedByAProxyIsNotAnonymous(@TempDir Path dir) throws Exception {
    try (TestGateway server = TestGateway.onH2(dir, "etp.access.anonymous-loopback-viewer = on")) {
      var forwarded = server.send(HttpRequest.newBuilder(server.http("/api/events"))
          .header("X-Forwarded-For", "203.0.113.7").GET(), null);
      assertEquals(401, forwarded.statusCode());
    }
  }

  @Test
  void withTheSettingOffALoopbackCallerNeedsAKey(@TempDir Path dir) throws Exception {
    try (TestGateway server = TestGateway.onH2(dir, "etp.access.anonymous-loopback-viewer = off")) {
      assertEquals(401, server.get("/api/events", null).statusCode());
    }
  }
}
