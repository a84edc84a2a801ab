package io.etp.protocol.vectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Descriptors;

import io.etp.protocol.EtpCodec;
import io.etp.protocol.TimingClass;
import io.etp.protocol.ValidationResult;
import io.etp.protocol.signing.CanonicalForm;
import io.etp.protocol.signing.HmacSha256;
import io.etp.protocol.signing.InMemoryKeyStore;
import io.etp.protocol.signing.MessageSigner;
import io.etp.protocol.signing.SignatureVerifier;
import io.etp.protocol.v1.AuctionMechanism;
import io.etp.protocol.v1.EtpMessage;
import io.etp.protocol.v1.MessageType;
import io.etp.protocol.validation.MessageValidator;
import io.etp.protocol.validation.ValidationLimits;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class GoldenVectorsTest {

  private static final HexFormat HEX = HexFormat.of();

  /** The ten vectors of layout 01, the four delivery-period vectors and the metered-delivery vector. */
  static Stream<GoldenVectors.Vector> vectors() {
    return Stream.of(GoldenVectors.all(), GoldenVectors.withDeliveryPeriod(), GoldenVectors.withMeteredDelivery())
        .flatMap(List::stream);
  }

  private static String resource(String name) {
    try (InputStream in = GoldenVectorsTest.class.getResourceAsStream("/vectors/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing vector file " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void coversEachOfTheTenTypesOnce() {
    assertEquals(10, GoldenVectors.all().size());
    for (GoldenVectors.Vector v : GoldenVectors.all()) {
      assertEquals(MessageType.forNumber(v.number()), v.message().getMessageType());
    }
  }

  @ParameterizedTest
  @MethodSource("vectors")
  void encodingIsUnchanged(GoldenVectors.Vector v) {
    assertEquals(resource(v.stem() + ".hex"), HEX.formatHex(EtpCodec.encode(v.message())));
  }

  @ParameterizedTest
  @MethodSource("vectors")
  void canonicalBytesAndTagAreUnchanged(GoldenVectors.Vector v) {
    String canonical = resource(v.stem() + ".canonical.hex");
    assertEquals(canonical, HEX.formatHex(CanonicalForm.of(v.message())));
    String tag = HEX.formatHex(HmacSha256.tag(GoldenVectors.key(v.message().getSenderId()), HEX.parseHex(canonical)));
    assertEquals(resource(v.stem() + ".hmac.hex"), tag);
  }

  @ParameterizedTest
  @MethodSource("vectors")
  void decodesVerifiesAndValidatesEachVectorFile(GoldenVectors.Vector v) {
    EtpMessage decoded = EtpCodec.decode(HEX.parseHex(resource(v.stem() + ".hex")));
    assertEquals(v.message(), decoded);
    assertEquals(resource(v.stem() + ".hmac.hex"), HEX.formatHex(decoded.getHmacSha256().toByteArray()));
    InMemoryKeyStore keys = new InMemoryKeyStore()
        .add(GoldenVectors.key(GoldenVectors.BATTERY)).add(GoldenVectors.key(GoldenVectors.AGGREGATOR));
    assertEquals(ValidationResult.valid(), new SignatureVerifier(keys).verify(decoded, GoldenVectors.SENT_AT));
    Clock atSending = Clock.fixed(GoldenVectors.SENT_AT, ZoneOffset.UTC);
    assertEquals(ValidationResult.valid(),
        new MessageValidator(ValidationLimits.DEFAULTS, atSending).validate(decoded));
  }

  @ParameterizedTest
  @MethodSource("layout01Vectors")
  void populatesEveryField(GoldenVectors.Vector v) {
    for (Descriptors.FieldDescriptor field : EtpMessage.getDescriptor().getFields()) {
      if (field.getNumber() > EtpMessage.DETAIL_FIELD_NUMBER) {
        // added after canonical layout 01: the vectors stay without it, proving a message without it keeps its
        // bytes and tag (see signsTheAuctionMechanismAppendedToTheLayout01Bytes)
        assertTrue(!v.message().hasField(field), v.stem() + " carries " + field.getName());
      } else if (field.getName().equals("priority")) {
        // DeviceFailure's priority is 0, which proto3 does not distinguish from unset
        assertEquals(TimingClass.of(v.message().getMessageType()).priority(), v.message().getPriority());
      } else {
        assertTrue(v.message().hasField(field), v.stem() + " lacks " + field.getName());
      }
    }
  }

  static Stream<GoldenVectors.Vector> layout01Vectors() {
    return GoldenVectors.all().stream();
  }

  @ParameterizedTest
  @MethodSource("periodVectors")
  void periodVectorsPopulateEveryLayout01FieldAndTheDeliveryPeriod(GoldenVectors.Vector v) {
    for (Descriptors.FieldDescriptor field : EtpMessage.getDescriptor().getFields()) {
      if (field.getNumber() == EtpMessage.AUCTION_MECHANISM_FIELD_NUMBER) {
        assertEquals(v.message().getMessageType() == MessageType.QUERY_RESPONSE, v.message().hasField(field));
      } else if (field.getNumber() == EtpMessage.METERED_DELIVERED_KWH_FIELD_NUMBER) {
        assertTrue(!v.message().hasField(field), v.stem() + " carries " + field.getName());
      } else if (!field.getName().equals("priority")) {
        assertTrue(v.message().hasField(field), v.stem() + " lacks " + field.getName());
      }
    }
  }

  static Stream<GoldenVectors.Vector> periodVectors() {
    return GoldenVectors.withDeliveryPeriod().stream();
  }

  @Test
  void periodVectorsAppendTheDeliveryFieldsAfterTheLayout01Bytes() {
    // independently computed: 2026-11-21T04:00:00Z = 1795233600000 ms = 0x1a1fc42d200, 60 = 0x3c;
    // 03:15:00Z = 1795230900000 ms = 0x1a1fc199f20, 15 = 0x0f
    String hour = "23" + "01" + "000001a1fc42d200" + "24" + "01" + "0000003c";
    String quarter = "23" + "01" + "000001a1fc199f20" + "24" + "01" + "0000000f";
    for (GoldenVectors.Vector v : GoldenVectors.withDeliveryPeriod()) {
      String canonical = resource(v.stem() + ".canonical.hex");
      boolean isHour = v.message().getDeliveryPeriodMinutes() == 60;
      assertTrue(canonical.endsWith(isHour ? hour : quarter), v.stem());
      EtpMessage withoutPeriod = v.message().toBuilder().clearDeliveryStartMs().clearDeliveryPeriodMinutes().build();
      assertEquals(HEX.formatHex(CanonicalForm.of(withoutPeriod)) + (isHour ? hour : quarter), canonical);
    }
    assertTrue(resource("02-query-response-period.canonical.hex").endsWith("2201" + "00000002" + quarter));
  }

  @Test
  void meteredVectorAppendsField37AfterThePeriodAndSignsIt() {
    // independently computed: 5.5 = 0x4016000000000000 (IEEE-754), 37 = 0x25; the quarter as above
    String quarter = "23" + "01" + "000001a1fc199f20" + "24" + "01" + "0000000f";
    String metered = "25" + "01" + "4016000000000000";
    GoldenVectors.Vector v = GoldenVectors.withMeteredDelivery().get(0);
    String canonical = resource(v.stem() + ".canonical.hex");
    assertTrue(canonical.endsWith(quarter + metered), canonical);
    EtpMessage withoutMeter = v.message().toBuilder().clearMeteredDeliveredKwh().build();
    assertEquals(HEX.formatHex(CanonicalForm.of(withoutMeter)) + metered, canonical);
    InMemoryKeyStore keys = new InMemoryKeyStore().add(GoldenVectors.key(v.message().getSenderId()));
    SignatureVerifier verifier = new SignatureVerifier(keys);
    assertEquals(ValidationResult.valid(), verifier.verify(v.message(), GoldenVectors.SENT_AT));
    assertTrue(!verifier.verify(v.message().toBuilder().setMeteredDeliveredKwh(6.75).build(), GoldenVectors.SENT_AT)
        .isValid());
    assertTrue(!verifier.verify(withoutMeter, GoldenVectors.SENT_AT).isValid());
  }

  @Test
  void aSignedDeliveryPeriodCannotBeMovedToAnotherPeriod() {
    GoldenVectors.Vector v = GoldenVectors.withDeliveryPeriod().get(1);
    InMemoryKeyStore keys = new InMemoryKeyStore().add(GoldenVectors.key(v.message().getSenderId()));
    SignatureVerifier verifier = new SignatureVerifier(keys);
    assertEquals(ValidationResult.valid(), verifier.verify(v.message(), GoldenVectors.SENT_AT));
    long nextHour = v.message().getDeliveryStartMs() + 3_600_000L;
    assertTrue(!verifier.verify(v.message().toBuilder().setDeliveryStartMs(nextHour).build(), GoldenVectors.SENT_AT)
        .isValid());
    assertTrue(!verifier.verify(v.message().toBuilder().setDeliveryPeriodMinutes(15).build(), GoldenVectors.SENT_AT)
        .isValid());
    assertTrue(!verifier.verify(v.message().toBuilder().clearDeliveryStartMs().clearDeliveryPeriodMinutes().build(),
        GoldenVectors.SENT_AT).isValid());
  }

  @Test
  void signsTheAuctionMechanismAppendedToTheLayout01Bytes() {
    GoldenVectors.Vector v = GoldenVectors.all().get(MessageType.QUERY_RESPONSE_VALUE);
    EtpMessage withMechanism = v.message().toBuilder()
        .setAuctionMechanism(AuctionMechanism.AUCTION_MECHANISM_SEALED_SECOND_PRICE).clearHmacSha256().build();
    String canonical = HEX.formatHex(CanonicalForm.of(withMechanism));
    assertEquals(resource(v.stem() + ".canonical.hex") + "220100000002", canonical);
    EtpMessage signed = MessageSigner.sign(withMechanism, GoldenVectors.key(GoldenVectors.BATTERY));
    InMemoryKeyStore keys = new InMemoryKeyStore().add(GoldenVectors.key(GoldenVectors.BATTERY));
    assertEquals(ValidationResult.valid(), new SignatureVerifier(keys).verify(signed, GoldenVectors.SENT_AT));
    EtpMessage tampered = signed.toBuilder().setAuctionMechanism(AuctionMechanism.AUCTION_MECHANISM_ASCENDING).build();
    assertTrue(!new SignatureVerifier(keys).verify(tampered, GoldenVectors.SENT_AT).isValid());
  }
}
