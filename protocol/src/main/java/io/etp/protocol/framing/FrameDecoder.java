package io.etp.protocol.framing;

import io.etp.protocol.EtpProtocolException;
import io.etp.protocol.v1.ReasonCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Incremental decoder of length-prefixed frames (layout in {@link FrameEncoder}) from a byte stream delivered in chunks
 * split anywhere. Memory is bounded: at most 4 header bytes and one payload of at most {@code maxFrameBytes}.
 *
 * <ul>
 *   <li>A length above the limit fails with {@code FRAME_TOO_LARGE} as soon as the 4th prefix byte is read; the body is
 *       never buffered.</li>
 *   <li>A length of 0 fails with {@code FRAME_TRUNCATED} (a bad length prefix: no message is empty).</li>
 *   <li>{@link #finish()} at the end of the stream fails with {@code FRAME_TRUNCATED} if a frame is incomplete.</li>
 * </ul>
 *
 * After a failure the decoder stays failed: every later call throws the same reason, since the stream position is
 * lost and the connection must be closed. Not thread-safe: one decoder per connection.
 */
public final class FrameDecoder {

  /** Bytes in the length prefix. */
  public static final int HEADER_BYTES = 4;
  /** Default payload limit: 16 KiB, about 60 times a fully populated signed message. */
  public static final int DEFAULT_MAX_FRAME_BYTES = 16 * 1024;
  /** The largest limit a decoder may be configured with (16 MiB). */
  public static final int MAX_FRAME_LIMIT = 16 * 1024 * 1024;

  private final int maxFrameBytes;
  private int header;
  private int headerRead;
  private byte[] body;
  private int bodyRead;
  private EtpProtocolException failure;

  /** @param maxFrameBytes the largest payload accepted, between 1 and {@link #MAX_FRAME_LIMIT} */
  public FrameDecoder(int maxFrameBytes) {
    this.maxFrameBytes = checkedLimit(maxFrameBytes);
  }

  /** @return a decoder with {@link #DEFAULT_MAX_FRAME_BYTES} */
  public static FrameDecoder withDefaultLimit() {
    return new FrameDecoder(DEFAULT_MAX_FRAME_BYTES);
  }

  static int checkedLimit(int maxFrameBytes) {
    if (maxFrameBytes < 1 || maxFrameBytes > MAX_FRAME_LIMIT) {
      throw new IllegalArgumentException("maxFrameBytes must be in 1.." + MAX_FRAME_LIMIT + ", was " + maxFrameBytes);
    }
    return maxFrameBytes;
  }

  /**
   * Feeds a chunk and returns the frames it completes. Frames completed before a failure in the same chunk are lost
   * with this form; use {@link #feed(byte[], int, int, Consumer)} to receive them.
   *
   * @param chunk the next bytes of the stream
   * @return the payloads of the frames completed by this chunk, in order
   * @throws EtpProtocolException {@code FRAME_TOO_LARGE} or {@code FRAME_TRUNCATED}
   */
  public List<byte[]> feed(byte[] chunk) {
    List<byte[]> frames = new ArrayList<>(2);
    feed(chunk, 0, chunk.length, frames::add);
    return frames;
  }

  /**
   * Feeds a chunk, handing each completed payload to {@code sink} as soon as it is complete.
   *
   * @param chunk array holding the next bytes of the stream
   * @param offset start of the bytes in {@code chunk}
   * @param length number of bytes
   * @param sink receives each completed payload, in order; it owns the array
   * @throws EtpProtocolException {@code FRAME_TOO_LARGE} or {@code FRAME_TRUNCATED}
   */
  public void feed(byte[] chunk, int offset, int length, Consumer<byte[]> sink) {
    Objects.checkFromIndexSize(offset, length, chunk.length);
    Objects.requireNonNull(sink, "sink");
    rethrowIfFailed();
    int pos = offset;
    int end = offset + length;
    while (pos < end) {
      if (body == null) {
        header = (header << 8) | (chunk[pos++] & 0xFF);
        headerRead++;
        if (headerRead == HEADER_BYTES) {
          startBody();
        }
      } else {
        int n = Math.min(end - pos, body.length - bodyRead);
        System.arraycopy(chunk, pos, body, bodyRead, n);
        pos += n;
        bodyRead += n;
        if (bodyRead == body.length) {
          byte[] frame = body;
          body = null;
          bodyRead = 0;
          header = 0;
          headerRead = 0;
          sink.accept(frame);
        }
      }
    }
  }

  private void startBody() {
    long length = header & 0xFFFF_FFFFL;
    if (length > maxFrameBytes) {
      throw fail(new EtpProtocolException(ReasonCode.REASON_CODE_FRAME_TOO_LARGE,
          "frame length " + length + " exceeds the limit of " + maxFrameBytes + " bytes"));
    }
    if (length == 0) {
      throw fail(new EtpProtocolException(ReasonCode.REASON_CODE_FRAME_TRUNCATED,
          "bad length prefix: a frame length of 0"));
    }
    body = new byte[(int) length];
    bodyRead = 0;
  }

  /**
   * Declares the end of the stream.
   *
   * @throws EtpProtocolException {@code FRAME_TRUNCATED} when the stream ended inside a frame (or the decoder had
   *     already failed, with that failure's reason)
   */
  public void finish() {
    rethrowIfFailed();
    if (headerRead > 0) {
      String where = body == null
          ? "inside the length prefix (" + headerRead + " of " + HEADER_BYTES + " bytes)"
          : "inside a frame (" + bodyRead + " of " + body.length + " payload bytes)";
      throw fail(new EtpProtocolException(ReasonCode.REASON_CODE_FRAME_TRUNCATED, "stream ended " + where));
    }
  }

  /** @return bytes held for the frame in progress (header and payload), at most {@code 4 + maxFrameBytes} */
  public int bufferedBytes() {
    return headerRead + bodyRead;
  }

  /** @return whether the decoder sits between frames (a stream may end here) */
  public boolean isBetweenFrames() {
    return failure == null && headerRead == 0;
  }

  private EtpProtocolException fail(EtpProtocolException e) {
    failure = e;
    return e;
  }

  private void rethrowIfFailed() {
    if (failure != null) {
      throw new EtpProtocolException(failure.reason(), "decoder already failed: " + failure.getMessage());
    }
  }
}
