package io.etp.access;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.etp.api.RawHttp;
import io.etp.api.TestGateway;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Loopback is a viewer" only for requests with no proxy header of any kind; behind a trusted proxy the client address
 * comes from the proxy's forwarding header (audit, per-source limits), and from nobody else's.
 */
class ProxyHeadersTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void anyProxyHeaderCancelsTheAnonymousLoopbackViewer(@TempDir Path dir) throws Exception {
    try (TestGateway server = TestGateway.onH2(dir, "etp.access.anonymous-loopback-viewer = on")) {
      String host = "127.0.0.1:" + server.port();
      assertEquals(200, RawHttp.send(server.port(), "GET", "/api/events", Map.of("Host", host)).status());
      for (String header : new String[] {"Via", "Forwarded", "X-Forwarded-For", "X-Forwarded-Host",
          "X-Forwarded-Proto", "X-Real-IP", "X-Client-IP", "True-Client-IP", "CF-Connecting-IP",
          "Fastly-Client-IP", "X-Cluster-Client-IP"}) {
        String value = header.equals("Via") ? "1.1 proxy" : header.equals("Forwarded") ? "for=203.0.113.7"
            : header.startsWith("X-Forwarded-P") ? "https" : header.equals("X-Forwarded-Host") ? "etp.example.com"
            : "203.0.113.7";
        RawHttp.Response r = RawHttp.send(server.port(), "GET", "/api/events", Map.of("Host", host, header, value));
        assertEquals(401, r.status(), header + " alone must not read as the loopback viewer: " + r.head());
      }
    }
  }

  @Test
  void behindATrustedProxyTheClientIsTakenFromItsForwardingHeader(@TempDir Path dir) throws Exception {
    try (TestGateway server = TestGateway.onH2(dir, """
        etp.access.anonymous-loopback-viewer = off
        etp.http.trusted-proxies = ["127.0.0.0/8"]
        etp.access.auth-failures { burst = 100, per-second = 1 }
        """)) {
      String host = "127.0.0.1:" + server.port();
      RawHttp.send(server.port(), "GET", "/api/events", Map.of("Host", host,
          "X-Forwarded-For", "198.51.100.9, 203.0.113.7", "Authorization", "Bearer etp_wrong_key_xxxxxxxxxxxxxxxx"));
      RawHttp.send(server.port(), "GET", "/api/events", Map.of("Host", host,
          "Forwarded", "for=\"[2001:db8::5]:4711\";proto=https", "Authorization", "Bearer etp_wrong_key_yyyyyyy"));
      JsonNode audit = awaitAudit(server, 2);
      assertEquals("2001:db8:0:0:0:0:0:5", audit.get(0).path("remote").asText(), audit.toString());
      assertEquals("203.0.113.7", audit.get(1).path("remote").asText(), "the proxy's nearest hop, not the "
          + "client-supplied first entry");
    }
  }

  @Test
  void forwardingHeadersFromAnUntrustedPeerAreIgnored(@TempDir Path dir) throws Exception {
    try (TestGateway server = TestGateway.onH2(dir, """
        etp.access.anonymous-loopback-viewer = off
        etp.http.trusted-proxies = "10.0.0.0/8, 192.168.1.1"
        """)) {
      RawHttp.send(server.port(), "GET", "/api/events", Map.of("Host", "127.0.0.1:" + server.port(),
          "X-Forwarded-For", "203.0.113.7", "Authorization", "Bearer etp_wrong_key_zzzzzzzzzzzzzzzzzz"));
      assertEquals("127.0.0.1", awaitAudit(server, 1).get(0).path("remote").asText());
    }
  }

  private static JsonNode awaitAudit(TestGateway server, int failures) throws Exception {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (true) {
      JsonNode all = JSON.readTree(server.get("/api/audit?limit=50", server.adminKey).body());
      com.fasterxml.jackson.databind.node.ArrayNode failed = JSON.createArrayNode();
      all.forEach(e -> {
        if ("AUTH_FAILED".equals(e.path("kind").asText())) {
          failed.add(e);
        }
      });
      if (failed.size() >= failures || System.nanoTime() > deadline) {
        return failed;
      }
      Thread.sleep(100);
    }
  }
}
