package io.etp.protocol.signing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import io.etp.protocol.EtpArbitraries;
import io.etp.protocol.v1.EtpMessage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Checks {@link CanonicalForm} against a second, independent implementation of the layout in docs/protocol.md that
 * walks the schema's descriptor generically, so a field added to the schema without a canonical encoding fails here.
 */
class CanonicalFormPropertyTest {

  private static final int TAG_FIELD = EtpMessage.HMAC_SHA256_FIELD_NUMBER;
  /** The last field of layout 01; fields added after it are written only when present. */
  private static final int LAST_LAYOUT_01_FIELD = EtpMessage.DETAIL_FIELD_NUMBER;

  @Property(tries = 5_000)
  void matchesTheDocumentedLayoutDerivedFromTheSchema(@ForAll("messages") EtpMessage message) {
    assertArrayEquals(fromSpecification(message), CanonicalForm.of(message));
  }

  @Provide
  Arbitrary<EtpMessage> messages() {
    return EtpArbitraries.anyMessage();
  }

  private static byte[] fromSpecification(EtpMessage message) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes); // big-endian
    try {
      out.write(new byte[] {'E', 'T', 'P', 'C', 1});
      List<FieldDescriptor> fields = EtpMessage.getDescriptor().getFields().stream()
          .filter(f -> f.getNumber() != TAG_FIELD)
          .sorted(Comparator.comparingInt(FieldDescriptor::getNumber))
          .toList();
      for (FieldDescriptor f : fields) {
        boolean present = !f.hasPresence() || message.hasField(f);
        if (f.getNumber() > LAST_LAYOUT_01_FIELD && !present) {
          continue;
        }
        out.writeByte(f.getNumber());
        out.writeByte(present ? 1 : 0);
        if (!present) {
          continue;
        }
        Object value = message.getField(f);
        switch (f.getType()) {
          case UINT32, INT32 -> out.writeInt((Integer) value);
          case ENUM -> out.writeInt(((EnumValueDescriptor) value).getNumber());
          case INT64 -> out.writeLong((Long) value);
          case DOUBLE -> out.writeLong(Double.doubleToRawLongBits((Double) value));
          case STRING -> {
            byte[] utf8 = ((String) value).getBytes(StandardCharsets.UTF_8);
            out.writeInt(utf8.length);
            out.write(utf8);
          }
          default -> throw new AssertionError("the canonical form does not define type " + f.getType()
              + " of field " + f.getName());
        }
      }
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
