package io.etp.edge;

import io.etp.protocol.signing.DeviceKey;
import io.etp.protocol.v1.PeerRole;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Reads keys from a text file that lives outside the repository: the device keys (path in {@code etp.edge.keys-file}
 * or {@code ETP_EDGE_KEYS_FILE}) and the node's own key ({@link NodeKey}). One key per line:
 * {@code role sender_id key_id base64-secret [valid-from valid-until]}, instants in ISO-8601; without them the key is
 * valid from the epoch to year 9999. The role is {@code battery} or {@code aggregator} for a device key (the only
 * role that key's sender may take, docs/edge.md) and {@code node} for the node's key. Blank lines and lines starting
 * with {@code #} are skipped. A malformed line, including a line of the old format without a role, is refused with its
 * line number and the expected format; the secrets never appear in errors or logs.
 */
public final class KeyFile {

  /** The format, as errors and docs/edge.md state it. */
  public static final String FORMAT = "role sender_id key_id base64-secret [valid-from valid-until]";

  private static final Instant FOREVER = Instant.parse("9999-01-01T00:00:00Z");

  /** Which role a line's key is for. */
  public enum KeyRole {
    /** a battery device */
    BATTERY,
    /** an aggregator agent */
    AGGREGATOR,
    /** the node itself: signs the frames the gateway sends to devices */
    NODE;

    static KeyRole parse(String word) {
      return switch (word.toLowerCase(Locale.ROOT)) {
        case "battery" -> BATTERY;
        case "aggregator" -> AGGREGATOR;
        case "node" -> NODE;
        default -> null;
      };
    }

    /** @return the wire role of a device key */
    PeerRole peerRole() {
      return switch (this) {
        case BATTERY -> PeerRole.PEER_ROLE_BATTERY;
        case AGGREGATOR -> PeerRole.PEER_ROLE_AGGREGATOR;
        case NODE -> PeerRole.PEER_ROLE_GATEWAY;
      };
    }
  }

  /**
   * One line of a keys file.
   *
   * @param line its line number
   * @param role the role its key is for
   * @param key the key
   */
  public record Entry(int line, KeyRole role, DeviceKey key) {
  }

  private KeyFile() {
  }

  /**
   * @param path the device keys file
   * @return the device keys with their roles
   * @throws IllegalArgumentException naming the line number of a malformed line
   * @throws UncheckedIOException when the file cannot be read
   */
  public static EdgeKeys load(Path path) {
    return parse(read(path));
  }

  /**
   * @param lines the device keys file's lines
   * @return their keys with their roles
   * @throws IllegalArgumentException for a malformed line, a {@code node} line, or one id with two roles
   */
  public static EdgeKeys parse(List<String> lines) {
    EdgeKeys keys = new EdgeKeys();
    for (Entry e : entries(lines)) {
      if (e.role() == KeyRole.NODE) {
        throw new IllegalArgumentException("keys file line " + e.line() + ": a node key belongs in the node key file"
            + " (etp.edge.node-key-file, ETP_EDGE_NODE_KEY_FILE), not among the device keys");
      }
      try {
        keys.add(e.role().peerRole(), e.key());
      } catch (IllegalArgumentException twoRoles) {
        throw new IllegalArgumentException("keys file line " + e.line() + ": " + twoRoles.getMessage(), twoRoles);
      }
    }
    return keys;
  }

  /**
   * @param path a keys file
   * @return its lines
   * @throws UncheckedIOException when it cannot be read
   */
  static List<String> read(Path path) {
    try {
      return Files.readAllLines(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the keys file " + path, e);
    }
  }

  /**
   * @param lines a keys file's lines
   * @return every key line, in order
   * @throws IllegalArgumentException naming the first malformed line and the expected format
   */
  public static List<Entry> entries(List<String> lines) {
    List<Entry> out = new ArrayList<>();
    int n = 0;
    for (String raw : lines) {
      n++;
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split("\\s+");
      KeyRole role = KeyRole.parse(f[0]);
      if (role == null) {
        throw new IllegalArgumentException("keys file line " + n + ": the first field must be the key's role (battery,"
            + " aggregator or node), the format is `" + FORMAT + "`; a line of the old format `sender_id key_id"
            + " base64-secret` names no role: put the device's role in front of it");
      }
      if (f.length != 4 && f.length != 6) {
        throw new IllegalArgumentException("keys file line " + n + ": expected 4 or 6 fields (`" + FORMAT + "`), got "
            + f.length);
      }
      try {
        byte[] secret = Base64.getDecoder().decode(f[3]);
        Instant from = f.length == 6 ? Instant.parse(f[4]) : Instant.EPOCH;
        Instant until = f.length == 6 ? Instant.parse(f[5]) : FOREVER;
        out.add(new Entry(n, role, DeviceKey.of(f[1], f[2], secret, from, until)));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("keys file line " + n + " (sender " + f[1] + "): "
            + e.getClass().getSimpleName(), e);
      }
    }
    return out;
  }
}
