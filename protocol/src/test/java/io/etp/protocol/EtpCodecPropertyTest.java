package io.etp.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.etp.protocol.signing.SignatureVerifier;
import io.etp.protocol.v1.EtpMessage;
import io.etp.protocol.v1.MessageType;
import io.etp.protocol.validation.ConnectionAuthenticator;
import io.etp.protocol.validation.ConnectionState;
import io.etp.protocol.validation.MessageGate;
import io.etp.protocol.validation.ValidationLimits;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Combinators;
import net.jqwik.api.constraints.Size;

/** Round trip of the binary codec, and totality of the decoder and of everything behind it on hostile bytes. */
class EtpCodecPropertyTest {

  private static final List<byte[]> SEEDS = Arrays.stream(MessageType.values())
      .filter(t -> t != MessageType.UNRECOGNIZED)
      .map(t -> EtpCodec.encode(TestMessages.signed(t)))
      .toList();

  private final MessageGate gate =
      MessageGate.create(ValidationLimits.DEFAULTS, TestMessages.keyStore(), TestMessages.CLOCK);
  private final ConnectionAuthenticator authenticator = new ConnectionAuthenticator(gate);
  private final SignatureVerifier verifier = new SignatureVerifier(TestMessages.keyStore());

  @Property(tries = 15_000)
  void decodesEveryEncodedMessageToAnEqualMessage(@ForAll("messages") EtpMessage message) {
    assertEquals(message, EtpCodec.decode(EtpCodec.encode(message)));
  }

  @Property(tries = 20_000)
  void decoderFedRandomBytesThrowsOnlyTheTypedError(@ForAll @Size(max = 300) byte[] bytes) {
    survives(bytes);
  }

  @Property(tries = 20_000)
  void decoderFedMutatedValidBytesThrowsOnlyTheTypedError(@ForAll("mutatedMessages") byte[] bytes) {
    survives(bytes);
  }

  /** Decodes, then runs every check a receiver runs; only EtpProtocolException may escape, from decode. */
  private void survives(byte[] bytes) {
    EtpMessage decoded;
    try {
      decoded = EtpCodec.decode(bytes);
    } catch (EtpProtocolException expected) {
      return;
    }
    gate.admit(decoded);
    verifier.verify(decoded, TestMessages.NOW);
    authenticator.onMessage(ConnectionState.AwaitingHello.INSTANCE, decoded);
    TimingClass.priorityOf(decoded);
  }

  @Provide
  Arbitrary<EtpMessage> messages() {
    return EtpArbitraries.anyMessage();
  }

  @Provide
  Arbitrary<byte[]> mutatedMessages() {
    // each edit is one int: bits 0-1 the kind, bits 2-11 the position, bits 12-19 the byte
    return Combinators.combine(Arbitraries.of(SEEDS), Arbitraries.integers().list().ofMinSize(1).ofMaxSize(6))
        .as(EtpCodecPropertyTest::mutate);
  }

  /** Applies edits: 0 flip a bit, 1 overwrite a byte, 2 insert a byte, 3 truncate. */
  private static byte[] mutate(byte[] seed, List<Integer> edits) {
    byte[] b = seed.clone();
    for (int edit : edits) {
      if (b.length == 0) {
        break;
      }
      int pos = ((edit >>> 2) & 0x3FF) % b.length;
      byte value = (byte) (edit >>> 12);
      switch (edit & 3) {
        case 0 -> b[pos] ^= (byte) (1 << (value & 7));
        case 1 -> b[pos] = value;
        case 2 -> {
          byte[] longer = new byte[b.length + 1];
          System.arraycopy(b, 0, longer, 0, pos);
          longer[pos] = value;
          System.arraycopy(b, pos, longer, pos + 1, b.length - pos);
          b = longer;
        }
        default -> b = Arrays.copyOf(b, pos);
      }
    }
    return b;
  }
}
