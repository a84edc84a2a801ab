package io.etp.protocol.framing;

import io.etp.protocol.EtpCodec;
import io.etp.protocol.EtpProtocolException;
import io.etp.protocol.v1.EtpMessage;
import io.etp.protocol.v1.ReasonCode;

/**
 * Writes length-prefixed frames for stream transports (TCP, TLS). A frame is a 4-byte big-endian unsigned length
 * {@code n} followed by {@code n} bytes of payload (one encoded {@link EtpMessage}); {@code 1 <= n <= maxFrameBytes}.
 */
public final class FrameEncoder {

  private final int maxFrameBytes;

  /** @param maxFrameBytes the largest payload this encoder writes, between 1 and {@link FrameDecoder#MAX_FRAME_LIMIT} */
  public FrameEncoder(int maxFrameBytes) {
    this.maxFrameBytes = FrameDecoder.checkedLimit(maxFrameBytes);
  }

  /** @return an encoder with {@link FrameDecoder#DEFAULT_MAX_FRAME_BYTES} */
  public static FrameEncoder withDefaultLimit() {
    return new FrameEncoder(FrameDecoder.DEFAULT_MAX_FRAME_BYTES);
  }

  /**
   * @param payload the frame payload
   * @return header and payload in one array
   * @throws EtpProtocolException with {@code FRAME_TOO_LARGE} when the payload exceeds the limit, or
   *     {@code FRAME_TRUNCATED} when it is empty (no valid frame is empty)
   */
  public byte[] frame(byte[] payload) {
    checkLength(payload.length);
    byte[] out = new byte[FrameDecoder.HEADER_BYTES + payload.length];
    writeHeader(out, payload.length);
    System.arraycopy(payload, 0, out, FrameDecoder.HEADER_BYTES, payload.length);
    return out;
  }

  /**
   * Encodes a message straight into a frame, without an intermediate payload array.
   *
   * @param message the message
   * @return the frame
   * @throws EtpProtocolException with {@code FRAME_TOO_LARGE} when the encoding exceeds the limit
   */
  public byte[] frame(EtpMessage message) {
    int size = message.getSerializedSize();
    checkLength(size);
    byte[] out = new byte[FrameDecoder.HEADER_BYTES + size];
    writeHeader(out, size);
    EtpCodec.encodeInto(message, out, FrameDecoder.HEADER_BYTES);
    return out;
  }

  private void checkLength(int length) {
    if (length > maxFrameBytes) {
      throw new EtpProtocolException(ReasonCode.REASON_CODE_FRAME_TOO_LARGE,
          "payload of " + length + " bytes exceeds the frame limit of " + maxFrameBytes);
    }
    if (length == 0) {
      throw new EtpProtocolException(ReasonCode.REASON_CODE_FRAME_TRUNCATED, "an empty payload is not a frame");
    }
  }

  private static void writeHeader(byte[] out, int length) {
    out[0] = (byte) (length >>> 24);
    out[1] = (byte) (length >>> 16);
    out[2] = (byte) (length >>> 8);
    out[3] = (byte) length;
  }
}
