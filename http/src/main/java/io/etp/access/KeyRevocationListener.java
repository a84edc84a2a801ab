package io.etp.access;

/** Told when a key is revoked on this node, so that whatever that key opened (live streams) can be closed. */
@FunctionalInterface
public interface KeyRevocationListener {

  void revoked(String keyId);
}
