package io.etp.auction;

import io.etp.protocol.v1.EtpMessage;

/**
 * Where an entity sends the ETP messages it addresses to a peer (by {@code recipient_id}).
 * In the cluster this delivers through Cluster Sharding to the peer's twin; an edge may wrap it to reach
 * devices on the wire; tests tap it.
 */
@FunctionalInterface
public interface EtpOutbox {
  void send(EtpMessage message);
}
