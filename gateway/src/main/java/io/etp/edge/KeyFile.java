package io.etp.edge;

import io.etp.protocol.signing.DeviceKey;
import io.etp.protocol.signing.InMemoryKeyStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * Reads device keys from a text file (path in {@code etp.edge.keys-file} or {@code ETP_EDGE_KEYS_FILE}; the file
 * lives outside the repository). One key per line: {@code sender_id key_id base64-secret [valid-from valid-until]},
 * instants in ISO-8601; without them the key is valid from the epoch to year 9999. Blank lines and lines starting
 * with {@code #} are skipped. The secrets never appear in errors or logs.
 */
public final class KeyFile {

  private static final Instant FOREVER = Instant.parse("9999-01-01T00:00:00Z");

  private KeyFile() {
  }

  /**
   * @param path the keys file
   * @return a key store holding every key of the file
   * @throws IllegalArgumentException naming the line number of a malformed line
   * @throws UncheckedIOException when the file cannot be read
   */
  public static InMemoryKeyStore load(Path path) {
    List<String> lines;
    try {
      lines = Files.readAllLines(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the device keys file " + path, e);
    }
    return parse(lines);
  }

  /**
   * @param lines the file's lines
   * @return a key store holding their keys
   */
  public static InMemoryKeyStore parse(List<String> lines) {
    InMemoryKeyStore store = new InMemoryKeyStore();
    int n = 0;
    for (String raw : lines) {
      n++;
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split("\\s+");
      if (f.length != 3 && f.length != 5) {
        throw new IllegalArgumentException("keys file line " + n + ": expected 3 or 5 fields, got " + f.length);
      }
      try {
        byte[] secret = Base64.getDecoder().decode(f[2]);
        Instant from = f.length == 5 ? Instant.parse(f[3]) : Instant.EPOCH;
        Instant until = f.length == 5 ? Instant.parse(f[4]) : FOREVER;
        store.add(DeviceKey.of(f[0], f[1], secret, from, until));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("keys file line " + n + " (sender " + f[0] + "): "
            + e.getClass().getSimpleName(), e);
      }
    }
    return store;
  }
}
