package io.etp.protocol.signing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class HmacSha256Test {

  private static DeviceKey key(byte[] secret) {
    return DeviceKey.of("s", "k", secret, Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"));
  }

  @Test
  void matchesRfc4231TestCase1() {
    byte[] secret = new byte[20];
    Arrays.fill(secret, (byte) 0x0b);
    byte[] tag = HmacSha256.tag(key(secret), "Hi There".getBytes(StandardCharsets.US_ASCII));
    assertArrayEquals(HexFormat.of().parseHex("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"), tag);
  }

  @Test
  void matchesRfc4231TestCase6WithKeyLongerThanTheBlock() {
    byte[] secret = new byte[131];
    Arrays.fill(secret, (byte) 0xaa);
    byte[] data = "Test Using Larger Than Block-Size Key - Hash Key First".getBytes(StandardCharsets.US_ASCII);
    assertArrayEquals(HexFormat.of().parseHex("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
        HmacSha256.tag(key(secret), data));
  }

  @Test
  void matchesOnlyTheExactTag() {
    DeviceKey k = key(new byte[32]);
    byte[] data = {1, 2, 3};
    byte[] tag = HmacSha256.tag(k, data);
    assertTrue(HmacSha256.matches(k, data, tag));
    tag[31] ^= 1;
    assertFalse(HmacSha256.matches(k, data, tag));
    assertFalse(HmacSha256.matches(k, data, Arrays.copyOf(tag, 31)));
  }

  @Test
  void givesTheSameTagsFromManyThreadsWithManyKeys() throws Exception {
    List<DeviceKey> keys = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      byte[] secret = new byte[32];
      secret[0] = (byte) i;
      keys.add(key(secret));
    }
    byte[] data = "canonical".getBytes(StandardCharsets.US_ASCII);
    List<byte[]> expected = new ArrayList<>();
    for (DeviceKey k : keys) {
      expected.add(HmacSha256.tag(k, data));
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        results.add(pool.submit(() -> {
          for (int round = 0; round < 50; round++) {
            for (int i = 0; i < keys.size(); i++) {
              if (!Arrays.equals(expected.get(i), HmacSha256.tag(keys.get(i), data))) {
                return false;
              }
            }
          }
          return true;
        }));
      }
      for (Future<Boolean> r : results) {
        assertTrue(r.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
