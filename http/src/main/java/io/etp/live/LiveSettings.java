package io.etp.live;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * Bounds of the live stream, read once from {@code etp.live} (cluster-config/http.conf).
 *
 * @param inputBuffer      events waiting to be sequenced; a publisher offering into a full buffer is refused, never
 *                         blocked
 * @param ringSize         recent events kept for resuming subscribers and for {@code GET /api/events}
 * @param clientBuffer     events queued per subscriber before the oldest are dropped and reported
 * @param maxClientMessage longest message a subscriber may send, in bytes (all its frames together); a longer
 *                         one closes the connection with 1009 (BoundedWebSocket)
 * @param readTimeout      time allowed to receive one streamed client message
 */
public record LiveSettings(int inputBuffer, int ringSize, int clientBuffer, int maxClientMessage,
                           Duration readTimeout) {

  public LiveSettings {
    requirePositive("input-buffer", inputBuffer);
    requirePositive("ring-size", ringSize);
    requirePositive("client-buffer", clientBuffer);
    requirePositive("max-client-message", maxClientMessage);
  }

  public static LiveSettings fromConfig(Config config) {
    Config c = config.getConfig("etp.live");
    return new LiveSettings(c.getInt("input-buffer"), c.getInt("ring-size"),
        c.getInt("client-buffer"), c.getInt("max-client-message"), c.getDuration("read-timeout"));
  }

  private static void requirePositive(String name, int value) {
    if (value < 1) {
      throw new IllegalArgumentException("etp.live." + name + " must be positive: " + value);
    }
  }
}
