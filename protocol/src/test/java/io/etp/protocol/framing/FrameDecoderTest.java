package io.etp.protocol.framing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etp.protocol.EtpCodec;
import io.etp.protocol.EtpProtocolException;
import io.etp.protocol.TestMessages;
import io.etp.protocol.v1.EtpMessage;
import io.etp.protocol.v1.MessageType;
import io.etp.protocol.v1.ReasonCode;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameDecoderTest {

  private final FrameEncoder encoder = new FrameEncoder(1024);

  @Test
  void writesFourByteBigEndianLengthThenPayload() {
    byte[] frame = encoder.frame(new byte[] {9, 8, 7});
    assertArrayEquals(new byte[] {0, 0, 0, 3, 9, 8, 7}, frame);
  }

  @Test
  void framesAMessageLikeFramingItsEncoding() {
    EtpMessage bid = TestMessages.signed(MessageType.BID);
    assertArrayEquals(encoder.frame(EtpCodec.encode(bid)), encoder.frame(bid));
  }

  @Test
  void yieldsWholeFramesFromBytesFedOneAtATime() {
    EtpMessage bid = TestMessages.signed(MessageType.BID);
    EtpMessage status = TestMessages.signed(MessageType.BESS_STATUS);
    byte[] stream = concat(encoder.frame(bid), encoder.frame(status));
    FrameDecoder decoder = new FrameDecoder(1024);
    List<byte[]> frames = new ArrayList<>();
    for (byte b : stream) {
      frames.addAll(decoder.feed(new byte[] {b}));
    }
    decoder.finish();
    assertEquals(List.of(bid, status), frames.stream().map(EtpCodec::decode).toList());
  }

  @Test
  void yieldsSeveralFramesFromOneChunk() {
    byte[] stream = concat(encoder.frame(new byte[] {1}), encoder.frame(new byte[] {2, 2}), encoder.frame(new byte[] {3}));
    List<byte[]> frames = new FrameDecoder(1024).feed(stream);
    assertEquals(3, frames.size());
    assertArrayEquals(new byte[] {2, 2}, frames.get(1));
  }

  @Test
  void rejectsOversizeLengthAsSoonAsThePrefixIsRead() {
    FrameDecoder decoder = new FrameDecoder(1024);
    decoder.feed(new byte[] {0, 0, 4});
    EtpProtocolException e = assertThrows(EtpProtocolException.class, () -> decoder.feed(new byte[] {1}));
    assertEquals(ReasonCode.REASON_CODE_FRAME_TOO_LARGE, e.reason());
    assertEquals(4, decoder.bufferedBytes(), "no body bytes were buffered");
  }

  @Test
  void rejectsLengthWithTopBitSetAsTooLargeNotNegative() {
    FrameDecoder decoder = new FrameDecoder(FrameDecoder.MAX_FRAME_LIMIT);
    EtpProtocolException e = assertThrows(EtpProtocolException.class,
        () -> decoder.feed(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff}));
    assertEquals(ReasonCode.REASON_CODE_FRAME_TOO_LARGE, e.reason());
  }

  @Test
  void acceptsFrameOfExactlyTheLimit() {
    FrameDecoder decoder = new FrameDecoder(16);
    List<byte[]> frames = decoder.feed(new FrameEncoder(16).frame(new byte[16]));
    assertEquals(1, frames.size());
  }

  @Test
  void rejectsZeroLengthWithFrameTruncatedReason() {
    EtpProtocolException e =
        assertThrows(EtpProtocolException.class, () -> new FrameDecoder(1024).feed(new byte[] {0, 0, 0, 0}));
    assertEquals(ReasonCode.REASON_CODE_FRAME_TRUNCATED, e.reason());
  }

  @Test
  void rejectsStreamEndingInsideAFrameWithFrameTruncatedReason() {
    FrameDecoder decoder = new FrameDecoder(1024);
    decoder.feed(new byte[] {0, 0, 0, 5, 1, 2});
    EtpProtocolException e = assertThrows(EtpProtocolException.class, decoder::finish);
    assertEquals(ReasonCode.REASON_CODE_FRAME_TRUNCATED, e.reason());
    assertTrue(e.getMessage().contains("2 of 5"), e.getMessage());
  }

  @Test
  void rejectsStreamEndingInsideThePrefixWithFrameTruncatedReason() {
    FrameDecoder decoder = new FrameDecoder(1024);
    decoder.feed(new byte[] {0, 0});
    assertEquals(ReasonCode.REASON_CODE_FRAME_TRUNCATED,
        assertThrows(EtpProtocolException.class, decoder::finish).reason());
  }

  @Test
  void endsCleanlyBetweenFrames() {
    FrameDecoder decoder = new FrameDecoder(1024);
    decoder.feed(encoder.frame(new byte[] {1, 2}));
    assertTrue(decoder.isBetweenFrames());
    decoder.finish();
  }

  @Test
  void staysFailedAfterAnError() {
    FrameDecoder decoder = new FrameDecoder(8);
    assertThrows(EtpProtocolException.class, () -> decoder.feed(new byte[] {0, 0, 0, 9}));
    EtpProtocolException again =
        assertThrows(EtpProtocolException.class, () -> decoder.feed(new FrameEncoder(8).frame(new byte[] {1})));
    assertEquals(ReasonCode.REASON_CODE_FRAME_TOO_LARGE, again.reason());
  }

  @Test
  void handsFramesBeforeAnErrorToTheSink() {
    FrameDecoder decoder = new FrameDecoder(8);
    byte[] stream = concat(new FrameEncoder(8).frame(new byte[] {1}), new byte[] {0, 0, 0, 9});
    List<byte[]> frames = new ArrayList<>();
    assertThrows(EtpProtocolException.class, () -> decoder.feed(stream, 0, stream.length, frames::add));
    assertEquals(1, frames.size());
  }

  @Test
  void encoderRefusesPayloadAboveTheLimitWithFrameTooLargeReason() {
    EtpProtocolException e = assertThrows(EtpProtocolException.class, () -> new FrameEncoder(4).frame(new byte[5]));
    assertEquals(ReasonCode.REASON_CODE_FRAME_TOO_LARGE, e.reason());
  }

  @Test
  void refusesLimitsOutsideTheAllowedRange() {
    assertThrows(IllegalArgumentException.class, () -> new FrameDecoder(0));
    assertThrows(IllegalArgumentException.class, () -> new FrameDecoder(FrameDecoder.MAX_FRAME_LIMIT + 1));
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
