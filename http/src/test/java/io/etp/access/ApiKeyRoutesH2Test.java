package io.etp.access;

import io.etp.api.TestGateway;
import java.nio.file.Files;
import java.nio.file.Path;

/** Key management and the access gate on the embedded default database, an H2 file in a temp dir. */
class ApiKeyRoutesH2Test extends ApiKeyRoutesContract {

  @Override
  TestGateway startServer() throws Exception {
    Path dir = Files.createTempDirectory("etp-keys-h2");
    dir.toFile().deleteOnExit();
    return TestGateway.onH2(dir, CONFIG);
  }
}
