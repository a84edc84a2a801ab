package io.etp.legacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LegacyDeviceBridgeTest {

  @Test
  void hostAndPortNameTheTwinAfterTheDevice() {
    LegacyDeviceBridge.Device d = LegacyDeviceBridge.Device.parse(" 10.0.0.7:4000 ");
    assertEquals(new LegacyDeviceBridge.Device("bess-legacy-10.0.0.7-4000", "10.0.0.7", 4000), d);
  }

  @Test
  void anExplicitIdIsKeptWhenItHasTheLegacyPrefix() {
    assertEquals(new LegacyDeviceBridge.Device("bess-legacy-roof", "plant.local", 4001),
        LegacyDeviceBridge.Device.parse("bess-legacy-roof=plant.local:4001"));
  }

  @Test
  void badDeviceSpecsAreRefusedWithTheirReason() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> LegacyDeviceBridge.Device.parse("plant.local"))
        .getMessage().contains("host:port"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> LegacyDeviceBridge.Device.parse("h:forty"))
        .getMessage().contains("not a number"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> LegacyDeviceBridge.Device.parse("h:70000"))
        .getMessage().contains("1-65535"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> LegacyDeviceBridge.Device.parse("bess-7=h:4000"))
        .getMessage().contains("bess-legacy-"));
    assertThrows(IllegalArgumentException.class, () -> LegacyDeviceBridge.Device.parse(""));
  }

  @Test
  void settingsComeFromEdgeConfAndRefuseTheSameDeviceTwice() {
    LegacyDeviceBridge.Settings s = LegacyDeviceBridge.Settings.fromConfig(ConfigFactory.parseString(
            "devices = [\"127.0.0.1:4000\", \"bess-legacy-b=127.0.0.1:4001\"]")
        .withFallback(ConfigFactory.load().getConfig("etp.edge.legacy")));
    assertEquals(List.of("bess-legacy-127.0.0.1-4000", "bess-legacy-b"),
        s.devices().stream().map(LegacyDeviceBridge.Device::batteryId).toList());
    assertEquals(Duration.ofSeconds(10), s.pollInterval());
    assertTrue(ConfigFactory.load().getStringList("etp.edge.legacy.devices").isEmpty(), "none by default");
    assertThrows(IllegalArgumentException.class, () -> LegacyDeviceBridge.Settings.fromConfig(
        ConfigFactory.parseString("devices = [\"h:1\", \"h:1\"]")
            .withFallback(ConfigFactory.load().getConfig("etp.edge.legacy"))));
  }
}
