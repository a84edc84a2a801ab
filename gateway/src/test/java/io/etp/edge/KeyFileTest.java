package io.etp.edge;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etp.protocol.signing.InMemoryKeyStore;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyFileTest {

  private static final String SECRET = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

  @Test
  void readsKeysWithAndWithoutValidityWindowsSkippingCommentsAndBlankLines() {
    InMemoryKeyStore store = KeyFile.parse(List.of("# comment", "", "bess-1 k1 " + SECRET,
        "agg-1 k2 " + SECRET + " 2026-01-01T00:00:00Z 2026-02-01T00:00:00Z"));
    assertTrue(store.find("bess-1", "k1", Instant.parse("2030-01-01T00:00:00Z")).isPresent());
    assertTrue(store.find("agg-1", "k2", Instant.parse("2026-01-15T00:00:00Z")).isPresent());
    assertFalse(store.find("agg-1", "k2", Instant.parse("2026-03-01T00:00:00Z")).isPresent());
  }

  @Test
  void malformedLineIsReportedByNumberWithoutTheSecret() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> KeyFile.parse(List.of("bess-1 k1 " + SECRET, "bess-2 k1 not-base64!")));
    assertTrue(e.getMessage().contains("line 2"));
    assertFalse(e.getMessage().contains(SECRET));
    assertThrows(IllegalArgumentException.class, () -> KeyFile.parse(List.of("bess-3 k1")));
  }
}
