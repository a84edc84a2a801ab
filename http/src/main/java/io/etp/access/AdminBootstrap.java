package io.etp.access;

import java.io.PrintStream;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure an operator can administer a new node. With ETP_ADMIN_API_KEY set, that key is stored (hashed) as the
 * admin key {@code bootstrap-admin-<hash prefix>}, replacing an earlier bootstrap key. Without it, if no active admin
 * key exists and {@code etp.access.generate-admin-key-at-first-start} is on, one is generated and printed once to
 * standard output (never to the log file, never again): keep it, or revoke it after creating your own keys.
 */
public final class AdminBootstrap {

  /** The label (prefix) of keys created here. */
  public static final String BOOTSTRAP_LABEL = "bootstrap-admin";

  private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

  private AdminBootstrap() {}

  /** What happened at start. */
  public record Outcome(Optional<ApiKey> stored, Optional<String> printedSecret) {}

  public static CompletionStage<Outcome> run(AccessSettings settings, ApiKeyStore store, AuditLog audit, Clock clock,
                                             PrintStream console) {
    if (settings.bootstrapAdminKey().isPresent()) {
      return store.provision(BOOTSTRAP_LABEL, Role.ADMIN, settings.bootstrapAdminKey().get()).thenApply(p -> {
        if (p.created()) {
          audit.record(new AuditEvent(clock.instant(), AuditKind.KEY_BOOTSTRAPPED, p.key().id(), null, "ETP_ADMIN_API_KEY",
              "stored admin key '" + p.key().label() + "' from the environment"));
        }
        log.info("admin key from ETP_ADMIN_API_KEY: {} ({})", p.key().label(), p.created() ? "stored" : "already stored");
        return new Outcome(Optional.of(p.key()), Optional.empty());
      });
    }
    if (!settings.generateAdminKeyAtFirstStart()) {
      return CompletableFuture.completedFuture(new Outcome(Optional.empty(), Optional.empty()));
    }
    return store.hasActiveAdmin().thenCompose(exists -> {
      if (exists) {
        return CompletableFuture.completedFuture(new Outcome(Optional.empty(), Optional.empty()));
      }
      return store.create(BOOTSTRAP_LABEL + "-" + clock.instant().getEpochSecond(), Role.ADMIN).thenApply(issued -> {
        audit.record(new AuditEvent(clock.instant(), AuditKind.KEY_BOOTSTRAPPED, issued.key().id(), null, "first start",
            "generated admin key '" + issued.key().label() + "'"));
        console.println();
        console.println("==================================================================");
        console.println(" ETP: no admin API key existed, so one was generated. It is shown");
        console.println(" only now; it is stored hashed and cannot be recovered:");
        console.println();
        console.println("   " + issued.secret());
        console.println();
        console.println(" Use it as 'Authorization: Bearer <key>'. Set ETP_ADMIN_API_KEY to");
        console.println(" choose the admin key yourself (see docs/api.md).");
        console.println("==================================================================");
        console.println();
        log.info("generated admin key '{}' (id {}) at first start; its secret was printed to stdout once",
            issued.key().label(), issued.key().id());
        return new Outcome(Optional.of(issued.key()), Optional.of(issued.secret()));
      });
    });
  }
}
