package io.etp.protocol.signing;

import io.etp.protocol.ValidationResult;
import io.etp.protocol.v1.EtpMessage;
import io.etp.protocol.v1.ReasonCode;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Verifies {@code hmac_sha256} against the sender's key from a {@link KeyStore}. Outcomes: {@code MISSING_SIGNATURE}
 * (no {@code key_id} or no tag), {@code UNKNOWN_KEY} (no such key for the sender, or not valid at the instant),
 * {@code BAD_SIGNATURE} (tag not 32 bytes or not matching; compared in constant time). Thread-safe.
 */
public final class SignatureVerifier {

  private final KeyStore keys;

  /** @param keys where sender keys come from */
  public SignatureVerifier(KeyStore keys) {
    this.keys = Objects.requireNonNull(keys, "keys");
  }

  /**
   * @param message the received message
   * @param at the receiver's current instant; the key must be valid then
   * @return valid, or the failure
   */
  public ValidationResult verify(EtpMessage message, Instant at) {
    return verify(message, message.getSenderId(), at);
  }

  /**
   * Verifies a message signed by someone other than its sender: a node relaying other peers' messages to a device
   * signs them with its own key ({@link NodeFrameSigner}).
   *
   * @param message the received message
   * @param signerId whose keys to look {@code key_id} up among (the node's id)
   * @param at the receiver's current instant; the key must be valid then
   * @return valid, or the failure
   */
  public ValidationResult verify(EtpMessage message, String signerId, Instant at) {
    if (message.getKeyId().isEmpty() || message.getHmacSha256().isEmpty()) {
      return ValidationResult.invalid(ReasonCode.REASON_CODE_MISSING_SIGNATURE,
          message.getKeyId().isEmpty() ? "message carries no key_id" : "message carries no hmac_sha256");
    }
    Optional<DeviceKey> key = keys.find(signerId, message.getKeyId(), at);
    if (key.isEmpty()) {
      return ValidationResult.invalid(ReasonCode.REASON_CODE_UNKNOWN_KEY,
          "no key '" + message.getKeyId() + "' valid now for sender '" + signerId + "'");
    }
    if (message.getHmacSha256().size() != HmacSha256.TAG_BYTES) {
      return ValidationResult.invalid(ReasonCode.REASON_CODE_BAD_SIGNATURE,
          "hmac_sha256 has " + message.getHmacSha256().size() + " bytes, expected " + HmacSha256.TAG_BYTES);
    }
    if (!HmacSha256.matches(key.get(), CanonicalForm.of(message), message.getHmacSha256().toByteArray())) {
      return ValidationResult.invalid(ReasonCode.REASON_CODE_BAD_SIGNATURE,
          "hmac_sha256 does not match the message (tampered, or signed with another key)");
    }
    return ValidationResult.valid();
  }
}
