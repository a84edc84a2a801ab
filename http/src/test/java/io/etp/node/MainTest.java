package io.etp.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class MainTest {

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
