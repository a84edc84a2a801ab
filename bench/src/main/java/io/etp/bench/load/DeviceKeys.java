package io.etp.bench.load;

import io.etp.protocol.signing.DeviceKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The simulated devices' keys, in the node's keys-file format ({@code role sender_id key_id base64-secret}, see
 * docs/edge.md): the generator writes the file once with fresh random secrets, each id with its role (the
 * {@code agg-} ids are aggregators, the others batteries), and both the node ({@code ETP_EDGE_KEYS_FILE}) and the
 * generator read it.
 */
final class DeviceKeys {

  private DeviceKeys() {
  }

  static void write(Path file, List<String> senderIds) throws IOException {
    SecureRandom random = new SecureRandom();
    List<String> lines = new ArrayList<>();
    lines.add("# ETP device keys for the load generator: role sender_id key_id base64-secret");
    for (String id : senderIds) {
      byte[] secret = new byte[32];
      random.nextBytes(secret);
      String role = id.startsWith("agg-") ? "aggregator" : "battery";
      lines.add(role + " " + id + " k1 " + Base64.getEncoder().encodeToString(secret));
    }
    Files.write(file, lines, StandardCharsets.UTF_8);
  }

  static Map<String, DeviceKey> read(Path file) throws IOException {
    Map<String, DeviceKey> keys = new HashMap<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      String l = line.strip();
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      String[] f = l.split("\\s+");
      if (f.length < 4) {
        throw new IOException(file + ": expected `role sender_id key_id base64-secret` lines (docs/edge.md); write"
            + " the file again with --write-keys");
      }
      keys.put(f[1], DeviceKey.of(f[1], f[2], Base64.getDecoder().decode(f[3]), Instant.EPOCH,
          Instant.parse("9999-01-01T00:00:00Z")));
    }
    return keys;
  }
}
