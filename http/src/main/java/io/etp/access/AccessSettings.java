package io.etp.access;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.Optional;

/**
 * Access settings, read once from {@code etp.access} (cluster-config/http.conf).
 *
 * @param bootstrapAdminKey          raw admin key from ETP_ADMIN_API_KEY, stored (hashed) at start; empty if unset
 * @param generateAdminKeyAtFirstStart when no admin key exists and none is given: create one and print it once
 * @param anonymousLoopbackViewer    callers without a key that connect directly from a loopback address are viewers
 * @param cacheTtl                   how long a looked-up key is trusted before the store is asked again
 * @param rateLimitEnabled           whether the per-caller token buckets apply
 * @param rateLimitBurst             bucket size
 * @param rateLimitPerSecond         refill rate
 * @param dbQueue                    pending database operations before new ones are refused (503)
 * @param auditQueue                 audit events waiting to be stored before new ones are only logged
 * @param auditBatch                 audit events per insert batch
 * @param rateLimitMaxBuckets        callers (keys, anonymous addresses) with a bucket at most; idle ones are evicted
 * @param authFailureBurst           failed authentications a client address may make in a row
 * @param authFailurePerSecond       the rate at which its allowance comes back
 * @param authFailureMaxSources      client addresses tracked at most (least recently seen evicted first)
 * @param authFailureSummaryInterval how often the count of refused, unaudited attempts is logged and audited
 */
public record AccessSettings(Optional<String> bootstrapAdminKey, boolean generateAdminKeyAtFirstStart,
                             boolean anonymousLoopbackViewer, Duration cacheTtl, boolean rateLimitEnabled,
                             int rateLimitBurst, double rateLimitPerSecond, int dbQueue, int auditQueue,
                             int auditBatch, int rateLimitMaxBuckets, int authFailureBurst,
                             double authFailurePerSecond, int authFailureMaxSources,
                             Duration authFailureSummaryInterval) {

  public AccessSettings {
    bootstrapAdminKey = bootstrapAdminKey.filter(k -> !k.isBlank());
    bootstrapAdminKey.ifPresent(k -> {
      if (k.length() < KeySecrets.MIN_LENGTH) {
        throw new IllegalArgumentException("ETP_ADMIN_API_KEY must be at least " + KeySecrets.MIN_LENGTH
            + " characters (generate one with: openssl rand -base64 32)");
      }
    });
  }

  public static AccessSettings fromConfig(Config config) {
    Config c = config.getConfig("etp.access");
    return new AccessSettings(
        c.hasPath("bootstrap-admin-key") ? Optional.of(c.getString("bootstrap-admin-key")) : Optional.empty(),
        c.getBoolean("generate-admin-key-at-first-start"), c.getBoolean("anonymous-loopback-viewer"),
        c.getDuration("cache-ttl"), c.getBoolean("rate-limit.enabled"), c.getInt("rate-limit.burst"),
        c.getDouble("rate-limit.per-second"), c.getInt("db-queue"), c.getInt("audit.queue"),
        c.getInt("audit.batch"), c.getInt("rate-limit.max-buckets"), c.getInt("auth-failures.burst"),
        c.getDouble("auth-failures.per-second"), c.getInt("auth-failures.max-sources"),
        c.getDuration("auth-failures.summary-interval"));
  }
}
