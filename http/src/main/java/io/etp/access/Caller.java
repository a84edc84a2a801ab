package io.etp.access;

/**
 * Who made a request that passed authentication.
 *
 * @param id        the API key's id, or {@code anonymous@<address>} for the loopback anonymous viewer
 * @param label     the key's label, or "anonymous"
 * @param role      what it may do
 * @param anonymous whether no key was presented (loopback viewer, when configured)
 */
public record Caller(String id, String label, Role role, boolean anonymous) {

  static Caller of(ApiKey key) {
    return new Caller(key.id(), key.label(), key.role(), false);
  }
}
