package io.etp.access;

import java.time.Instant;
import java.util.Objects;

/**
 * One audit entry.
 *
 * @param at       when it happened
 * @param kind     what happened
 * @param keyId    the acting key's id (or the anonymous caller's id), {@code null} when unknown
 * @param remote   the client address, {@code null} when unknown
 * @param resource the request's method and path, or the key concerned
 * @param detail   a short reason, e.g. "unknown key" or "requires admin"
 */
public record AuditEvent(Instant at, AuditKind kind, String keyId, String remote, String resource, String detail) {

  public AuditEvent {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(kind, "kind");
    resource = truncate(resource, 512);
    detail = truncate(detail, 512);
    remote = truncate(remote, 64);
  }

  private static String truncate(String value, int max) {
    return value == null || value.length() <= max ? value : value.substring(0, max);
  }
}
