package io.etp.access;

import io.etp.api.TestGateway;

/** Key management and the access gate on the PostgreSQL server CI runs, in a fresh schema. */
class ApiKeyRoutesPostgresTest extends ApiKeyRoutesContract {

  @Override
  TestGateway startServer() throws Exception {
    return TestGateway.onPostgres(CONFIG);
  }
}
