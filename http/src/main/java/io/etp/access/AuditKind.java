package io.etp.access;

/** Security-relevant things the audit log records. */
public enum AuditKind {
  /** Credentials missing, unknown or revoked. */
  AUTH_FAILED,
  /** Authenticated, but the role does not allow the request. */
  ROLE_DENIED,
  /** The caller's token bucket was empty. */
  RATE_LIMITED,
  KEY_CREATED,
  KEY_REVOKED,
  /** A key was stored from ETP_ADMIN_API_KEY or generated at first start. */
  KEY_BOOTSTRAPPED
}
