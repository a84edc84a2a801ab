package io.etp.protocol.signing;

import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link KeyStore} held in memory, safe for concurrent use. Rotation: add the new key with a window that overlaps the
 * old one, switch signers to it, and let the old key's window end (or {@link #remove} it).
 */
public final class InMemoryKeyStore implements KeyStore {

  private final Map<String, Map<String, DeviceKey>> keysBySender = new ConcurrentHashMap<>();

  /**
   * Adds a key, replacing any key with the same sender and key id.
   *
   * @param key the key
   * @return this store
   */
  public InMemoryKeyStore add(DeviceKey key) {
    keysBySender.computeIfAbsent(key.senderId(), s -> new ConcurrentHashMap<>()).put(key.keyId(), key);
    return this;
  }

  /**
   * Revokes a key at once.
   *
   * @param senderId the sender
   * @param keyId the key
   * @return whether a key was removed
   */
  public boolean remove(String senderId, String keyId) {
    Map<String, DeviceKey> keys = keysBySender.get(senderId);
    return keys != null && keys.remove(keyId) != null;
  }

  @Override
  public Optional<DeviceKey> find(String senderId, String keyId, Instant at) {
    Map<String, DeviceKey> keys = keysBySender.get(senderId);
    if (keys == null) {
      return Optional.empty();
    }
    DeviceKey key = keys.get(keyId);
    return key != null && key.isValidAt(at) ? Optional.of(key) : Optional.empty();
  }

  /**
   * The key a sender should sign with now: of its keys valid at {@code at}, the one that became valid last.
   *
   * @param senderId the sender
   * @param at the instant
   * @return the newest valid key, if any
   */
  public Optional<DeviceKey> signingKey(String senderId, Instant at) {
    Map<String, DeviceKey> keys = keysBySender.get(senderId);
    if (keys == null) {
      return Optional.empty();
    }
    return keys.values().stream().filter(k -> k.isValidAt(at)).max(Comparator.comparing(DeviceKey::validFrom));
  }
}
