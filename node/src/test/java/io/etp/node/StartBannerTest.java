package io.etp.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etp.access.AdminBootstrap;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StartBannerTest {

  private static final String URL = "http://127.0.0.1:8080/";
  private static final String SECRET = "etp_secretSecretSecretSecretSecretSecret1";

  @Test
  void showsTheDashboardAndTheApiDescription() {
    List<String> lines = StartBanner.lines(URL, new AdminBootstrap.Outcome(Optional.empty(), Optional.empty()),
        false, true);
    assertTrue(lines.contains("  dashboard:  http://127.0.0.1:8080/"), lines.toString());
    assertTrue(lines.contains("  API:        http://127.0.0.1:8080/api/openapi.json (OpenAPI), docs/api.md"),
        lines.toString());
    assertTrue(lines.size() <= 5, "a short banner: " + lines);
  }

  @Test
  void pointsAtTheKeyPrintedAboveWithoutRepeatingIt() {
    List<String> lines = StartBanner.lines(URL, new AdminBootstrap.Outcome(Optional.empty(), Optional.of(SECRET)),
        false, true);
    assertEquals("  admin key:  printed once above; stored hashed, it cannot be shown again", lines.get(2));
    assertFalse(String.join("\n", lines).contains(SECRET));
  }

  @Test
  void namesTheEnvironmentVariableWhenTheOperatorChoseTheKey() {
    assertEquals("  admin key:  from ETP_ADMIN_API_KEY; stored hashed", StartBanner.lines(URL,
        new AdminBootstrap.Outcome(Optional.empty(), Optional.empty()), true, true).get(2));
  }

  @Test
  void saysTheKeyWasPrintedAtTheFirstStartOnLaterStarts() {
    assertEquals("  admin key:  printed at the first start; stored hashed (set ETP_ADMIN_API_KEY to choose one)",
        StartBanner.lines(URL, new AdminBootstrap.Outcome(Optional.empty(), Optional.empty()), false, true).get(2));
  }

  @Test
  void saysThereIsNoKeyWhenNoneIsGeneratedOrGiven() {
    assertEquals("  admin key:  none (set ETP_ADMIN_API_KEY)", StartBanner.lines(URL,
        new AdminBootstrap.Outcome(Optional.empty(), Optional.empty()), false, false).get(2));
  }
}
