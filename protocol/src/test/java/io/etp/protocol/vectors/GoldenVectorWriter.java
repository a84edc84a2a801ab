package io.etp.protocol.vectors;

import io.etp.protocol.EtpCodec;
import io.etp.protocol.signing.CanonicalForm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Regenerates the golden vector files. Run it only on purpose, after a deliberate change to the wire format or to the
 * vectors, and review the diff: the tests never call it. See protocol/README.md for the command.
 */
public final class GoldenVectorWriter {

  private GoldenVectorWriter() {
  }

  /**
   * @param args the target directory (default {@code protocol/src/test/resources/vectors})
   * @throws IOException when a file cannot be written
   */
  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : "protocol/src/test/resources/vectors");
    Files.createDirectories(dir);
    HexFormat hex = HexFormat.of();
    List<GoldenVectors.Vector> vectors = new ArrayList<>(GoldenVectors.all());
    vectors.addAll(GoldenVectors.withDeliveryPeriod());
    vectors.addAll(GoldenVectors.withMeteredDelivery());
    for (GoldenVectors.Vector v : vectors) {
      write(dir.resolve(v.stem() + ".hex"), hex.formatHex(EtpCodec.encode(v.message())));
      write(dir.resolve(v.stem() + ".canonical.hex"), hex.formatHex(CanonicalForm.of(v.message())));
      write(dir.resolve(v.stem() + ".hmac.hex"), hex.formatHex(v.message().getHmacSha256().toByteArray()));
      System.out.println("wrote " + v.stem());
    }
  }

  private static void write(Path file, String hex) throws IOException {
    Files.writeString(file, hex + "\n", StandardCharsets.US_ASCII);
  }
}
