package io.etp.marketdata;

import com.typesafe.config.Config;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how patiently a remote client calls its provider.
 *
 * @param baseUrl        scheme, host and optional path prefix, without a trailing slash (e.g. {@code https://web-api.tp.entsoe.eu})
 * @param connectTimeout limit for establishing the TCP/TLS connection
 * @param requestTimeout limit for the whole answer once connected
 */
public record HttpSourceSettings(URI baseUrl, Duration connectTimeout, Duration requestTimeout) {

  /** ENTSO-E Transparency Platform REST API. */
  public static final URI ENTSOE_BASE_URL = URI.create("https://web-api.tp.entsoe.eu");
  /** Open-Meteo free forecast API; with an API key use {@link #OPEN_METEO_CUSTOMER_BASE_URL}. */
  public static final URI OPEN_METEO_BASE_URL = URI.create("https://api.open-meteo.com");
  /** Open-Meteo commercial endpoint that takes the {@code apikey} parameter. */
  public static final URI OPEN_METEO_CUSTOMER_BASE_URL = URI.create("https://customer-api.open-meteo.com");

  public HttpSourceSettings {
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    String text = baseUrl.toString();
    if (text.endsWith("/")) {
      baseUrl = URI.create(text.substring(0, text.length() - 1));
    }
  }

  /** {@code baseUrl} with 5 s to connect and 30 s for the answer. */
  public static HttpSourceSettings of(URI baseUrl) {
    return new HttpSourceSettings(baseUrl, Duration.ofSeconds(5), Duration.ofSeconds(30));
  }

  /**
   * Reads {@code base-url}, {@code connect-timeout} and {@code request-timeout} from a config section; missing keys
   * fall back to {@code defaultBaseUrl} and the defaults of {@link #of(URI)}.
   */
  public static HttpSourceSettings fromConfig(Config config, URI defaultBaseUrl) {
    HttpSourceSettings d = of(config.hasPath("base-url") ? URI.create(config.getString("base-url")) : defaultBaseUrl);
    return new HttpSourceSettings(d.baseUrl(),
        config.hasPath("connect-timeout") ? config.getDuration("connect-timeout") : d.connectTimeout(),
        config.hasPath("request-timeout") ? config.getDuration("request-timeout") : d.requestTimeout());
  }

  public HttpSourceSettings withTimeouts(Duration newConnectTimeout, Duration newRequestTimeout) {
    return new HttpSourceSettings(baseUrl, newConnectTimeout, newRequestTimeout);
  }
}
