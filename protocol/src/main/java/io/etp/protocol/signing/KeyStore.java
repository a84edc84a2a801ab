package io.etp.protocol.signing;

import java.time.Instant;
import java.util.Optional;

/** Where per-device keys come from. Implementations must be safe for concurrent use. */
public interface KeyStore {

  /**
   * @param senderId the message's {@code sender_id}
   * @param keyId the message's {@code key_id}
   * @param at the instant the key must be valid at (normally the receiver's clock)
   * @return the key, if {@code senderId} has a key {@code keyId} valid at {@code at}
   */
  Optional<DeviceKey> find(String senderId, String keyId, Instant at);
}
