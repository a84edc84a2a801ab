package io.etp.protocol.validation;

import io.etp.protocol.ValidationResult;
import io.etp.protocol.signing.KeyStore;
import io.etp.protocol.signing.NodeFrameSigner;
import io.etp.protocol.signing.SignatureVerifier;
import io.etp.protocol.v1.EtpMessage;
import java.time.Clock;
import java.util.Objects;

/**
 * The device's check on a frame received from its node, the mirror of the node's {@link MessageGate}: the stateless
 * checks of {@link MessageValidator} (type, ranges, TTL, deadline), then the signature with the node's key
 * ({@link NodeFrameSigner}: the key named by {@code key_id} among the keys of {@code nodeId}, whatever the frame's
 * {@code sender_id}), then the replay check on {@code (sender_id, message_id)}. Reason codes as for inbound messages:
 * {@code MISSING_SIGNATURE}, {@code UNKNOWN_KEY} (no such node key, or not valid now; a device's own key is not a node
 * key), {@code BAD_SIGNATURE} (tampered), {@code REPLAYED}, {@code TTL_EXPIRED}, {@code DEADLINE_EXPIRED}, ...
 *
 * <p>One verifier per device (it holds the device's replay cache). A device acts on a frame only when it is valid.
 * Thread-safe.
 */
public final class NodeFrameVerifier {

  private final String nodeId;
  private final MessageValidator validator;
  private final SignatureVerifier signatures;
  private final ReplayGuard replayGuard;
  private final Clock clock;

  /**
   * @param nodeId the id of the node the device is connected to (its gateway id)
   * @param nodeKeys the node's keys as the device knows them (stored under sender id {@code nodeId})
   * @param limits the limits the device enforces
   * @param clock the device's clock
   */
  public NodeFrameVerifier(String nodeId, KeyStore nodeKeys, ValidationLimits limits, Clock clock) {
    this.nodeId = Objects.requireNonNull(nodeId, "nodeId");
    this.validator = new MessageValidator(limits, clock);
    this.signatures = new SignatureVerifier(nodeKeys);
    this.replayGuard = ReplayGuard.forLimits(limits, clock);
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * @param frame a decoded frame from the node
   * @return valid (and its id is now recorded against replay), or the first failure
   */
  public ValidationResult verify(EtpMessage frame) {
    ValidationResult result = validator.validate(frame);
    if (!result.isValid()) {
      return result;
    }
    result = signatures.verify(frame, nodeId, clock.instant());
    if (!result.isValid()) {
      return result;
    }
    return replayGuard.checkAndRecord(frame.getSenderId(), frame.getMessageId(), frame.getSentAtMs());
  }
}
