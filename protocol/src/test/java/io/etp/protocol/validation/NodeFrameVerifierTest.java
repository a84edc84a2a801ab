package io.etp.protocol.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etp.protocol.EtpCodec;
import io.etp.protocol.MutableClock;
import io.etp.protocol.TestMessages;
import io.etp.protocol.ValidationResult;
import io.etp.protocol.framing.FrameDecoder;
import io.etp.protocol.framing.FrameEncoder;
import io.etp.protocol.signing.DeviceKey;
import io.etp.protocol.signing.InMemoryKeyStore;
import io.etp.protocol.signing.MessageSigner;
import io.etp.protocol.signing.NodeFrameSigner;
import io.etp.protocol.v1.EtpMessage;
import io.etp.protocol.v1.MessageType;
import io.etp.protocol.v1.ReasonCode;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The node signs what it sends to devices ({@link NodeFrameSigner}); the device checks it ({@link NodeFrameVerifier}). */
class NodeFrameVerifierTest {

  private static final String NODE = "gw-1";
  private static final DeviceKey NODE_KEY = nodeKey("node-k1", 0x40, Instant.parse("2026-01-01T00:00:00Z"));

  private final InMemoryKeyStore nodeStore = TestMessages.keyStore().add(NODE_KEY);
  private final NodeFrameSigner signer = new NodeFrameSigner(NODE, nodeStore, TestMessages.CLOCK);
  private final NodeFrameVerifier device = new NodeFrameVerifier(NODE, new InMemoryKeyStore().add(NODE_KEY),
      ValidationLimits.DEFAULTS, TestMessages.CLOCK);

  private static DeviceKey nodeKey(String keyId, int firstByte, Instant from) {
    byte[] secret = new byte[32];
    for (int i = 0; i < secret.length; i++) {
      secret[i] = (byte) (firstByte + i);
    }
    return DeviceKey.of(NODE, keyId, secret, from, Instant.parse("2027-01-01T00:00:00Z"));
  }

  /** @return an aggregator's Bid that the node relays to the battery device */
  private static EtpMessage relayedBid() {
    return TestMessages.minimal(MessageType.BID).setSenderId(TestMessages.AGGREGATOR)
        .setRecipientId(TestMessages.BATTERY).setNegotiationId("50-a1").setMessageId(7001).build();
  }

  private ReasonCode refusal(EtpMessage frame) {
    return assertInstanceOf(ValidationResult.Invalid.class, device.verify(frame)).reason();
  }

  @Test
  void deviceVerifiesAFrameTheNodeSignedWithItsKeyAfterTheWire() {
    EtpMessage signed = signer.sign(relayedBid());
    assertEquals("node-k1", signed.getKeyId());
    assertEquals(TestMessages.AGGREGATOR, signed.getSenderId(), "the originator stays the sender");
    assertEquals(relayedBid(), signed.toBuilder().clearKeyId().clearHmacSha256().build());

    FrameEncoder encoder = FrameEncoder.withDefaultLimit();
    List<byte[]> received = FrameDecoder.withDefaultLimit().feed(encoder.frame(signed));
    assertEquals(ValidationResult.valid(), device.verify(EtpCodec.decode(received.get(0))));
  }

  @Test
  void deviceRefusesATamperedNodeFrameAsBadSignature() {
    EtpMessage signed = signer.sign(relayedBid());
    assertEquals(ReasonCode.REASON_CODE_BAD_SIGNATURE,
        refusal(signed.toBuilder().setBidPriceCPerKwh(signed.getBidPriceCPerKwh() + 1).build()));
    assertEquals(ReasonCode.REASON_CODE_BAD_SIGNATURE, refusal(signed.toBuilder().setRecipientId("51").build()));

    byte[] wire = EtpCodec.encode(signed);
    byte[] tag = signed.getHmacSha256().toByteArray();
    int tagAt = -1;
    for (int i = 0; i + tag.length <= wire.length && tagAt < 0; i++) {
      if (Arrays.equals(wire, i, i + tag.length, tag, 0, tag.length)) {
        tagAt = i;
      }
    }
    byte[] flipped = Arrays.copyOf(wire, wire.length);
    flipped[tagAt + 5] ^= 0x01; // one bit of the tag, on the wire
    assertEquals(ReasonCode.REASON_CODE_BAD_SIGNATURE, refusal(EtpCodec.decode(flipped)));
  }

  @Test
  void deviceRefusesAFrameWithoutTheNodesSignature() {
    assertEquals(ReasonCode.REASON_CODE_MISSING_SIGNATURE, refusal(relayedBid()));
    // signed by the aggregator itself: a valid device signature, but not a node key
    assertEquals(ReasonCode.REASON_CODE_UNKNOWN_KEY, refusal(TestMessages.sign(relayedBid())));
    // the node's key id with another secret: a forgery
    EtpMessage forged = new NodeFrameSigner(NODE, new InMemoryKeyStore().add(
        nodeKey("node-k1", 0x70, Instant.parse("2026-01-01T00:00:00Z"))), TestMessages.CLOCK).sign(relayedBid());
    assertEquals(ReasonCode.REASON_CODE_BAD_SIGNATURE, refusal(forged));
  }

  @Test
  void deviceRefusesAReplayedNodeFrame() {
    EtpMessage signed = signer.sign(relayedBid());
    assertEquals(ValidationResult.valid(), device.verify(signed));
    assertEquals(ReasonCode.REASON_CODE_REPLAYED, refusal(signed));
  }

  @Test
  void deviceRefusesAnExpiredNodeFrameByTtlOrDeadline() {
    assertEquals(ReasonCode.REASON_CODE_TTL_EXPIRED, refusal(signer.sign(relayedBid().toBuilder().setTtl(0).build())));
    assertEquals(ReasonCode.REASON_CODE_DEADLINE_EXPIRED, refusal(signer.sign(relayedBid().toBuilder()
        .setSentAtMs(TestMessages.NOW.toEpochMilli() - 1500).build())));
  }

  @Test
  void deviceRefusesANodeFrameThatFailsTheInboundRangeChecks() {
    assertEquals(ReasonCode.REASON_CODE_PRICE_OUT_OF_RANGE,
        refusal(signer.sign(relayedBid().toBuilder().setBidPriceCPerKwh(1e300).build())));
  }

  @Test
  void nodeSignsWithItsNewestValidKeyAfterRotation() {
    MutableClock clock = new MutableClock(TestMessages.NOW);
    DeviceKey next = nodeKey("node-k2", 0x10, TestMessages.NOW.plus(Duration.ofHours(1)));
    NodeFrameSigner rotating = new NodeFrameSigner(NODE, nodeStore.add(next), clock);
    assertEquals("node-k1", rotating.sign(relayedBid()).getKeyId());
    clock.advance(Duration.ofHours(2));
    EtpMessage later = rotating.sign(relayedBid().toBuilder().setSentAtMs(clock.millis()).build());
    assertEquals("node-k2", later.getKeyId());
    NodeFrameVerifier knowsBoth = new NodeFrameVerifier(NODE, new InMemoryKeyStore().add(NODE_KEY).add(next),
        ValidationLimits.DEFAULTS, clock);
    assertEquals(ValidationResult.valid(), knowsBoth.verify(later));
    assertEquals(ReasonCode.REASON_CODE_UNKNOWN_KEY, assertInstanceOf(ValidationResult.Invalid.class,
        device.verify(later.toBuilder().setSentAtMs(TestMessages.NOW.toEpochMilli()).build())).reason());
  }

  @Test
  void signingWithoutAValidNodeKeyFailsLoudly() {
    NodeFrameSigner keyless = new NodeFrameSigner(NODE, TestMessages.keyStore(), TestMessages.CLOCK);
    assertFalse(keyless.hasKey());
    assertTrue(signer.hasKey());
    assertThrows(IllegalStateException.class, () -> keyless.sign(relayedBid()));
  }

  @Test
  void aNodeFrameIsNotAcceptedAsTheDevicesOwnMessageAndViceVersa() {
    // the gateway's inbound gate looks keys up by sender_id: a node-signed relay of the aggregator's bid is not the
    // aggregator's own signature
    MessageGate inbound = MessageGate.create(ValidationLimits.DEFAULTS, nodeStore, TestMessages.CLOCK);
    assertEquals(ReasonCode.REASON_CODE_UNKNOWN_KEY, assertInstanceOf(ValidationResult.Invalid.class,
        inbound.admit(signer.sign(relayedBid()))).reason());
    assertEquals(ValidationResult.valid(), inbound.admit(MessageSigner.sign(relayedBid(),
        TestMessages.testKey(TestMessages.AGGREGATOR))));
  }
}
