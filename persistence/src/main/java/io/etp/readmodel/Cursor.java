package io.etp.readmodel;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A keyset position in a history, newest first: the last row's time (epoch ms) and key. On the wire it is opaque:
 * URL-safe base64 of {@code <time>:<key>}. The next page holds the rows strictly before this position in
 * (time DESC, key DESC) order, so pages never overlap or skip rows, however many rows arrive meanwhile.
 */
public record Cursor(long timeMs, String key) {

  private static final int MAX_LENGTH = 512;

  public Cursor {
    if (key == null || key.isEmpty()) {
      throw new IllegalArgumentException("cursor key is empty");
    }
  }

  public String encode() {
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString((timeMs + ":" + key).getBytes(StandardCharsets.UTF_8));
  }

  /** Decodes a cursor this API handed out; any other text fails with {@link IllegalArgumentException}. */
  public static Cursor decode(String text) {
    if (text == null || text.isEmpty() || text.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("cursor must be 1-" + MAX_LENGTH + " characters");
    }
    String plain;
    try {
      plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("cursor is not one this API handed out");
    }
    int colon = plain.indexOf(':');
    if (colon <= 0 || colon == plain.length() - 1) {
      throw new IllegalArgumentException("cursor is not one this API handed out");
    }
    try {
      return new Cursor(Long.parseLong(plain.substring(0, colon)), plain.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("cursor is not one this API handed out");
    }
  }
}
