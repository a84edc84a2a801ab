package io.etp.protocol.framing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etp.protocol.EtpProtocolException;
import io.etp.protocol.v1.ReasonCode;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** The frame decoder over streams split anywhere, and over hostile streams. */
class FrameDecoderPropertyTest {

  private static final int MAX = 512;

  @Property(tries = 5_000)
  void yieldsTheSameFramesHoweverTheStreamIsSplit(@ForAll("payloads") List<byte[]> payloads,
      @ForAll @Size(max = 40) List<@IntRange(min = 1, max = 700) Integer> chunkSizes) {
    FrameEncoder encoder = new FrameEncoder(MAX);
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    payloads.forEach(p -> stream.writeBytes(encoder.frame(p)));
    byte[] bytes = stream.toByteArray();
    FrameDecoder decoder = new FrameDecoder(MAX);
    List<byte[]> frames = new ArrayList<>();
    int pos = 0;
    int chunk = 0;
    while (pos < bytes.length) {
      int size = chunkSizes.isEmpty() ? 1 : chunkSizes.get(chunk++ % chunkSizes.size());
      int n = Math.min(size, bytes.length - pos);
      decoder.feed(bytes, pos, n, frames::add);
      assertTrue(decoder.bufferedBytes() <= FrameDecoder.HEADER_BYTES + MAX);
      pos += n;
    }
    decoder.finish();
    assertEquals(payloads.size(), frames.size());
    for (int i = 0; i < frames.size(); i++) {
      assertArrayEquals(payloads.get(i), frames.get(i));
    }
  }

  @Property(tries = 10_000)
  void hostileStreamGivesOnlyFrameErrorsAndBoundedBuffers(@ForAll @Size(max = 600) byte[] bytes,
      @ForAll @IntRange(min = 1, max = 64) int chunkSize) {
    FrameDecoder decoder = new FrameDecoder(MAX);
    try {
      for (int pos = 0; pos < bytes.length; pos += chunkSize) {
        decoder.feed(bytes, pos, Math.min(chunkSize, bytes.length - pos),
            frame -> assertTrue(frame.length >= 1 && frame.length <= MAX));
        assertTrue(decoder.bufferedBytes() <= FrameDecoder.HEADER_BYTES + MAX);
      }
      decoder.finish();
    } catch (EtpProtocolException e) {
      assertTrue(e.reason() == ReasonCode.REASON_CODE_FRAME_TOO_LARGE
          || e.reason() == ReasonCode.REASON_CODE_FRAME_TRUNCATED, e.reason().toString());
    }
  }

  @Provide
  Arbitrary<List<byte[]>> payloads() {
    return Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(MAX).list().ofMaxSize(8);
  }
}
