package io.etp.marketfeed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LiveMarketDataSettingsTest {

  private static Config etp(String overrides) {
    return ConfigFactory.parseString(overrides).withFallback(ConfigFactory.load()).getConfig("etp");
  }

  @Test
  void withoutKeysNoFeedRuns() {
    LiveMarketDataSettings s = LiveMarketDataSettings.fromConfig(etp(""), Map.<String, String>of()::get);
    assertFalse(s.any());
    assertEquals("none", s.describe());
    assertEquals(LiveMarketDataSettings.NONE, LiveMarketDataSettings.fromConfig(etp(""), name -> "  "));
  }

  @Test
  void eachKeyTurnsOnItsFeedWithItsSettings() {
    LiveMarketDataSettings s = LiveMarketDataSettings.fromConfig(etp("""
        etp.marketdata.entsoe { bidding-zone = "10YBE----------2", resilience.poll-interval = 5m }
        etp.marketdata.openadr.areas { north = [bess-1, bess-3] }
        """), Map.of("MARKET_API_KEY", "SECRET-ENTSOE", "DR_API_KEY", "SECRET-DR", "DR_VTN_URL",
            "https://vtn.example/openadr3")::get);
    assertTrue(s.entsoe().isPresent() && s.openAdr().isPresent() && s.openMeteo().isEmpty());
    assertEquals(Duration.ofMinutes(5), s.entsoe().get().resilience().pollInterval());
    assertEquals("https://web-api.tp.entsoe.eu", s.entsoe().get().http().baseUrl().toString());
    assertEquals(Map.of("north", Set.of("bess-1", "bess-3")), s.openAdr().get().batteriesOfArea());
    assertEquals("https://vtn.example/openadr3", s.openAdr().get().http().baseUrl().toString());
    assertFalse(s.describe().contains("SECRET"), "no key in the start log: " + s.describe());
    assertTrue(s.describe().contains("10YBE----------2") && s.describe().contains("vtn.example"), s.describe());
  }

  @Test
  void theNodeReadsTheKeysFromEtpMarketdataKeys() {
    LiveMarketDataSettings s = LiveMarketDataSettings.fromConfig(etp("""
        etp.marketdata.keys.WEATHER_API_KEY = "w"
        """));
    assertTrue(s.openMeteo().isPresent());
    assertEquals("https://customer-api.open-meteo.com", s.openMeteo().get().http().baseUrl().toString());
  }

  @Test
  void incompleteOrBadSettingsAreClearErrors() {
    IllegalArgumentException noZone = assertThrows(IllegalArgumentException.class,
        () -> LiveMarketDataSettings.fromConfig(etp(""), Map.of("MARKET_API_KEY", "k")::get));
    assertTrue(noZone.getMessage().contains("ETP_ENTSOE_BIDDING_ZONE"), noZone.getMessage());
    IllegalArgumentException half = assertThrows(IllegalArgumentException.class,
        () -> LiveMarketDataSettings.fromConfig(etp(""), Map.of("DR_API_KEY", "t")::get));
    assertTrue(half.getMessage().contains("DR_VTN_URL"), half.getMessage());
    assertThrows(IllegalArgumentException.class, () -> LiveMarketDataSettings.fromConfig(etp(""),
        Map.of("DR_API_KEY", "t", "DR_VTN_URL", "vtn.example")::get));
    assertThrows(IllegalArgumentException.class, () -> LiveMarketDataSettings.fromConfig(
        etp("etp.marketdata.open-meteo.latitude-deg = 91"), Map.of("WEATHER_API_KEY", "w")::get));
  }
}
