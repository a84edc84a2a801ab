package io.etp.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.etp.protocol.EtpCodec;
import io.etp.protocol.ValidationResult;
import io.etp.protocol.signing.DeviceKey;
import io.etp.protocol.signing.InMemoryKeyStore;
import io.etp.protocol.v1.EtpMessage;
import io.etp.protocol.v1.MessageType;
import io.etp.protocol.v1.PeerRole;
import io.etp.protocol.v1.ReasonCode;
import io.etp.protocol.validation.NodeFrameVerifier;
import io.etp.protocol.validation.ValidationLimits;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The gateway signs node-to-device frames through the protocol library's one signing path (NodeFrameSigner), so the
 * protocol library's device-side check (NodeFrameVerifier) accepts them, and refuses them altered or under another key.
 */
class NodeKeyTest {

  private static final String GATEWAY = "gw-sign";
  /** The device's clock, fixed at the frames' send time: a loaded machine must not age them past their deadline. */
  private final Clock clock = Clock.fixed(Instant.parse("2026-11-21T03:00:00Z"), java.time.ZoneOffset.UTC);
  private final DeviceKey key = DeviceKey.of(GATEWAY, "node-k1", secret(0x21), Instant.EPOCH,
      Instant.parse("9999-01-01T00:00:00Z"));

  @Test
  void aFrameTheGatewaySignsPassesTheProtocolLibrarysDeviceCheck() {
    EtpMessage signed = NodeKey.of(key).sign(relayedBid());
    assertEquals("node-k1", signed.getKeyId());
    assertEquals("agg-1", signed.getSenderId(), "a relayed frame keeps its originator");
    assertEquals(ValidationResult.valid(), device(key).verify(EtpCodec.decode(EtpCodec.encode(signed))));
  }

  @Test
  void theGatewaysOwnFramesNameTheGatewayAndPassTheCheckToo() {
    EtpMessage own = NodeKey.of(key).sign(relayedBid().toBuilder().clearSenderId().build());
    assertEquals(GATEWAY, own.getSenderId());
    assertEquals(ValidationResult.valid(), device(key).verify(own));
  }

  @Test
  void anAlteredFrameOrAnotherNodesKeyFailsTheDeviceCheck() {
    EtpMessage signed = NodeKey.of(key).sign(relayedBid());
    EtpMessage altered = signed.toBuilder().setBidPriceCPerKwh(99).build();
    assertEquals(ReasonCode.REASON_CODE_BAD_SIGNATURE,
        assertInstanceOf(ValidationResult.Invalid.class, device(key).verify(altered)).reason());
    DeviceKey other = DeviceKey.of(GATEWAY, "node-k1", secret(0x55), Instant.EPOCH,
        Instant.parse("9999-01-01T00:00:00Z"));
    assertEquals(ReasonCode.REASON_CODE_BAD_SIGNATURE,
        assertInstanceOf(ValidationResult.Invalid.class, device(other).verify(signed)).reason());
  }

  private NodeFrameVerifier device(DeviceKey nodeKey) {
    return new NodeFrameVerifier(GATEWAY, new InMemoryKeyStore().add(nodeKey), ValidationLimits.DEFAULTS, clock);
  }

  private EtpMessage relayedBid() {
    return EtpMessage.newBuilder().setProtocolVersion(1).setMessageType(MessageType.BID)
        .setMessageId(System.nanoTime()).setSenderId("agg-1").setSenderRole(PeerRole.PEER_ROLE_AGGREGATOR)
        .setRecipientId("bess-1").setNegotiationId("auction-1").setSentAtMs(clock.millis()).setTtl(5)
        .setBidPriceCPerKwh(15).setRequiredEnergyKwh(1).build();
  }

  private static byte[] secret(int first) {
    byte[] secret = new byte[32];
    Arrays.fill(secret, (byte) first);
    return secret;
  }
}
