package io.etp.protocol.signing;

import com.google.protobuf.ByteString;
import io.etp.protocol.v1.EtpMessage;
import java.time.Clock;
import java.util.Objects;

/**
 * Signs the frames a node sends to a device with the node's own key, so that the device can tell them from frames an
 * attacker on the path injects or replays ({@code io.etp.protocol.validation.NodeFrameVerifier} is the device's side).
 *
 * <p>The node relays other peers' messages (an aggregator's Bid, a twin's BidAccept) and sends its own (error frames
 * from the gateway id). Either way {@code sender_id} stays the originator's, so the device still knows who bid; the
 * node sets {@code key_id} to its newest key valid now and {@code hmac_sha256} to the HMAC-SHA256 of the
 * {@link CanonicalForm} with that key. The node's keys are keys of the sender id {@code nodeId} (the gateway id):
 * in the gateway's keys file they are lines like any device's, and rotate the same way. Thread-safe.
 */
public final class NodeFrameSigner {

  private final String nodeId;
  private final InMemoryKeyStore keys;
  private final Clock clock;

  /**
   * @param nodeId the node's (gateway's) id, the sender id its keys are stored under
   * @param keys a store holding the node's keys (it may hold the devices' keys too)
   * @param clock the node clock, for key validity
   */
  public NodeFrameSigner(String nodeId, InMemoryKeyStore keys, Clock clock) {
    this.nodeId = Objects.requireNonNull(nodeId, "nodeId");
    this.keys = Objects.requireNonNull(keys, "keys");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** @return whether the store holds a node key valid now (check it at start: without one {@link #sign} fails) */
  public boolean hasKey() {
    return keys.signingKey(nodeId, clock.instant()).isPresent();
  }

  /**
   * @param frame a message the node sends to a device, from any sender
   * @return a copy with {@code key_id} the node's newest key valid now and {@code hmac_sha256} set; every other field
   *     unchanged
   * @throws IllegalStateException when no node key is valid now (a configuration error: keys expired or missing)
   */
  public EtpMessage sign(EtpMessage frame) {
    DeviceKey key = keys.signingKey(nodeId, clock.instant()).orElseThrow(() -> new IllegalStateException(
        "no key of node '" + nodeId + "' is valid at " + clock.instant() + ": add one to the keys file"));
    EtpMessage.Builder builder = frame.toBuilder().setKeyId(key.keyId()).clearHmacSha256();
    return builder.setHmacSha256(ByteString.copyFrom(HmacSha256.tag(key, CanonicalForm.of(builder)))).build();
  }
}
