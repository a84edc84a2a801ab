package io.etp.protocol.signing;

import java.time.Instant;
import java.util.Objects;
import javax.crypto.spec.SecretKeySpec;

/**
 * One HMAC-SHA256 key of one sender, valid in {@code [validFrom, validUntil)}. Keys rotate: a sender may hold several
 * keys whose windows overlap, each named by its {@code keyId}, which signed messages carry in {@code key_id}.
 *
 * @param senderId the sender ({@code sender_id}) the key belongs to
 * @param keyId the key's name, unique per sender
 * @param secret the key material (algorithm {@code HmacSHA256}); its {@code toString} never shows the bytes
 * @param validFrom first instant the key is valid
 * @param validUntil first instant the key is no longer valid
 */
public record DeviceKey(String senderId, String keyId, SecretKeySpec secret, Instant validFrom, Instant validUntil) {

  /** HMAC algorithm name for {@link javax.crypto.Mac}. */
  public static final String ALGORITHM = "HmacSHA256";
  /** Shortest accepted key: 16 bytes (128 bits). 32 random bytes are recommended. */
  public static final int MIN_SECRET_BYTES = 16;

  /** Checks the components. */
  public DeviceKey {
    Objects.requireNonNull(senderId, "senderId");
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(validFrom, "validFrom");
    Objects.requireNonNull(validUntil, "validUntil");
    if (senderId.isEmpty() || keyId.isEmpty()) {
      throw new IllegalArgumentException("senderId and keyId must not be empty");
    }
    if (!ALGORITHM.equals(secret.getAlgorithm())) {
      throw new IllegalArgumentException("secret must be an " + ALGORITHM + " key, was " + secret.getAlgorithm());
    }
    if (secret.getEncoded().length < MIN_SECRET_BYTES) {
      throw new IllegalArgumentException("secret must have at least " + MIN_SECRET_BYTES + " bytes");
    }
    if (!validUntil.isAfter(validFrom)) {
      throw new IllegalArgumentException("validUntil must be after validFrom");
    }
  }

  /**
   * @param senderId the sender
   * @param keyId the key's name
   * @param secret the key bytes (copied)
   * @param validFrom first valid instant
   * @param validUntil first instant no longer valid
   * @return the key
   */
  public static DeviceKey of(String senderId, String keyId, byte[] secret, Instant validFrom, Instant validUntil) {
    return new DeviceKey(senderId, keyId, new SecretKeySpec(secret, ALGORITHM), validFrom, validUntil);
  }

  /**
   * @param at an instant
   * @return whether the key may sign or verify at {@code at}
   */
  public boolean isValidAt(Instant at) {
    return !at.isBefore(validFrom) && at.isBefore(validUntil);
  }
}
