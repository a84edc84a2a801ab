package io.etp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * DNS rebinding: a page on evil.example whose name now resolves to 127.0.0.1 reaches the node with
 * {@code Host: evil.example}. Requests naming a host that is not on etp.http.allowed-hosts are refused with 421 before
 * any route, and a WebSocket whose Origin is on such a host is refused even when its Host matches that Origin.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DnsRebindingTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private TestGateway server;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    server = TestGateway.onH2(dir, """
        etp.access.anonymous-loopback-viewer = on
        etp.http.allowed-hosts = "etp.example.com, 10.1.2.3"
        """);
  }

  @AfterAll
  void stop() {
    server.close();
  }

  @Test
  void aForeignHostIsRefusedWith421AndAProblemBodyOnEveryKindOfRoute() throws Exception {
    for (String path : new String[] {"/api/events", "/api/keys", "/", "/api/openapi.json", "/no-such-path"}) {
      RawHttp.Response r = RawHttp.send(server.port(), "GET", path, Map.of("Host", "evil.example:" + server.port()));
      assertEquals(421, r.status(), path + ": " + r.head());
      assertEquals("misdirected_request", JSON.readTree(r.body()).path("error").asText(), r.body());
    }
    RawHttp.Response withKey = RawHttp.send(server.port(), "GET", "/api/events",
        Map.of("Host", "evil.example", "Authorization", "Bearer " + server.adminKey));
    assertEquals(421, withKey.status(), "a key does not make a foreign Host acceptable");
  }

  @Test
  void theLoopbackNamesTheBindAddressAndConfiguredNamesAreServed() throws Exception {
    for (String host : new String[] {"localhost:" + server.port(), "127.0.0.1:" + server.port(), "[::1]:8080",
        "LOCALHOST", "etp.example.com", "etp.example.com:443", "10.1.2.3:8080"}) {
      RawHttp.Response r = RawHttp.send(server.port(), "GET", "/api/events", Map.of("Host", host));
      assertEquals(200, r.status(), host + ": " + r.head());
    }
  }

  @Test
  void aWebSocketFromARebindingPageIsRefusedEvenWithAMatchingHostAndOrigin() throws Exception {
    RawHttp.Response evil = RawHttp.send(server.port(), "GET", "/ws/events", RawHttp.upgrade(Map.of(
        "Host", "evil.example:" + server.port(), "Origin", "http://evil.example:" + server.port())));
    assertTrue(evil.status() == 421 || evil.status() == 403, evil.head());

    RawHttp.Response evilOrigin = RawHttp.send(server.port(), "GET", "/ws/events", RawHttp.upgrade(Map.of(
        "Host", "127.0.0.1:" + server.port(), "Origin", "http://evil.example:" + server.port())));
    assertEquals(403, evilOrigin.status(), evilOrigin.head());

    RawHttp.Response own = RawHttp.send(server.port(), "GET", "/ws/events", RawHttp.upgrade(Map.of(
        "Host", "127.0.0.1:" + server.port(), "Origin", "http://127.0.0.1:" + server.port())));
    assertEquals(101, own.status(), own.head());
    RawHttp.Response named = RawHttp.send(server.port(), "GET", "/ws/events", RawHttp.upgrade(Map.of(
        "Host", "etp.example.com", "Origin", "https://etp.example.com", "Authorization",
        "Bearer " + server.adminKey)));
    assertEquals(101, named.status(), named.head());
  }
}
