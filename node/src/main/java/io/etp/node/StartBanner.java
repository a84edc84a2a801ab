package io.etp.node;

import io.etp.access.AdminBootstrap;
import java.util.List;

/**
 * The few lines a node prints once it is ready: where the dashboard is, where the admin key comes from (never the
 * key itself) and where the API is described.
 */
final class StartBanner {

  private StartBanner() {}

  /**
   * @param baseUrl the HTTP server's address, e.g. {@code http://127.0.0.1:8080/}
   * @param admin what the admin key bootstrap did at this start
   * @param fromEnvironment whether ETP_ADMIN_API_KEY was set
   * @param generateAtFirstStart whether etp.access.generate-admin-key-at-first-start is on
   * @return the banner's lines
   */
  static List<String> lines(String baseUrl, AdminBootstrap.Outcome admin, boolean fromEnvironment,
      boolean generateAtFirstStart) {
    return List.of(
        "ETP node ready",
        "  dashboard:  " + baseUrl,
        "  admin key:  " + adminKey(admin, fromEnvironment, generateAtFirstStart),
        "  API:        " + baseUrl + "api/openapi.json (OpenAPI), docs/api.md");
  }

  private static String adminKey(AdminBootstrap.Outcome admin, boolean fromEnvironment,
      boolean generateAtFirstStart) {
    if (admin.printedSecret().isPresent()) {
      return "printed once above; stored hashed, it cannot be shown again";
    }
    if (fromEnvironment) {
      return "from ETP_ADMIN_API_KEY; stored hashed";
    }
    if (generateAtFirstStart) {
      return "printed at the first start; stored hashed (set ETP_ADMIN_API_KEY to choose one)";
    }
    return "none (set ETP_ADMIN_API_KEY)";
  }
}
