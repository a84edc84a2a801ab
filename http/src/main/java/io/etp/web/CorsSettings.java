package io.etp.web;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueType;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Cross-origin settings from {@code etp.http.cors}: {@code allowed-origins} is a list (or a comma-separated string, as
 * ETP_CORS_ALLOWED_ORIGINS gives it) of origins such as {@code https://ops.example.com}, or {@code *} for any.
 *
 * @param allowedOrigins origins whose browsers may call the API and open the WebSocket; empty: same origin only
 * @param maxAge         how long browsers may cache a preflight answer
 */
public record CorsSettings(List<String> allowedOrigins, Duration maxAge) {

  public CorsSettings {
    allowedOrigins = allowedOrigins.stream().map(String::trim).filter(o -> !o.isEmpty())
        .map(o -> o.endsWith("/") ? o.substring(0, o.length() - 1) : o).toList();
  }

  public static CorsSettings fromConfig(Config config) {
    Config c = config.getConfig("etp.http.cors");
    List<String> origins = c.getValue("allowed-origins").valueType() == ConfigValueType.STRING
        ? Arrays.asList(c.getString("allowed-origins").split(","))
        : c.getStringList("allowed-origins");
    return new CorsSettings(origins, c.getDuration("max-age"));
  }

  public boolean allows(String origin) {
    return allowedOrigins.contains("*") || allowedOrigins.contains(origin);
  }
}
