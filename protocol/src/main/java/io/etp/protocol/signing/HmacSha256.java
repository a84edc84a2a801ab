package io.etp.protocol.signing;

import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;

/**
 * HMAC-SHA256 with initialised {@link Mac} instances cached per thread and per key: {@code Mac.getInstance} and
 * {@code Mac.init} cost more than hashing a message, and a {@code Mac} must not be shared between threads. Each thread
 * keeps at most {@link #KEYS_PER_THREAD} keys (least recently used evicted).
 */
public final class HmacSha256 {

  /** Length of the tag in bytes. */
  public static final int TAG_BYTES = 32;
  /** Keys with an initialised {@code Mac} kept per thread. */
  public static final int KEYS_PER_THREAD = 64;

  private static final ThreadLocal<Map<DeviceKey, Mac>> MACS = ThreadLocal.withInitial(HmacSha256::newCache);

  private HmacSha256() {
  }

  private static Map<DeviceKey, Mac> newCache() {
    return new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<DeviceKey, Mac> eldest) {
        return size() > KEYS_PER_THREAD;
      }
    };
  }

  /**
   * @param key the key
   * @param data the bytes to authenticate
   * @return the 32-byte tag
   */
  public static byte[] tag(DeviceKey key, byte[] data) {
    Mac mac = macFor(key);
    return mac.doFinal(data);
  }

  /**
   * Compares the tag of {@code data} with {@code expected} in constant time (for tags of equal length).
   *
   * @param key the key
   * @param data the authenticated bytes
   * @param expected the received tag
   * @return whether they match
   */
  public static boolean matches(DeviceKey key, byte[] data, byte[] expected) {
    return MessageDigest.isEqual(tag(key, data), expected);
  }

  private static Mac macFor(DeviceKey key) {
    Map<DeviceKey, Mac> cache = MACS.get();
    Mac mac = cache.get(key);
    if (mac == null) {
      try {
        mac = Mac.getInstance(DeviceKey.ALGORITHM);
        mac.init(key.secret());
      } catch (NoSuchAlgorithmException | InvalidKeyException e) {
        // HmacSHA256 is mandatory in every Java SE runtime and DeviceKey checks the key's algorithm
        throw new IllegalStateException("HmacSHA256 unavailable", e);
      }
      cache.put(key, mac);
    }
    return mac;
  }
}
