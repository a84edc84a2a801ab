package io.etp.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.etp.api.TestGateway;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failed authentication is limited per client address: a flood of bad keys gets 429 after the burst, without a
 * key-store lookup or an audit row each; one summary line counts them. The buckets behind it are bounded.
 */
class AuthFailureLimitTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aFloodOfBadKeysIsRefusedAfterTheBurstAndAuditedOnceInSummary(@TempDir Path dir) throws Exception {
    try (TestGateway server = TestGateway.onH2(dir, """
        etp.access.anonymous-loopback-viewer = off
        etp.access.cache-ttl = 60s
        etp.access.auth-failures { burst = 5, per-second = 0.01, summary-interval = 1s }
        """)) {
      assertEquals(200, server.get("/api/audit", server.adminKey).statusCode(), "the admin key is verified first");
      List<Integer> statuses = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        HttpResponse<String> r = server.get("/api/events", "etp_bad_key_" + i + "_0123456789abcdefghijkl");
        statuses.add(r.statusCode());
        if (r.statusCode() == 429) {
          assertEquals("too_many_failed_attempts", JSON.readTree(r.body()).path("error").asText());
          assertTrue(r.headers().firstValue("Retry-After").isPresent());
        }
      }
      assertEquals(List.of(401, 401, 401, 401, 401), statuses.subList(0, 5));
      assertTrue(statuses.subList(5, 300).stream().allMatch(s -> s == 429), statuses.toString());
      assertEquals(429, server.get("/api/events", null).statusCode(), "no key counts as a failure too");
      assertEquals(200, server.get("/api/audit", server.adminKey).statusCode(),
          "a key verified before the flood still works from the same address");

      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      long summarised = 0;
      int failed = 0;
      int summaries = 0;
      while (summarised < 296 && System.nanoTime() < deadline) {
        Thread.sleep(200);
        failed = 0;
        summaries = 0;
        summarised = 0;
        for (JsonNode e : JSON.readTree(server.get("/api/audit?limit=1000", server.adminKey).body())) {
          if ("AUTH_FAILED".equals(e.path("kind").asText())) {
            if ("(summary)".equals(e.path("resource").asText())) {
              summaries++;
              summarised += Long.parseLong(e.path("detail").asText().split(" ")[0]);
            } else {
              failed++;
            }
          }
        }
      }
      assertEquals(5, failed, "only the failures within the burst are audited one by one");
      assertEquals(296, summarised, "the summaries count every refused attempt");
      assertTrue(summaries <= 12, "one summary line per interval, not one per attempt: " + summaries);
    }
  }

  @Test
  void bucketsAreBoundedAndIdleOnesAreEvicted() {
    MutableClock clock = new MutableClock();
    TokenBuckets buckets = new TokenBuckets(2, 1.0, 3, clock);
    for (int i = 0; i < 1000; i++) {
      buckets.tryAcquire("10.0.0." + i);
      assertTrue(buckets.size() <= 3, "size " + buckets.size());
    }
    buckets.tryAcquire("a");
    buckets.tryAcquire("a");
    assertEquals(false, buckets.tryAcquire("a").allowed());
    clock.now = clock.now.plusSeconds(3); // every bucket is full again: dropping it changes nothing
    buckets.tryAcquire("b");
    assertEquals(1, buckets.size(), "idle, refilled buckets are gone");
    assertTrue(buckets.tryAcquire("a").allowed());
  }

  @Test
  void theFailureLimiterCountsWhatItRefuses() {
    MutableClock clock = new MutableClock();
    AuthFailureLimiter limiter = new AuthFailureLimiter(2, 0.1, 100, clock);
    assertTrue(limiter.failed("x"));
    assertTrue(limiter.failed("x"));
    assertEquals(false, limiter.failed("x"));
    assertEquals(false, limiter.admit("x").allowed());
    assertTrue(limiter.admit("y").allowed(), "other sources are unaffected");
    clock.now = clock.now.plusSeconds(30);
    assertEquals(2, limiter.drainSummary().orElseThrow().refused());
    assertTrue(limiter.drainSummary().isEmpty());
  }

  static final class MutableClock extends Clock {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
