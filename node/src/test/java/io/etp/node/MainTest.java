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

  @Test
  void theNodeClosesAnH2DatabaseItselfInsteadOfH2sShutdownHook() {
    assertEquals("jdbc:h2:file:./x;DATABASE_TO_UPPER=false;DB_CLOSE_ON_EXIT=FALSE",
        Main.h2ClosedByNode("jdbc:h2:file:./x;DATABASE_TO_UPPER=false"));
    assertEquals("jdbc:h2:file:./x;db_close_on_exit=true", Main.h2ClosedByNode("jdbc:h2:file:./x;db_close_on_exit=true"));
    assertEquals("jdbc:postgresql://127.0.0.1:5432/etp", Main.h2ClosedByNode("jdbc:postgresql://127.0.0.1:5432/etp"));
  }

  @Test
  void theEmbeddedDefaultKeepsH2OpenUntilTheNodeClosesIt() {
    Main main = new Main();
    new CommandLine(main).parseArgs();
    assertTrue(main.loadConfig().getString(Main.DB_URL).endsWith(";DB_CLOSE_ON_EXIT=FALSE"));
  }
}
