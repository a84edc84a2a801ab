package io.etp.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etp.persistence.SchemaMigrations;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a new node gets its first admin key, against a real H2 file database. */
class AdminBootstrapTest {

  @Test
  void generatesAnAdminKeyAtFirstStartPrintsItOnceAndNeverAgain(@TempDir Path dir) throws Exception {
    try (AccessDatabase db = migratedDatabase(dir)) {
      JdbcApiKeyStore store = new JdbcApiKeyStore(db, Clock.systemUTC());
      JdbcAuditLog audit = new JdbcAuditLog(db, 100, 10);
      ByteArrayOutputStream console = new ByteArrayOutputStream();
      AccessSettings settings = settings(Optional.empty());

      AdminBootstrap.Outcome first = AdminBootstrap.run(settings, store, audit, Clock.systemUTC(),
          new PrintStream(console, true, StandardCharsets.UTF_8)).toCompletableFuture().get();
      String secret = first.printedSecret().orElseThrow();
      assertTrue(console.toString(StandardCharsets.UTF_8).contains(secret), "the key is printed");
      assertEquals(Role.ADMIN, store.findActiveByHash(KeySecrets.hash(secret)).toCompletableFuture().get()
          .orElseThrow().role());

      console.reset();
      AdminBootstrap.Outcome second = AdminBootstrap.run(settings, store, audit, Clock.systemUTC(),
          new PrintStream(console, true, StandardCharsets.UTF_8)).toCompletableFuture().get();
      assertTrue(second.printedSecret().isEmpty());
      assertEquals("", console.toString(StandardCharsets.UTF_8), "nothing is printed at a later start");
      assertEquals(1, store.list().toCompletableFuture().get().size());
    }
  }

  @Test
  void theEnvironmentKeyIsStoredHashedOnceAndReplacedWhenItChanges(@TempDir Path dir) throws Exception {
    try (AccessDatabase db = migratedDatabase(dir)) {
      JdbcApiKeyStore store = new JdbcApiKeyStore(db, Clock.systemUTC());
      JdbcAuditLog audit = new JdbcAuditLog(db, 100, 10);
      PrintStream console = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
      String first = "first-operator-chosen-admin-key-0123456789";
      String second = "second-operator-chosen-admin-key-0123456789";

      assertTrue(AdminBootstrap.run(settings(Optional.of(first)), store, audit, Clock.systemUTC(), console)
          .toCompletableFuture().get().stored().isPresent());
      AdminBootstrap.run(settings(Optional.of(first)), store, audit, Clock.systemUTC(), console)
          .toCompletableFuture().get();
      assertEquals(1, store.list().toCompletableFuture().get().size(), "a restart with the same key stores nothing");

      AdminBootstrap.run(settings(Optional.of(second)), store, audit, Clock.systemUTC(), console)
          .toCompletableFuture().get();
      List<ApiKey> keys = store.list().toCompletableFuture().get();
      assertEquals(2, keys.size());
      assertTrue(store.findActiveByHash(KeySecrets.hash(first)).toCompletableFuture().get().isEmpty(),
          "the old environment key is revoked");
      assertTrue(store.findActiveByHash(KeySecrets.hash(second)).toCompletableFuture().get().isPresent());
      for (ApiKey key : keys) {
        assertFalse(key.prefix().contains("operator"), "no part of an operator-chosen secret is stored in clear");
      }
    }
  }

  @Test
  void noPartOfAGeneratedSecretReachesTheLog(@TempDir Path dir) throws Exception {
    ch.qos.logback.classic.Logger logger =
        (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(AdminBootstrap.class);
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logged =
        new ch.qos.logback.core.read.ListAppender<>();
    logged.start();
    logger.addAppender(logged);
    try (AccessDatabase db = migratedDatabase(dir)) {
      AdminBootstrap.Outcome outcome = AdminBootstrap.run(settings(Optional.empty()),
          new JdbcApiKeyStore(db, Clock.systemUTC()), new JdbcAuditLog(db, 100, 10), Clock.systemUTC(),
          new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).toCompletableFuture().get();
      String secret = outcome.printedSecret().orElseThrow();
      String random = secret.substring(secret.indexOf('_') + 1);
      assertFalse(logged.list.isEmpty(), "the generation itself is logged");
      for (var event : logged.list) {
        String line = event.getFormattedMessage();
        for (int i = 0; i + 4 <= random.length(); i++) {
          assertFalse(line.contains(random.substring(i, i + 4)),
              "the log holds part of the secret (" + random.substring(i, i + 4) + "): " + line);
        }
      }
    } finally {
      logger.detachAppender(logged);
    }
  }

  @Test
  void refusesAShortEnvironmentKey() {
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> settings(Optional.of("short")));
    assertTrue(e.getMessage().contains("ETP_ADMIN_API_KEY"));
  }

  private static AccessSettings settings(Optional<String> key) {
    return new AccessSettings(key, true, false, Duration.ofSeconds(10), false, 1, 1, 16, 100, 10, 100, 5, 1, 100,
        Duration.ofSeconds(60));
  }

  private static AccessDatabase migratedDatabase(Path dir) {
    String url = "jdbc:h2:file:" + dir.resolve("etp") + ";DATABASE_TO_UPPER=false";
    SchemaMigrations.migrate(new SchemaMigrations.Target(url, "sa", ""));
    return new AccessDatabase(url, "sa", "", 16);
  }
}
