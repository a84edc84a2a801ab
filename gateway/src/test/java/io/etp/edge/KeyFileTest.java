package io.etp.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etp.protocol.v1.PeerRole;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyFileTest {

  private static final String SECRET = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

  @Test
  void readsKeysWithTheirRolesWithAndWithoutValidityWindowsSkippingCommentsAndBlankLines() {
    EdgeKeys store = KeyFile.parse(List.of("# comment", "", "battery bess-1 k1 " + SECRET,
        "aggregator agg-1 k2 " + SECRET + " 2026-01-01T00:00:00Z 2026-02-01T00:00:00Z"));
    assertTrue(store.find("bess-1", "k1", Instant.parse("2030-01-01T00:00:00Z")).isPresent());
    assertTrue(store.find("agg-1", "k2", Instant.parse("2026-01-15T00:00:00Z")).isPresent());
    assertFalse(store.find("agg-1", "k2", Instant.parse("2026-03-01T00:00:00Z")).isPresent());
    assertEquals(PeerRole.PEER_ROLE_BATTERY, store.roleOf("bess-1").orElseThrow());
    assertEquals(PeerRole.PEER_ROLE_AGGREGATOR, store.roleOf("agg-1").orElseThrow());
  }

  @Test
  void oldFormatLineWithoutARoleIsRefusedWithTheNewFormat() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> KeyFile.parse(List.of("battery bess-1 k1 " + SECRET, "bess-2 k1 " + SECRET)));
    assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    assertTrue(e.getMessage().contains(KeyFile.FORMAT), e.getMessage());
    assertFalse(e.getMessage().contains(SECRET));
  }

  @Test
  void oneIdWithKeysForTwoRolesIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> KeyFile.parse(List.of("battery bess-1 k1 " + SECRET, "aggregator bess-1 k2 " + SECRET)));
    assertTrue(e.getMessage().contains("line 2"), e.getMessage());
  }

  @Test
  void nodeKeyAmongTheDeviceKeysIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> KeyFile.parse(List.of("node gateway-1 nk " + SECRET)));
  }

  @Test
  void malformedLineIsReportedByNumberWithoutTheSecret() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> KeyFile.parse(List.of("battery bess-1 k1 " + SECRET, "battery bess-2 k1 not-base64!")));
    assertTrue(e.getMessage().contains("line 2"));
    assertFalse(e.getMessage().contains(SECRET));
    assertThrows(IllegalArgumentException.class, () -> KeyFile.parse(List.of("battery bess-3 k1")));
  }

  @Test
  void nodeKeyIsGeneratedOwnerOnlyOnceAndReadBack(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("data").resolve("edge-node.key");
    NodeKey created = NodeKey.loadOrCreate(file, "gateway-1");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    NodeKey again = NodeKey.loadOrCreate(file, "gateway-1");
    assertEquals(created.keyId(), again.keyId());
    io.etp.protocol.v1.EtpMessage m = io.etp.protocol.v1.EtpMessage.newBuilder().setSenderId("bess-1")
        .setMessageId(7).build();
    assertTrue(new io.etp.protocol.signing.SignatureVerifier(created.verifier())
        .verify(again.sign(m), Instant.now()).isValid());
  }
}
