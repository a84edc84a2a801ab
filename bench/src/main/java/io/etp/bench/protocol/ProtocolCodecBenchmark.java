package io.etp.bench.protocol;

import io.etp.protocol.EtpCodec;
import io.etp.protocol.ProtocolVersion;
import io.etp.protocol.TimingClass;
import io.etp.protocol.ValidationResult;
import io.etp.protocol.framing.FrameDecoder;
import io.etp.protocol.framing.FrameEncoder;
import io.etp.protocol.signing.DeviceKey;
import io.etp.protocol.signing.InMemoryKeyStore;
import io.etp.protocol.signing.MessageSigner;
import io.etp.protocol.signing.SignatureVerifier;
import io.etp.protocol.v1.BatteryHealth;
import io.etp.protocol.v1.EtpMessage;
import io.etp.protocol.v1.MessageType;
import io.etp.protocol.v1.PeerRole;
import io.etp.protocol.v1.TerminationCode;
import io.etp.protocol.validation.MessageValidator;
import io.etp.protocol.validation.ValidationLimits;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Throughput of the ETP codec on one realistic, fully populated Bid (all 14 original fields, envelope, ids; 148 bytes
 * on the wire unsigned, 195 signed). "Unsigned" benchmarks use the message without key and tag; signing ones add
 * them.
 * Run: {@code java -jar bench/target/benchmarks.jar 'io.etp.bench.protocol'}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ProtocolCodecBenchmark {

  private static final Instant NOW = Instant.parse("2026-11-21T03:00:00Z");

  private EtpMessage unsigned;
  private byte[] unsignedBytes;
  private EtpMessage signed;
  private DeviceKey key;
  private SignatureVerifier verifier;
  private MessageValidator validator;
  private FrameEncoder frameEncoder;
  private FrameDecoder frameDecoder;
  private byte[] unframed;

  /** Builds the message, key and codec objects. */
  @Setup
  public void setUp() {
    byte[] secret = new byte[32];
    for (int i = 0; i < secret.length; i++) {
      secret[i] = (byte) i;
    }
    key = DeviceKey.of("agg-3", "key-2026-11", secret, Instant.parse("2026-01-01T00:00:00Z"),
        Instant.parse("2027-01-01T00:00:00Z"));
    verifier = new SignatureVerifier(new InMemoryKeyStore().add(key));
    validator = new MessageValidator(ValidationLimits.DEFAULTS, Clock.fixed(NOW, ZoneOffset.UTC));
    unsigned = EtpMessage.newBuilder()
        .setProtocolVersion(ProtocolVersion.CURRENT)
        .setMessageType(MessageType.BID)
        .setMessageId(1_700_000_123L)
        .setDeviceId(3)
        .setSenderId("agg-3")
        .setRecipientId("bess-50")
        .setNegotiationId("neg-2026-11-21-0001")
        .setSentAtMs(NOW.toEpochMilli() - 20)
        .setTtl(TimingClass.DEFAULT_TTL)
        .setPriority(TimingClass.of(MessageType.BID).priority())
        .setSenderRole(PeerRole.PEER_ROLE_AGGREGATOR)
        .setBidPriceCPerKwh(15.25)
        .setSalePriceCPerKwh(0)
        .setEnergyTotalKwh(13.5)
        .setPercentageForSale(50)
        .setRequiredEnergyKwh(6.75)
        .setTerminationCode(TerminationCode.TERMINATION_CODE_UNSPECIFIED)
        .setRemainingEnergyKwh(12.25)
        .setBatteryHealth(BatteryHealth.BATTERY_HEALTH_GOOD)
        .setBatteryVoltageV(51.2)
        .setDischargeRateKw(3.3)
        .build();
    unsignedBytes = EtpCodec.encode(unsigned);
    signed = MessageSigner.sign(unsigned, key);
    frameEncoder = FrameEncoder.withDefaultLimit();
    frameDecoder = FrameDecoder.withDefaultLimit();
    if (!verifier.verify(signed, NOW).isValid() || !validator.validate(signed).isValid()) {
      throw new IllegalStateException("benchmark message does not verify or validate");
    }
  }

  /** @return the protobuf encoding of the unsigned message */
  @Benchmark
  public byte[] encode() {
    return EtpCodec.encode(unsigned);
  }

  /** @return the unsigned message decoded from its encoding */
  @Benchmark
  public EtpMessage decode() {
    return EtpCodec.decode(unsignedBytes);
  }

  /** @return the unsigned message after an encode and a decode */
  @Benchmark
  public EtpMessage encodeDecode() {
    return EtpCodec.decode(EtpCodec.encode(unsigned));
  }

  /** @return the message signed (canonical form, HMAC-SHA256, new message with key id and tag) */
  @Benchmark
  public EtpMessage sign() {
    return MessageSigner.sign(unsigned, key);
  }

  /** @return the verification of the signed message (key lookup, canonical form, HMAC, constant-time compare) */
  @Benchmark
  public ValidationResult verify() {
    return verifier.verify(signed, NOW);
  }

  /** @return the verification of a freshly signed message */
  @Benchmark
  public ValidationResult signVerify() {
    return verifier.verify(MessageSigner.sign(unsigned, key), NOW);
  }

  /** @return the stateless validation of the signed message */
  @Benchmark
  public ValidationResult validate() {
    return validator.validate(signed);
  }

  /** @return the payload after framing the signed message and unframing it through the incremental decoder */
  @Benchmark
  public byte[] frameUnframe() {
    byte[] frame = frameEncoder.frame(signed);
    frameDecoder.feed(frame, 0, frame.length, payload -> unframed = payload);
    return unframed;
  }

  /** @return the signed message after encode, frame, unframe and decode: a full wire round trip */
  @Benchmark
  public EtpMessage encodeFrameUnframeDecode() {
    byte[] frame = frameEncoder.frame(signed);
    frameDecoder.feed(frame, 0, frame.length, payload -> unframed = payload);
    return EtpCodec.decode(unframed);
  }
}
