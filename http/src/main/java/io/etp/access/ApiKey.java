package io.etp.access;

import java.time.Instant;
import java.util.Objects;

/**
 * A stored API key, without its secret: the database holds only the SHA-256 hash of the raw key and a short prefix
 * that lets an operator tell keys apart.
 *
 * @param id        stable identifier (a UUID), used by the revoke route
 * @param label     unique human-readable name, e.g. "grafana" or "ops-alice"
 * @param role      what the key may do
 * @param prefix    the raw key's first characters, e.g. {@code etp_Xq3v9a}
 * @param createdAt when it was created
 * @param revokedAt when it was revoked, or {@code null} while active
 */
public record ApiKey(String id, String label, Role role, String prefix, Instant createdAt, Instant revokedAt) {

  public ApiKey {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  public boolean active() {
    return revokedAt == null;
  }
}
