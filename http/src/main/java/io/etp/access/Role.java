package io.etp.access;

import java.util.Locale;
import java.util.Optional;

/** What a caller may do, ordered: every role can do what the roles before it can. */
public enum Role {
  /** Reads the live stream, the dashboard's snapshots and event history. */
  VIEWER,
  /** Also operates the market (opening or terminating auctions, once the core serves those routes). */
  OPERATOR,
  /** Also manages API keys and reads the audit log. */
  ADMIN;

  /** Whether a caller with this role may do what {@code required} allows. */
  public boolean satisfies(Role required) {
    return ordinal() >= required.ordinal();
  }

  /** The wire and database form: lower case. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code viewer}, {@code operator} or {@code admin} (any case). */
  public static Optional<Role> parse(String value) {
    if (value == null) {
      return Optional.empty();
    }
    for (Role role : values()) {
      if (role.wireName().equalsIgnoreCase(value.trim())) {
        return Optional.of(role);
      }
    }
    return Optional.empty();
  }
}
