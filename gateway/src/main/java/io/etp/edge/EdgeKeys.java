package io.etp.edge;

import io.etp.protocol.signing.DeviceKey;
import io.etp.protocol.signing.InMemoryKeyStore;
import io.etp.protocol.signing.KeyStore;
import io.etp.protocol.v1.PeerRole;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The device keys of the gateway with the role each key's sender may take. Every key names the sender id it speaks
 * for (its {@link DeviceKey#senderId()}) and one role, battery or aggregator; all keys of one sender share that role,
 * so a device cannot choose its role by choosing a key. The gateway takes a connection's role from here, never from
 * the device's hello. Safe for concurrent use.
 */
public final class EdgeKeys implements KeyStore {

  private final InMemoryKeyStore keys = new InMemoryKeyStore();
  private final Map<String, PeerRole> roles = new ConcurrentHashMap<>();

  /**
   * @param role {@code PEER_ROLE_BATTERY} or {@code PEER_ROLE_AGGREGATOR}
   * @param key the key; its sender id is the id the device speaks for
   * @return this
   * @throws IllegalArgumentException for another role, or when the sender already holds keys of another role
   */
  public EdgeKeys add(PeerRole role, DeviceKey key) {
    Objects.requireNonNull(key, "key");
    if (role != PeerRole.PEER_ROLE_BATTERY && role != PeerRole.PEER_ROLE_AGGREGATOR) {
      throw new IllegalArgumentException("a device key is for a battery or an aggregator, not " + role);
    }
    PeerRole before = roles.putIfAbsent(key.senderId(), role);
    if (before != null && before != role) {
      throw new IllegalArgumentException("sender " + key.senderId() + " already has keys for role " + roleName(before)
          + ": one id takes one role");
    }
    keys.add(key);
    return this;
  }

  /**
   * @param senderId a sender id
   * @return the role its keys allow, if it has keys
   */
  public Optional<PeerRole> roleOf(String senderId) {
    return Optional.ofNullable(roles.get(senderId));
  }

  @Override
  public Optional<DeviceKey> find(String senderId, String keyId, Instant at) {
    return keys.find(senderId, keyId, at);
  }

  /** @return how many senders hold keys */
  public int senders() {
    return roles.size();
  }

  /**
   * @param role a device role
   * @return its word in the keys file ({@code battery}, {@code aggregator}) or the enum name
   */
  public static String roleName(PeerRole role) {
    return switch (role) {
      case PEER_ROLE_BATTERY -> "battery";
      case PEER_ROLE_AGGREGATOR -> "aggregator";
      case PEER_ROLE_GATEWAY -> "gateway";
      default -> role.name();
    };
  }
}
