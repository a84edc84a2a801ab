package io.etp.node;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etp.api.TcpRelay;
import io.etp.persistence.SchemaMigrations;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Readiness follows the journal database: PostgreSQL reached through a loopback relay that the test cuts (every
 * connection reset, new ones refused) and restores, as an outage of the database would look to the node. The shared
 * PostgreSQL server itself is never stopped.
 */
class JournalHealthTest {

  @Test
  void aDatabaseOutageShowsWithinSecondsAndItsReturnToo() throws Exception {
    try (TcpRelay relay = new TcpRelay(5432);
         JournalHealth health = new JournalHealth(new SchemaMigrations.Target(
             "jdbc:postgresql://127.0.0.1:" + relay.port() + "/postgres", "postgres", ""), Duration.ofSeconds(1))) {
      assertTrue(within(Duration.ofSeconds(5), health::healthy), "healthy while the database answers");

      relay.cut();
      long cut = System.nanoTime();
      assertTrue(within(Duration.ofSeconds(5), () -> !health.healthy()), "unhealthy within 5 s of the outage");
      System.out.printf("journal health: down after %d ms%n", (System.nanoTime() - cut) / 1_000_000);
      Thread.sleep(3000);
      assertTrue(!health.healthy(), "stays unhealthy while the database is away");

      relay.restore();
      long back = System.nanoTime();
      assertTrue(within(Duration.ofSeconds(5), health::healthy), "healthy again within 5 s of its return");
      System.out.printf("journal health: up after %d ms%n", (System.nanoTime() - back) / 1_000_000);
    }
  }

  @Test
  void theCheckNeverBlocksTheCaller() throws Exception {
    try (TcpRelay relay = new TcpRelay(5432);
         JournalHealth health = new JournalHealth(new SchemaMigrations.Target(
             "jdbc:postgresql://127.0.0.1:" + relay.port() + "/postgres", "postgres", ""), Duration.ofSeconds(1))) {
      relay.cut();
      long start = System.nanoTime();
      for (int i = 0; i < 10_000; i++) {
        health.healthy();
      }
      assertTrue(System.nanoTime() - start < Duration.ofSeconds(1).toNanos(), "10,000 reads are cached reads");
    }
  }

  private static boolean within(Duration limit, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(50);
    }
    return condition.getAsBoolean();
  }
}
