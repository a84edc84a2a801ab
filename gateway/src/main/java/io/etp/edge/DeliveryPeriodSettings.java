package io.etp.edge;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import io.etp.protocol.delivery.DeliveryProducts;

/** Reads the market's product list from {@code etp.market.delivery-periods} (cluster-config/market.conf). */
public final class DeliveryPeriodSettings {

  /** The configuration path. */
  public static final String PATH = "etp.market.delivery-periods";

  private DeliveryPeriodSettings() {
  }

  /**
   * @param root the node's whole configuration
   * @return the product list it configures
   * @throws ConfigException.BadValue naming the setting, for a length that is not a whole number of minutes dividing
   *     a day, a default length outside the list, or a horizon shorter than the longest length
   */
  public static DeliveryProducts fromConfig(Config root) {
    Config c = root.getConfig(PATH);
    try {
      return DeliveryProducts.of(c.getDurationList("lengths"), c.getDuration("default-length"),
          c.getDuration("max-horizon"));
    } catch (IllegalArgumentException e) {
      throw new ConfigException.BadValue(c.origin(), PATH, e.getMessage(), e);
    }
  }
}
