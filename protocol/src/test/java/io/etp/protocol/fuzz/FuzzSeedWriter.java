package io.etp.protocol.fuzz;

import io.etp.protocol.EtpCodec;
import io.etp.protocol.TestMessages;
import io.etp.protocol.framing.FrameEncoder;
import io.etp.protocol.v1.EtpMessage;
import io.etp.protocol.v1.MessageType;
import io.etp.protocol.v1.PeerRole;
import io.etp.protocol.vectors.GoldenVectors;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the hand-made seeds of the fuzz targets' corpora: valid messages of every type (signed with the test keys at
 * {@link TestMessages#NOW}, so the fuzzer starts past the signature check) and the Go prototype's texts. Run it only
 * on purpose, after a change to the wire format; the tests never call it. Seeds are named {@code seed-*}; files the
 * fuzzer adds ({@code crash-*} reproducers, corpus entries copied from a long run) are kept beside them.
 */
public final class FuzzSeedWriter {

  private static final String ROOT = "protocol/src/test/resources/io/etp/protocol/fuzz/";

  private FuzzSeedWriter() {
  }

  /**
   * @param args unused
   * @throws IOException when a file cannot be written
   */
  public static void main(String[] args) throws IOException {
    Path frames = Path.of(ROOT, "FrameStreamFuzzTestInputs", "framedStreamIsDecodedAndValidatedOrRefused");
    Path payloads = Path.of(ROOT, "EtpMessageFuzzTestInputs", "payloadIsDecodedAndValidatedOrRefused");
    Path legacy = Path.of(ROOT, "LegacyTextFuzzTestInputs", "legacyReadIsParsedAndValidatedOrRefused");
    for (Path dir : new Path[] {frames, payloads, legacy}) {
      Files.createDirectories(dir);
    }
    FrameEncoder encoder = FrameEncoder.withDefaultLimit();

    // a battery's session: signed hello, then one message of each type it sends; whole and in 7-byte chunks
    ByteArrayOutputStream session = new ByteArrayOutputStream();
    for (MessageType type : new MessageType[] {MessageType.REGISTER, MessageType.QUERY_RESPONSE,
        MessageType.BID_ACCEPT, MessageType.BID_REJECT, MessageType.TERMINATE, MessageType.BESS_STATUS,
        MessageType.DEVICE_FAILURE}) {
      EtpMessage m = TestMessages.sign(TestMessages.minimal(type).setMessageId(1000 + type.getNumber()).build());
      session.writeBytes(encoder.frame(m));
    }
    write(frames.resolve("seed-battery-session-whole"), prefixed((byte) 0xFF, session.toByteArray()));
    write(frames.resolve("seed-battery-session-chunks-of-7"), prefixed((byte) 6, session.toByteArray()));

    // an aggregator's session: hello (Register with energy 0), query, bid, confirm
    ByteArrayOutputStream agent = new ByteArrayOutputStream();
    agent.writeBytes(encoder.frame(TestMessages.sign(TestMessages.minimal(MessageType.REGISTER)
        .setSenderId(TestMessages.AGGREGATOR).setSenderRole(PeerRole.PEER_ROLE_AGGREGATOR).setEnergyTotalKwh(0)
        .build())));
    long id = 2000;
    for (MessageType type : new MessageType[] {MessageType.QUERY, MessageType.BID, MessageType.BID_CONFIRM}) {
      agent.writeBytes(encoder.frame(TestMessages.sign(TestMessages.minimal(type).setSenderId(TestMessages.AGGREGATOR)
          .setRecipientId(TestMessages.BATTERY).setMessageId(id++).build())));
    }
    write(frames.resolve("seed-aggregator-session"), prefixed((byte) 0x3F, agent.toByteArray()));

    // payloads: the golden vectors and every type's minimal message
    for (GoldenVectors.Vector v : GoldenVectors.all()) {
      write(payloads.resolve("seed-vector-" + v.stem()), EtpCodec.encode(v.message()));
    }
    for (GoldenVectors.Vector v : GoldenVectors.withDeliveryPeriod()) {
      write(payloads.resolve("seed-vector-" + v.stem()), EtpCodec.encode(v.message()));
    }
    for (MessageType type : MessageType.values()) {
      if (type != MessageType.UNRECOGNIZED) {
        write(payloads.resolve("seed-minimal-" + type.name().toLowerCase()),
            EtpCodec.encode(TestMessages.signed(type)));
      }
    }

    // the Go prototype's conversation (PROTOCOL.md) and the refusals its peers may send
    String[] texts = {
        "1 34463 3 0 0.00 0.00 0.00 0.00 0.00 0 0.00 0 0.00 0.00",
        "2 34464 50 0 0.00 0.00 13.50 50.00 0.00 0 0.00 0 0.00 0.00",
        "3 1002 3 0 12.00 0.00 0.00 0.00 6.75 0 0.00 0 0.00 0.00",
        "6 34465 50 0 12.00 0.00 0.00 0.00 6.75 0 0.00 0 0.00 0.00",
        "4 34466 50 0 15.00 0.00 0.00 0.00 6.75 0 0.00 0 0.00 0.00",
        "5 1004 3 0 15.00 0.00 0.00 50.00 6.75 0 0.00 0 0.00 0.00",
        "7 1005 3 5 0.00 0.00 0.00 0.00 0.00 1 0.00 0 0.00 0.00",
        "9 34467 50 5 0.00 0.00 13.50 50.00 0.00 0 6.75 1 51.20 -2.50",
        "3 1006 3 0 -1.00 0.00 0.00 0.00 -6.75 0 0.00 0 0.00 0.00",
    };
    for (int i = 0; i < texts.length; i++) {
      write(legacy.resolve("seed-prototype-" + i), texts[i].getBytes(StandardCharsets.US_ASCII));
    }
  }

  private static byte[] prefixed(byte first, byte[] rest) {
    byte[] out = new byte[rest.length + 1];
    out[0] = first;
    System.arraycopy(rest, 0, out, 1, rest.length);
    return out;
  }

  private static void write(Path file, byte[] bytes) throws IOException {
    Files.write(file, bytes);
    System.out.println("wrote " + file);
  }
}
