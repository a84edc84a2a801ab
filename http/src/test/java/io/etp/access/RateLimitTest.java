package io.etp.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.etp.api.TestGateway;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-key token bucket, through the real HTTP server. */
class RateLimitTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aKeyOverItsBurstGets429WithRetryAfterWhileOtherKeysAreServed(@TempDir Path dir) throws Exception {
    try (TestGateway server = TestGateway.onH2(dir, """
        etp.access.anonymous-loopback-viewer = off
        etp.access.rate-limit { enabled = on, burst = 3, per-second = 0.2 }
        """)) {
      HttpResponse<String> created = server.post("/api/keys", server.adminKey,
          "{\"label\":\"busy-dashboard\",\"role\":\"viewer\"}");
      String viewer = JSON.readTree(created.body()).path("key").asText();
      for (int i = 0; i < 3; i++) {
        assertEquals(200, server.get("/api/events", viewer).statusCode(), "request " + (i + 1));
      }
      HttpResponse<String> limited = server.get("/api/events", viewer);
      assertEquals(429, limited.statusCode());
      assertEquals("rate_limited", JSON.readTree(limited.body()).path("error").asText());
      long retryAfter = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
      assertTrue(retryAfter >= 1 && retryAfter <= 5, "Retry-After " + retryAfter + " s for a refill of 0.2/s");

      assertEquals(200, server.get("/api/events", server.adminKey).statusCode(), "another key has its own bucket");
      HttpResponse<String> audit = server.get("/api/audit", server.adminKey);
      assertEquals(200, audit.statusCode());
      boolean recorded = false;
      for (JsonNode e : JSON.readTree(audit.body())) {
        recorded |= e.path("kind").asText().equals("RATE_LIMITED") && e.path("resource").asText().equals("GET /api/events");
      }
      assertTrue(recorded, audit.body());
    }
  }

  @Test
  void bucketsRefillOverTimeAndAreKeptPerCaller() {
    MutableClock clock = new MutableClock();
    TokenBuckets buckets = new TokenBuckets(2, 1.0, clock);
    assertTrue(buckets.tryAcquire("a").allowed());
    assertTrue(buckets.tryAcquire("a").allowed());
    TokenBuckets.Decision refused = buckets.tryAcquire("a");
    assertTrue(!refused.allowed());
    assertEquals(1000, refused.retryAfter().toMillis());
    assertTrue(buckets.tryAcquire("b").allowed(), "another caller has its own bucket");

    clock.advanceMillis(1000);
    assertTrue(buckets.tryAcquire("a").allowed(), "one token refilled after a second");
    assertTrue(!buckets.tryAcquire("a").allowed());
  }

  private static final class MutableClock extends java.time.Clock {
    private java.time.Instant now = java.time.Instant.parse("2026-01-01T00:00:00Z");

    void advanceMillis(long ms) {
      now = now.plusMillis(ms);
    }

    @Override
    public java.time.ZoneId getZone() {
      return java.time.ZoneOffset.UTC;
    }

    @Override
    public java.time.Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public java.time.Instant instant() {
      return now;
    }
  }
}
