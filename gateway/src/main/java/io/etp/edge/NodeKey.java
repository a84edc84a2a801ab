package io.etp.edge;

import io.etp.protocol.signing.DeviceKey;
import io.etp.protocol.signing.InMemoryKeyStore;
import io.etp.protocol.signing.KeyStore;
import io.etp.protocol.signing.NodeFrameSigner;
import io.etp.protocol.v1.EtpMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's own HMAC key: every frame the gateway sends to a device (the twins' messages it relays and its own error
 * frames) is signed with it through the protocol library's {@link NodeFrameSigner} (the one signing path for
 * node-to-device frames; {@code NodeFrameVerifier} is the device's check), so a device can tell the node's
 * frames from forged ones. The frame keeps its {@code sender_id} (a relayed QueryResponse still names the battery);
 * its {@code key_id} is the node key's id, which tells the device to verify with the node key ({@link #verifier()}).
 *
 * <p>The key comes from a file in the keys-file format ({@link KeyFile}) holding one {@code node} line, named by
 * {@code etp.edge.node-key-file} ({@code ETP_EDGE_NODE_KEY_FILE}). When the file does not exist it is generated with
 * 32 random bytes and owner-only permissions; the log names the file and key id, never the secret. Every node of a
 * cluster should be given the same node key file, so that a device verifies frames from whichever node it reaches.
 */
public final class NodeKey {

  private static final Logger log = LoggerFactory.getLogger(NodeKey.class);
  private static final int SECRET_BYTES = 32;

  private final DeviceKey key;
  private final NodeFrameSigner signer;

  private NodeKey(DeviceKey key) {
    this.key = Objects.requireNonNull(key, "key");
    this.signer = new NodeFrameSigner(key.senderId(), new InMemoryKeyStore().add(key), Clock.systemUTC());
  }

  /**
   * @param key the node's key (its sender id is the gateway id it was made for)
   * @return the node key
   */
  public static NodeKey of(DeviceKey key) {
    return new NodeKey(key);
  }

  /**
   * A key held in memory only, for a gateway no device can authenticate to (no device keys) and for tests.
   *
   * @param gatewayId the gateway's id
   * @return a fresh random key
   */
  public static NodeKey ephemeral(String gatewayId) {
    return new NodeKey(random(gatewayId));
  }

  /**
   * Reads the node key file, or creates it with a fresh key (owner-only permissions) when it does not exist.
   *
   * @param file the node key file
   * @param gatewayId the id written into a new file's line
   * @return the node key
   * @throws IllegalArgumentException when the file does not hold exactly one valid {@code node} line
   * @throws UncheckedIOException when the file cannot be read or created
   */
  public static NodeKey loadOrCreate(Path file, String gatewayId) {
    if (!Files.exists(file)) {
      try {
        NodeKey created = create(file, gatewayId);
        log.info("generated the edge node key {} into {} (owner-only); give devices this file's key id and secret to"
            + " verify the node's frames", created.keyId(), file.toAbsolutePath());
        return created;
      } catch (FileAlreadyExistsException raced) {
        // another process created it in between: read it
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create the node key file " + file, e);
      }
    }
    List<KeyFile.Entry> entries = KeyFile.entries(KeyFile.read(file));
    if (entries.size() != 1 || entries.get(0).role() != KeyFile.KeyRole.NODE) {
      throw new IllegalArgumentException("node key file " + file + ": expected exactly one line `node sender_id key_id"
          + " base64-secret [valid-from valid-until]`, found " + entries.size() + " key line(s)"
          + (entries.isEmpty() ? "" : " of role " + entries.get(0).role().name().toLowerCase(java.util.Locale.ROOT)));
    }
    warnIfReadableByOthers(file);
    NodeKey loaded = new NodeKey(entries.get(0).key());
    log.info("edge node key {} read from {}", loaded.keyId(), file.toAbsolutePath());
    return loaded;
  }

  private static NodeKey create(Path file, String gatewayId) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    DeviceKey key = random(gatewayId);
    String line = "node " + gatewayId + " " + key.keyId() + " "
        + Base64.getEncoder().encodeToString(key.secret().getEncoded());
    List<String> lines = List.of("# ETP edge node key (docs/edge.md): " + KeyFile.FORMAT, line);
    try {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException notPosix) {
      Files.createFile(file);
      java.io.File f = file.toFile();
      f.setReadable(false, false);
      f.setWritable(false, false);
      f.setReadable(true, true);
      f.setWritable(true, true);
    }
    Files.write(file, lines, StandardCharsets.UTF_8);
    return new NodeKey(key);
  }

  private static DeviceKey random(String gatewayId) {
    SecureRandom random = new SecureRandom();
    byte[] secret = new byte[SECRET_BYTES];
    random.nextBytes(secret);
    byte[] id = new byte[4];
    random.nextBytes(id);
    return DeviceKey.of(gatewayId, "node-" + HexFormat.of().formatHex(id), secret, Instant.EPOCH,
        Instant.parse("9999-01-01T00:00:00Z"));
  }

  private static void warnIfReadableByOthers(Path file) {
    try {
      Set<PosixFilePermission> p = Files.getPosixFilePermissions(file);
      if (p.contains(PosixFilePermission.GROUP_READ) || p.contains(PosixFilePermission.OTHERS_READ)) {
        log.warn("the node key file {} is readable by group or others ({}): chmod 600 it", file.toAbsolutePath(),
            PosixFilePermissions.toString(p));
      }
    } catch (UnsupportedOperationException notPosix) {
      // not a POSIX file system: there are no owner/group/other bits to check
    } catch (IOException e) {
      log.warn("could not read the permissions of the node key file {}: {}", file.toAbsolutePath(), e.toString());
    }
  }

  /** @return the key id devices see in {@code key_id} */
  public String keyId() {
    return key.keyId();
  }

  /**
   * @param m a frame for a device
   * @return the frame with {@code key_id} = the node key's id and {@code hmac_sha256} over its canonical bytes
   */
  public EtpMessage sign(EtpMessage m) {
    EtpMessage from = m.getSenderId().isEmpty() ? m.toBuilder().setSenderId(key.senderId()).build() : m;
    return signer.sign(from);
  }

  private DeviceKey keyFor(String senderId) {
    return senderId.equals(key.senderId()) ? key
        : new DeviceKey(senderId, key.keyId(), key.secret(), key.validFrom(), key.validUntil());
  }

  /**
   * What a device holding the node key verifies the node's frames with: the node key, for whichever sender id.
   *
   * @return a key store answering the node key for any sender, under the node key's id only
   */
  public KeyStore verifier() {
    return (senderId, keyId, at) -> keyId.equals(key.keyId()) && key.isValidAt(at) && !senderId.isEmpty()
        ? Optional.of(keyFor(senderId)) : Optional.empty();
  }
}
