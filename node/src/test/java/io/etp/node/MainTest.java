package io.etp.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MainTest {

  @Test
  void legacyDeviceFlagsReplaceTheConfiguredDeviceList() {
    Main main = new Main();
    new CommandLine(main).parseArgs("--legacy-device", "127.0.0.1:4000", "--legacy-device",
        "bess-legacy-b=127.0.0.1:4001");
    assertEquals(List.of("127.0.0.1:4000", "bess-legacy-b=127.0.0.1:4001"),
        main.loadConfig().getStringList("etp.edge.legacy.devices"));
  }

  @Test
  void noLegacyDeviceFlagLeavesTheListEmpty() {
    Main main = new Main();
    new CommandLine(main).parseArgs();
    assertTrue(main.loadConfig().getStringList("etp.edge.legacy.devices").isEmpty());
  }

  @Test
  void aBadLegacyDeviceFlagIsRefusedWithItsReason() {
    Main bad = new Main();
    new CommandLine(bad).parseArgs("--legacy-device", "nowhere");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, bad::loadConfig);
    assertTrue(e.getMessage().contains("host:port"), e.getMessage());
  }

  @Test
  void raisesTheCommonPoolParallelismToTwoOnSmallHostsSoAsyncStagesDoNotEachStartAThread() {
    assertEquals(Optional.of("2"), Main.commonPoolParallelism(2, null));
    assertEquals(Optional.of("2"), Main.commonPoolParallelism(1, null));
  }

  @Test
  void keepsTheJdkDefaultOnLargerHostsAndAnExplicitSetting() {
    assertEquals(Optional.empty(), Main.commonPoolParallelism(3, null));
    assertEquals(Optional.empty(), Main.commonPoolParallelism(2, "1"));
  }
}
