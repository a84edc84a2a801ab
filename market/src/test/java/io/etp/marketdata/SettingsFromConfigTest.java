package io.etp.marketdata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.typesafe.config.ConfigFactory;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SettingsFromConfigTest {

  @Test
  void anEmptySectionGivesTheDefaults() {
    var empty = ConfigFactory.empty();
    assertEquals(ResilienceSettings.defaults(), ResilienceSettings.fromConfig(empty));
    assertEquals(ValidationSettings.defaults(), ValidationSettings.fromConfig(empty));
    assertEquals(HttpSourceSettings.of(HttpSourceSettings.ENTSOE_BASE_URL),
        HttpSourceSettings.fromConfig(empty, HttpSourceSettings.ENTSOE_BASE_URL));
  }

  @Test
  void givenKeysOverrideTheDefaults() {
    var config = ConfigFactory.parseString("""
        resilience { poll-interval = 5m, breaker { max-failures = 2, reset-timeout = 30s } }
        http { base-url = "http://127.0.0.1:8080/", request-timeout = 10s }
        validation { market-time-zone = "Europe/Oslo", outlier { k = 4.5 } }
        """);

    assertEquals(ResilienceSettings.defaults().withPollInterval(Duration.ofMinutes(5))
            .withBreaker(2, ResilienceSettings.defaults().breakerCallTimeout(), Duration.ofSeconds(30)),
        ResilienceSettings.fromConfig(config.getConfig("resilience")));
    assertEquals(new HttpSourceSettings(URI.create("http://127.0.0.1:8080"), Duration.ofSeconds(5), Duration.ofSeconds(10)),
        HttpSourceSettings.fromConfig(config.getConfig("http"), HttpSourceSettings.ENTSOE_BASE_URL));
    assertEquals(new ValidationSettings(Optional.of(ZoneId.of("Europe/Oslo")), 168, 24, 4.5, 1),
        ValidationSettings.fromConfig(config.getConfig("validation")));
  }

  @Test
  void invalidValuesAreRejectedWhenRead() {
    assertThrows(IllegalArgumentException.class,
        () -> ResilienceSettings.fromConfig(ConfigFactory.parseString("breaker.max-failures = 0")));
    assertThrows(IllegalArgumentException.class,
        () -> ValidationSettings.fromConfig(ConfigFactory.parseString("outlier { window = 10, min-samples = 20 }")));
  }
}
