package io.etp.protocol;

import io.etp.protocol.signing.DeviceKey;
import io.etp.protocol.signing.InMemoryKeyStore;
import io.etp.protocol.signing.MessageSigner;
import io.etp.protocol.v1.EtpMessage;
import io.etp.protocol.v1.MessageType;
import io.etp.protocol.v1.PeerRole;
import io.etp.protocol.v1.TerminationCode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** Shared fixtures: a fixed clock, documented test keys, and minimal valid messages of each type. */
public final class TestMessages {

  /** The receiver's "now" in tests. */
  public static final Instant NOW = Instant.parse("2026-11-21T03:00:00Z");
  /** A clock fixed at {@link #NOW}. */
  public static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  /** The battery of the prototype's example. */
  public static final String BATTERY = "50";
  /** An aggregator. */
  public static final String AGGREGATOR = "agg-3";

  private TestMessages() {
  }

  /** @return the documented test secret: the 32 bytes 0x00, 0x01, ..., 0x1f. Not a secret. */
  public static byte[] testSecret() {
    byte[] secret = new byte[32];
    for (int i = 0; i < secret.length; i++) {
      secret[i] = (byte) i;
    }
    return secret;
  }

  /**
   * @param senderId the sender
   * @return the sender's test key "test-key-1" with {@link #testSecret()}, valid during 2026
   */
  public static DeviceKey testKey(String senderId) {
    return DeviceKey.of(senderId, "test-key-1", testSecret(), Instant.parse("2026-01-01T00:00:00Z"),
        Instant.parse("2027-01-01T00:00:00Z"));
  }

  /** @return a key store holding the test keys of {@link #BATTERY} and {@link #AGGREGATOR} */
  public static InMemoryKeyStore keyStore() {
    return new InMemoryKeyStore().add(testKey(BATTERY)).add(testKey(AGGREGATOR));
  }

  /**
   * @param type a type
   * @return a minimal valid, unsigned message of that type from {@link #BATTERY}, sent 10 ms before {@link #NOW}
   */
  public static EtpMessage.Builder minimal(MessageType type) {
    EtpMessage.Builder b = EtpMessage.newBuilder()
        .setProtocolVersion(ProtocolVersion.CURRENT)
        .setMessageType(type)
        .setMessageId(34464)
        .setDeviceId(50)
        .setSenderId(BATTERY)
        .setSentAtMs(NOW.toEpochMilli() - 10)
        .setTtl(TimingClass.DEFAULT_TTL);
    switch (type) {
      case REGISTER -> b.setEnergyTotalKwh(13.5).setSenderRole(PeerRole.PEER_ROLE_BATTERY);
      case QUERY_RESPONSE -> b.setEnergyTotalKwh(13.5).setPercentageForSale(50);
      case BID -> b.setBidPriceCPerKwh(14.5).setRequiredEnergyKwh(6.75);
      case BID_ACCEPT, BID_CONFIRM -> b.setBidPriceCPerKwh(14.5);
      case TERMINATE -> b.setTerminationCode(TerminationCode.TERMINATION_CODE_COMPLETED);
      case BESS_STATUS -> b.setRemainingEnergyKwh(6.75);
      default -> {
      }
    }
    return b;
  }

  /**
   * @param type a type
   * @return {@link #minimal} signed with the battery's test key
   */
  public static EtpMessage signed(MessageType type) {
    return MessageSigner.sign(minimal(type).build(), testKey(BATTERY));
  }

  /**
   * @param message a message from {@link #BATTERY} or {@link #AGGREGATOR}
   * @return it signed with its sender's test key
   */
  public static EtpMessage sign(EtpMessage message) {
    return MessageSigner.sign(message, testKey(message.getSenderId()));
  }
}
