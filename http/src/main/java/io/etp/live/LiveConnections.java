package io.etp.live;

import io.etp.access.KeyRevocationListener;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.stream.UniqueKillSwitch;

/**
 * The open {@code /ws/events} connections by the caller that opened them, so that revoking a key closes its streams
 * at once instead of letting them run until the client disconnects.
 */
public final class LiveConnections implements KeyRevocationListener {

  private final Map<String, Set<UniqueKillSwitch>> byCaller = new ConcurrentHashMap<>();

  void opened(String callerId, UniqueKillSwitch connection) {
    byCaller.computeIfAbsent(callerId, id -> ConcurrentHashMap.newKeySet()).add(connection);
  }

  void closed(String callerId, UniqueKillSwitch connection) {
    byCaller.computeIfPresent(callerId, (id, set) -> {
      set.remove(connection);
      return set.isEmpty() ? null : set;
    });
  }

  /** Connections open for {@code callerId}. */
  public int openFor(String callerId) {
    return byCaller.getOrDefault(callerId, Set.of()).size();
  }

  @Override
  public void revoked(String keyId) {
    Set<UniqueKillSwitch> connections = byCaller.remove(keyId);
    if (connections != null) {
      connections.forEach(UniqueKillSwitch::shutdown);
    }
  }
}
