package io.etp.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Generates and hashes raw API keys. A raw key is {@code etp_} followed by 32 random bytes from {@link SecureRandom}
 * (256 bits), base64url-encoded. Keys are stored as their SHA-256 hash: with 256 bits of entropy no guessing or
 * precomputation is feasible, so a slow password hash (PBKDF2, bcrypt) would add a per-request cost without adding
 * security; and a deterministic hash lets the store find a key by an indexed lookup instead of trying every key.
 * Operator-chosen keys (ETP_ADMIN_API_KEY) must be at least {@link #MIN_LENGTH} characters for the same reason.
 */
public final class KeySecrets {

  /** Shortest raw key accepted from the environment. */
  public static final int MIN_LENGTH = 32;
  static final int PREFIX_LENGTH = 10;
  private static final SecureRandom RANDOM = new SecureRandom();

  private KeySecrets() {}

  /** A fresh raw key. */
  public static String generate() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return "etp_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The stored form: lower-case hex SHA-256 of the raw key's UTF-8 bytes. */
  public static String hash(String raw) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(raw.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
    }
  }

  /** The part of a raw key shown in listings. */
  public static String prefix(String raw) {
    return raw.substring(0, Math.min(PREFIX_LENGTH, raw.length()));
  }
}
