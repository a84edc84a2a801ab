package io.etp.protocol.legacy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.etp.protocol.EtpProtocolException;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** Round trips of the legacy text codec, Go-format stability, and totality on hostile text. */
class LegacyTextCodecPropertyTest {

  @Property(tries = 15_000)
  void legacyMessageSurvivesTextAndEtpRoundTrips(@ForAll("legacyMessages") LegacyMessage message) {
    String text = LegacyTextCodec.format(message);
    assertEquals(message, LegacyTextCodec.parse(text));
    assertEquals(text, LegacyTextCodec.encode(LegacyTextCodec.decode(text)));
    assertEquals(message, LegacyMessage.fromEtp(message.toEtp()));
  }

  @Property(tries = 5_000)
  void formattingAParsedFloatGivesTheSameText(@ForAll("finiteDoubles") double value) {
    String once = LegacyTextCodec.formatFloat(value);
    assertEquals(once, LegacyTextCodec.formatFloat(Double.parseDouble(once)));
  }

  @Property(tries = 10_000)
  void decoderFedArbitraryTextThrowsOnlyTheTypedError(@ForAll("numericNoise") String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    try {
      LegacyTextCodec.decode(bytes, 0, bytes.length);
    } catch (EtpProtocolException expected) {
      // the typed error is the only allowed failure
    }
  }

  @Property(tries = 5_000)
  void decoderFedRandomBytesThrowsOnlyTheTypedError(@ForAll @Size(max = 1100) byte[] bytes) {
    try {
      LegacyTextCodec.decode(bytes, 0, bytes.length);
    } catch (EtpProtocolException expected) {
      // the typed error is the only allowed failure
    }
  }

  @Provide
  Arbitrary<LegacyMessage> legacyMessages() {
    Arbitrary<Double> amount = Arbitraries.longs().between(-10_000_000L, 10_000_000L).map(c -> c / 100.0);
    return Builders.withBuilder(() -> new Object[14])
        .use(Arbitraries.integers().between(0, 9)).in((a, v) -> set(a, 0, v))
        .use(Arbitraries.longs()).in((a, v) -> set(a, 1, v))
        .use(Arbitraries.longs()).in((a, v) -> set(a, 2, v))
        .use(Arbitraries.integers()).in((a, v) -> set(a, 3, v))
        .use(amount).in((a, v) -> set(a, 4, v))
        .use(amount).in((a, v) -> set(a, 5, v))
        .use(amount).in((a, v) -> set(a, 6, v))
        .use(amount).in((a, v) -> set(a, 7, v))
        .use(amount).in((a, v) -> set(a, 8, v))
        .use(Arbitraries.integers()).in((a, v) -> set(a, 9, v))
        .use(amount).in((a, v) -> set(a, 10, v))
        .use(Arbitraries.integers()).in((a, v) -> set(a, 11, v))
        .use(amount).in((a, v) -> set(a, 12, v))
        .use(amount).in((a, v) -> set(a, 13, v))
        .build(a -> new LegacyMessage((int) a[0], (long) a[1], (long) a[2], (int) a[3], (double) a[4],
            (double) a[5], (double) a[6], (double) a[7], (double) a[8], (int) a[9], (double) a[10], (int) a[11],
            (double) a[12], (double) a[13]));
  }

  private static Object[] set(Object[] fields, int index, Object value) {
    fields[index] = value;
    return fields;
  }

  @Provide
  Arbitrary<Double> finiteDoubles() {
    return Arbitraries.oneOf(
        Arbitraries.doubles().between(-1e6, 1e6),
        Arbitraries.integers().between(-100_000, 100_000).map(i -> i / 1000.0),
        Arbitraries.doubles());
  }

  @Provide
  Arbitrary<String> numericNoise() {
    Arbitrary<String> token = Arbitraries.strings().withChars("0123456789.- +eNa\n").ofMaxLength(12);
    return Combinators.combine(token.list().ofMinSize(10).ofMaxSize(16), Arbitraries.of(" ", "  ", "\t"))
        .as((tokens, sep) -> String.join(sep, tokens));
  }
}
