package io.etp.protocol.signing;

import com.google.protobuf.ByteString;
import io.etp.protocol.v1.EtpMessage;

/** Signs messages: sets {@code key_id} and then {@code hmac_sha256} over the {@link CanonicalForm}. */
public final class MessageSigner {

  private MessageSigner() {
  }

  /**
   * @param message the message; its {@code sender_id} must be the key's sender
   * @param key the sender's key valid now
   * @return a copy with {@code key_id} set to the key's id and {@code hmac_sha256} set
   * @throws IllegalArgumentException when the message's sender is not the key's sender
   */
  public static EtpMessage sign(EtpMessage message, DeviceKey key) {
    if (!key.senderId().equals(message.getSenderId())) {
      throw new IllegalArgumentException(
          "key of sender " + key.senderId() + " cannot sign a message of sender " + message.getSenderId());
    }
    EtpMessage.Builder builder = message.toBuilder().setKeyId(key.keyId()).clearHmacSha256();
    // the canonical form reads the builder directly; the UTF-8 bytes of its strings it computes are cached in the
    // builder and reused by build() and by the later encoding
    byte[] tag = HmacSha256.tag(key, CanonicalForm.of(builder));
    return builder.setHmacSha256(ByteString.copyFrom(tag)).build();
  }
}
