package io.etp.node.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etp.node.PrivatePostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Faults a cluster meets, on three real node processes (the node jar, 127.0.2.1-3, the same ports each, like pods)
 * trading with the simulated fleet on a PostgreSQL server of the test's own ({@link PrivatePostgres}, so that it can
 * be restarted). One cluster serves the four tests; each starts by bringing every node back up.
 *
 * <p>Every test prints its figures (time until every twin answers again, confirmed trades before and after, lost,
 * doubled) and checks the journal with {@link JournalAudit}: no confirmed trade lost, none doubled, no aggregator
 * that bought one lot twice or undid a trade the battery made, no twin written by two incarnations at once, and the
 * read model holding every journal trade. Timing figures are printed, and bounded only generously (load 40).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterFaultsJarIT {

  private static final Path JAR = Path.of(System.getProperty("etp.node.jar", "target/etp-node.jar"));
  private static final int BATTERIES = 30;
  private static final int AGGREGATORS = 3;
  private static final Duration START_PATIENCE = Duration.ofSeconds(240);
  private static final Duration SHARDS_PATIENCE = Duration.ofSeconds(120);

  /** A failure's message goes to figures.txt too: failsafe prints a class's output only when the class ends. */
  @org.junit.jupiter.api.extension.RegisterExtension
  final org.junit.jupiter.api.extension.TestWatcher failures = new org.junit.jupiter.api.extension.TestWatcher() {
    @Override
    public void testFailed(org.junit.jupiter.api.extension.ExtensionContext context, Throwable cause) {
      String m = String.valueOf(cause.getMessage());
      figure("[faults] FAILED %s: %s%n", context.getDisplayName(), m.substring(0, Math.min(m.length(), 1500)));
    }
  };

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private PrivatePostgres pg;
  private ClusterProcesses cluster;
  private JournalCheck journal;
  private Path dir;

  @BeforeAll
  void startCluster() throws Exception {
    assertTrue(Files.isRegularFile(JAR), JAR.toAbsolutePath() + " is missing: run the package phase first");
    pg = PrivatePostgres.start();
    pg.createDatabase("faults_it");
    String url = pg.jdbcUrl("faults_it");
    journal = new JournalCheck(url);
    dir = Files.createTempDirectory("etp-faults-");
    cluster = new ClusterProcesses(3, JAR, dir, url + "?reWriteBatchedInserts=true",
        Map.of("ETP_FORECASTING_ENABLED", "false"),
        List.of("--postgres", "--batteries", String.valueOf(BATTERIES), "--aggregators", String.valueOf(AGGREGATORS)));
    long t0 = System.nanoTime();
    try {
      cluster.ensureAllUp(START_PATIENCE);
    } catch (Exception | AssertionError e) {
      throw new AssertionError(e.getMessage() + "\n" + cluster.tails(60), e);
    }
    figure("[faults] 3 nodes ready in %d ms (load %s); logs in %s%n", ms(t0), load(), dir);
  }

  @AfterAll
  void stopCluster() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
    if (pg != null) {
      pg.close();
    }
  }

  @Test
  @Order(1)
  void killingOneNodeOfThreeLosesAndDoublesNoConfirmedTrade() throws Exception {
    cluster.ensureAllUp(START_PATIENCE);
    JournalAudit before = journal.awaitTrades(journal.audit().trades().size() + 5, Duration.ofSeconds(120));
    // the oldest node: the shard coordinator, the fleet and the read-model singletons move with it
    NodeProcess victim = cluster.node(1);
    NodeProcess survivor = cluster.node(2);
    List<String> twins = answeringTwins(survivor);
    String killedAt = java.time.LocalTime.now().toString();
    long killed = System.nanoTime();
    victim.kill9();
    long shardsBackMs = awaitEveryTwin(survivor, twins, killed);
    awaitLog(survivor, "SBR took decision", killed, SHARDS_PATIENCE);
    String downed = survivor.logLinesWith("SBR took decision").get(0) + " / "
        + survivor.logLinesWith("Leader is removing").stream().findFirst().orElse("(removal not logged yet)");
    JournalAudit atRecovery = journal.audit();
    JournalAudit resumed = journal.awaitTrades(atRecovery.trades().size() + 5, Duration.ofSeconds(120));
    long resumedMs = ms(killed);
    JournalAudit after = journal.auditSettled(Duration.ofSeconds(60));
    figure("[faults] kill -9 %s (load %s): all %d twins that answered before answer on %s %d ms after the kill; 5 new trades "
            + "%d ms after the kill%n[faults] killed at %s; %s%n", victim.name(), load(), twins.size(), survivor.name(),
        shardsBackMs, resumedMs, killedAt, downed);
    report("kill -9", before, after);
    assertConsistent(before, after);
    assertTrue(resumed.newSince(before) >= 5, "trading resumed");
  }

  @Test
  @Order(2)
  void rollingRestartOfAllThreeNodesShowsClientsNoErrorBeyondTheReconnect() throws Exception {
    cluster.ensureAllUp(START_PATIENCE);
    JournalAudit before = journal.awaitTrades(journal.audit().trades().size() + 3, Duration.ofSeconds(120));
    long t0 = System.nanoTime();
    List<String> steps = new ArrayList<>();
    try (ServiceClients clients = new ServiceClients(cluster.nodes(), 2, 2, BATTERIES)) {
      Thread.sleep(3_000);
      for (NodeProcess n : cluster.nodes()) {
        long stop = System.nanoTime();
        n.sigterm();
        int exit = n.awaitExit(Duration.ofSeconds(30));
        long stoppedMs = ms(stop);
        assertEquals(0, exit, n.name() + " exit status after SIGTERM\n" + n.tail(60));
        n.start(true);
        n.awaitReady(START_PATIENCE);
        steps.add(String.format("%s stopped in %d ms, ready again %d ms after SIGTERM", n.name(), stoppedMs,
            ms(stop)));
        Thread.sleep(5_000); // as minReadySeconds: the next pod is stopped once this one has settled
      }
      Thread.sleep(5_000);
      clients.close();
      JournalAudit after = journal.auditSettled(Duration.ofSeconds(60));
      figure("[faults] rolling restart in %d ms (load %s): %s%n[faults] clients: %s%n", ms(t0), load(),
          steps, clients.summary());
      report("rolling restart", before, after);
      assertTrue(clients.errors().isEmpty(), "client errors beyond the reconnect: " + clients.errors());
      assertConsistent(before, after);
      for (ServiceClients.Ws ws : clients.sockets) {
        assertTrue(ws.eventsSinceConnect.get() > 0, "ws-" + ws.id + " receives trades after its last reconnect");
        assertTrue(after.trades().containsAll(ws.tradedAuctions), "every trade a client saw is in the journal");
      }
      assertTrue(clients.httpOk.get() > 0);
      assertTrue(after.newSince(before) > 0, "trading went on");
    }
  }

  @Test
  @Order(3)
  void restartingPostgresWhileTheClusterTradesLosesNothingAndTradingResumes() throws Exception {
    cluster.ensureAllUp(START_PATIENCE);
    JournalAudit before = journal.awaitTrades(journal.audit().trades().size() + 3, Duration.ofSeconds(120));
    long stop = System.nanoTime();
    pg.stopServer("fast");
    long notReadyMs = -1;
    while (ms(stop) < 10_000) { // down for 10 s
      if (notReadyMs < 0 && cluster.nodes().stream().noneMatch(NodeProcess::ready)) {
        notReadyMs = ms(stop);
      }
      Thread.sleep(250);
    }
    long start = System.nanoTime();
    pg.startServer();
    for (NodeProcess n : cluster.nodes()) {
      assertTrue(n.alive(), n.name() + " survived the database outage\n" + n.tail(60));
      n.awaitReady(Duration.ofSeconds(120));
    }
    long readyMs = ms(start);
    JournalAudit resumed = journal.awaitTrades(journal.audit().trades().size() + 5, Duration.ofSeconds(120));
    long resumedMs = ms(start);
    JournalAudit after = journal.auditSettled(Duration.ofSeconds(60));
    figure("[faults] PostgreSQL down 10 s (load %s): every node not ready %d ms after the stop; all "
        + "ready %d ms after the restart; 5 new trades %d ms after it%n", load(), notReadyMs, readyMs, resumedMs);
    report("PostgreSQL restart", before, after);
    assertConsistent(before, after);
    assertTrue(resumed.newSince(before) >= 5);
  }

  @Test
  @Order(4)
  void partitionedNodeDownsItselfAndTheMajorityTradesOnLosingNothing() throws Exception {
    cluster.ensureAllUp(START_PATIENCE);
    JournalAudit before = journal.awaitTrades(journal.audit().trades().size() + 3, Duration.ofSeconds(120));
    NodeProcess cut = cluster.node(3);
    NodeProcess majority = cluster.node(1);
    List<String> twins = answeringTwins(majority);
    long exitMs;
    long shardsBackMs;
    long resumedMs;
    JournalAudit after;
    try (LoopbackPartition partition = new LoopbackPartition()) {
      long t0 = System.nanoTime();
      partition.isolate(cut);
      // the minority downs itself: its coordinated shutdown ends the JVM
      int exit = cut.awaitExit(Duration.ofSeconds(90));
      exitMs = ms(t0);
      assertTrue(exit != -1, cut.name() + " still runs 90 s into the partition\n" + cut.tail(60)
          + "\n" + LoopbackPartition.rules());
      shardsBackMs = awaitEveryTwin(majority, twins, t0);
      JournalAudit atRecovery = journal.audit();
      journal.awaitTrades(atRecovery.trades().size() + 5, Duration.ofSeconds(120));
      resumedMs = ms(t0);
      figure("[faults] partition of %s (load %s): it downed itself and exited (%d) %d ms after the cut "
              + "(%s); every twin answers on %s %d ms after the cut; 5 new trades %d ms after it%n", cut.name(),
          load(), exit, exitMs, cut.logLinesWith("SBR took decision").stream().findFirst().orElse("no SBR line"),
          majority.name(), shardsBackMs, resumedMs);
    }
    after = journal.auditSettled(Duration.ofSeconds(60));
    report("partition", before, after);
    assertConsistent(before, after);
  }

  // ---------------------------------------------------------------- helpers

  /** Prints a figure line, and appends it to figures.txt beside the node logs (failsafe may hold the output back). */
  private void figure(String format, Object... args) {
    String line = String.format(format, args);
    System.out.print(line);
    System.out.flush();
    try {
      Files.writeString(dir.resolve("figures.txt"), line, java.nio.file.StandardOpenOption.CREATE,
          java.nio.file.StandardOpenOption.APPEND);
    } catch (java.io.IOException e) {
      System.out.println("(figures.txt: " + e.getMessage() + ")");
    }
  }

  private void report(String fault, JournalAudit before, JournalAudit after) {
    figure("[faults] %s: confirmed trades before %d, after %d (+%d); lost %d; doubled %d%n"
            + "[faults] %s journal: %s%n", fault, before.trades().size(), after.trades().size(), after.newSince(before),
        after.lostSince(before).size(), after.doubledTrades().size(), fault, after.summary());
  }

  private void assertConsistent(JournalAudit before, JournalAudit after) {
    assertTrue(after.lostSince(before).isEmpty(), "confirmed trades lost: " + after.lostSince(before));
    assertTrue(after.problems().isEmpty(), "journal problems: " + after.problems());
    assertTrue(after.readModelMissing().isEmpty(), "trades missing from the read model: "
        + JournalAudit.first(after.readModelMissing(), 10));
    assertTrue(after.readModelExtra().isEmpty(), "read-model trades the journal does not hold: "
        + after.readModelExtra());
  }

  /** The twins (battery and aggregator paths) that answer 200 through {@code node} now: the fleet's registered ones. */
  private List<String> answeringTwins(NodeProcess node) throws Exception {
    List<String> paths = new ArrayList<>();
    for (int i = 1; i <= BATTERIES; i++) {
      paths.add("api/batteries/bess-" + i);
    }
    for (int j = 1; j <= AGGREGATORS; j++) {
      paths.add("api/aggregators/agg-" + j);
    }
    List<String> failing = sweep(node, paths);
    List<String> answering = new ArrayList<>(paths);
    answering.removeIf(p -> failing.stream().anyMatch(f -> f.startsWith(p + "=")));
    figure("[faults] %d of %d twins answer on %s before the fault (not yet registered by the fleet: %s)%n",
        answering.size(), paths.size(), node.name(), failing);
    return answering;
  }

  /** GETs every path at once (3 s each); returns those not answered 200, as path=status. */
  private List<String> sweep(NodeProcess node, List<String> paths) throws Exception {
    List<CompletableFuture<HttpResponse<Void>>> answers = new ArrayList<>();
    for (String p : paths) {
      answers.add(http.sendAsync(HttpRequest.newBuilder(URI.create(node.baseUrl() + p))
          .timeout(Duration.ofSeconds(3)).GET().build(), HttpResponse.BodyHandlers.discarding()));
    }
    List<String> now = new ArrayList<>();
    for (int i = 0; i < paths.size(); i++) {
      try {
        int status = answers.get(i).get(5, TimeUnit.SECONDS).statusCode();
        if (status != 200) {
          now.add(paths.get(i) + "=" + status);
        }
      } catch (Exception e) {
        now.add(paths.get(i) + "=" + e.getClass().getSimpleName());
      }
    }
    return now;
  }

  /**
   * Asks every twin of {@code paths} through {@code node} (GET /api/batteries/{id}, /api/aggregators/{id}, all at
   * once, 3 s each) until one sweep is answered 200 by all: the shards that lived on the lost node are back; returns
   * the milliseconds since {@code since}.
   */
  private long awaitEveryTwin(NodeProcess node, List<String> paths, long since) throws Exception {
    long deadline = since + SHARDS_PATIENCE.toNanos();
    List<String> failing = List.of();
    while (System.nanoTime() < deadline) {
      List<String> now = sweep(node, paths);
      if (now.isEmpty()) {
        return ms(since);
      }
      failing = now;
      Thread.sleep(200);
    }
    throw new AssertionError("twins still not answering on " + node.name() + " after " + SHARDS_PATIENCE + ": "
        + failing + "\n" + cluster.tails(40));
  }

  /** Waits for a log line of {@code node} containing {@code text}; returns the ms since {@code since}. */
  private static long awaitLog(NodeProcess node, String text, long since, Duration patience) throws Exception {
    long deadline = since + patience.toNanos();
    while (node.logLinesWith(text).isEmpty()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no '" + text + "' in " + node.tail(60));
      }
      Thread.sleep(200);
    }
    return ms(since);
  }

  private static long ms(long sinceNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sinceNanos);
  }

  private static String load() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (Exception e) {
      return "?";
    }
  }
}
