package io.etp.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import io.etp.protocol.delivery.DeliveryProducts;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeliveryPeriodSettingsTest {

  private static Config withOverride(String hocon) {
    return ConfigFactory.parseString(hocon).withFallback(ConfigFactory.parseResources("market.conf")).resolve();
  }

  @Test
  void theShippedMarketConfigIsTheDocumentedDefault() {
    Config shipped = ConfigFactory.parseResources("application.conf").resolve();
    assertEquals(DeliveryProducts.DEFAULTS, DeliveryPeriodSettings.fromConfig(shipped));
  }

  @Test
  void readsAConfiguredProductList() {
    DeliveryProducts p = DeliveryPeriodSettings.fromConfig(withOverride(
        "etp.market.delivery-periods { lengths = [1h, 30m], default-length = 30m, max-horizon = 36h }"));
    assertEquals(new DeliveryProducts(List.of(30, 60), 30, Duration.ofHours(36)), p);
  }

  @Test
  void aBadSettingStopsWithAnErrorNamingIt() {
    ConfigException.BadValue bad = assertThrows(ConfigException.BadValue.class, () -> DeliveryPeriodSettings
        .fromConfig(withOverride("etp.market.delivery-periods.lengths = [15m, 7m]")));
    assertTrue(bad.getMessage().contains("etp.market.delivery-periods"), bad.getMessage());
    assertTrue(bad.getMessage().contains("7 min is not a positive divisor of a day"), bad.getMessage());
    ConfigException.BadValue defaultOutside = assertThrows(ConfigException.BadValue.class, () -> DeliveryPeriodSettings
        .fromConfig(withOverride("etp.market.delivery-periods.default-length = 5m")));
    assertTrue(defaultOutside.getMessage().contains("default delivery period length 5 min"),
        defaultOutside.getMessage());
  }
}
