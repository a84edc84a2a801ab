package io.etp.protocol;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import io.etp.protocol.v1.EtpMessage;
import io.etp.protocol.v1.ReasonCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * Binary codec for {@link EtpMessage}: the protobuf encoding of {@code etp.v1.EtpMessage}.
 *
 * <p>Decoding is total: whatever the input bytes, {@code decode} returns a message or throws
 * {@link EtpProtocolException} with {@link ReasonCode#REASON_CODE_MALFORMED}; no other exception escapes. A decoded
 * message is only parsed, not validated: run it through {@code io.etp.protocol.validation.MessageGate} before acting
 * on it.
 */
public final class EtpCodec {

  private EtpCodec() {
  }

  /**
   * @param message the message to encode
   * @return its protobuf encoding
   */
  public static byte[] encode(EtpMessage message) {
    return message.toByteArray();
  }

  /**
   * Writes the encoding of {@code message} into {@code target} at {@code offset}.
   *
   * @param message the message
   * @param target the array to write to; needs {@link EtpMessage#getSerializedSize()} bytes from {@code offset}
   * @param offset where to start
   * @return the number of bytes written
   */
  public static int encodeInto(EtpMessage message, byte[] target, int offset) {
    int size = message.getSerializedSize();
    CodedOutputStream out = CodedOutputStream.newInstance(target, offset, size);
    try {
      message.writeTo(out);
      out.checkNoSpaceLeft();
    } catch (IOException e) {
      // only possible when target is too small, which the caller sized with getSerializedSize()
      throw new UncheckedIOException("target array too small for the message", e);
    }
    return size;
  }

  /**
   * @param bytes any bytes
   * @return the decoded message
   * @throws EtpProtocolException with {@code MALFORMED} when the bytes are not an {@code EtpMessage}
   */
  public static EtpMessage decode(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    return decode(bytes, 0, bytes.length);
  }

  /**
   * @param bytes any bytes
   * @param offset start of the message in {@code bytes}
   * @param length length of the message
   * @return the decoded message
   * @throws EtpProtocolException with {@code MALFORMED} when the bytes are not an {@code EtpMessage}
   */
  public static EtpMessage decode(byte[] bytes, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, bytes.length);
    try {
      return EtpMessage.parser().parseFrom(bytes, offset, length);
    } catch (InvalidProtocolBufferException e) {
      throw malformed(e);
    } catch (RuntimeException e) {
      throw malformed(e);
    }
  }

  private static EtpProtocolException malformed(Exception cause) {
    String why = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    return new EtpProtocolException(ReasonCode.REASON_CODE_MALFORMED, "not a valid EtpMessage: " + why, cause);
  }
}
