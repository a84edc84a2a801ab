package io.etp.node;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of the test's own: a fresh data directory made by the machine's {@code initdb}, run with
 * {@code pg_ctl} on a free port of 127.0.0.1, so that a test can stop and start a real database server (an outage, a
 * restart under load) without touching the shared server on port 5432 that other tests and processes use.
 *
 * <p>PostgreSQL refuses to run as root; when the tests run as root (as CI does here), the server's commands run as the
 * {@code postgres} system user through {@code runuser}. The binaries are found under {@code /usr/lib/postgresql/N/bin}
 * (Debian's layout) or from {@code ETP_PG_BIN}. Every command is bounded in time; a failure throws with the command's
 * output, never skips.
 */
public final class PrivatePostgres implements AutoCloseable {

  private static final Duration COMMAND_LIMIT = Duration.ofSeconds(60);

  private final Path bin;
  private final Path dir;
  private final int port;
  private boolean running;

  private PrivatePostgres(Path bin, Path dir, int port) {
    this.bin = bin;
    this.dir = dir;
    this.port = port;
  }

  /** Creates a fresh cluster (trust auth for local connections, superuser {@code postgres}) and starts it. */
  public static PrivatePostgres start() throws IOException, InterruptedException {
    Path bin = findBin();
    Path dir = Files.createTempDirectory("etp-pg-");
    PrivatePostgres pg = new PrivatePostgres(bin, dir, freePort());
    if (asRoot()) {
      pg.run(List.of("chown", "postgres", dir.toString()), false);
    }
    pg.run(List.of(bin.resolve("initdb").toString(), "-A", "trust", "-U", "postgres", "-E", "UTF8",
        "-D", pg.dataDir().toString()), true);
    pg.startServer();
    return pg;
  }

  public int port() {
    return port;
  }

  /** A JDBC URL for {@code database} on this server. */
  public String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  /** Creates a database owned by {@code postgres}. */
  public void createDatabase(String name) throws SQLException {
    if (!name.matches("[a-z_][a-z0-9_]{0,62}")) {
      throw new IllegalArgumentException("not a plain database name: " + name);
    }
    try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), "postgres", "");
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
  }

  /** Starts the server (again) on the same port and data directory, and waits until it accepts connections. */
  public void startServer() throws IOException, InterruptedException {
    run(List.of(bin.resolve("pg_ctl").toString(), "-D", dataDir().toString(), "-w", "-t", "30",
        "-l", dir.resolve("server.log").toString(),
        "-o", "-p " + port + " -c listen_addresses=127.0.0.1 -k " + dir + " -c max_connections=200", "start"), true);
    running = true;
  }

  /**
   * Stops the server: {@code fast} disconnects every client and shuts down cleanly; {@code immediate} is the
   * equivalent of a crash (the next start recovers from the WAL).
   */
  public void stopServer(String mode) throws IOException, InterruptedException {
    if (!mode.equals("fast") && !mode.equals("immediate") && !mode.equals("smart")) {
      throw new IllegalArgumentException("pg_ctl stop mode: " + mode);
    }
    run(List.of(bin.resolve("pg_ctl").toString(), "-D", dataDir().toString(), "-w", "-t", "30", "-m", mode,
        "stop"), true);
    running = false;
  }

  public boolean running() {
    return running;
  }

  /** The server's log, for a failing test's message. */
  public String serverLog() {
    try {
      return Files.readString(dir.resolve("server.log"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no server log: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() throws IOException, InterruptedException {
    try {
      if (running) {
        stopServer("immediate");
      }
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private Path dataDir() {
    return dir.resolve("data");
  }

  private void run(List<String> command, boolean asPostgres) throws IOException, InterruptedException {
    List<String> full = new ArrayList<>();
    if (asPostgres && asRoot()) {
      full.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    full.addAll(command);
    Path out = Files.createTempFile("etp-pg-cmd-", ".log");
    try {
      Process p = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(out.toFile()).start();
      if (!p.waitFor(COMMAND_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("timed out after " + COMMAND_LIMIT + ": " + full);
      }
      if (p.exitValue() != 0) {
        throw new IOException("exit " + p.exitValue() + " from " + full + ":\n" + Files.readString(out));
      }
    } finally {
      Files.deleteIfExists(out);
    }
  }

  private static boolean asRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  private static Path findBin() throws IOException {
    String configured = System.getenv("ETP_PG_BIN");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    Path root = Path.of("/usr/lib/postgresql");
    if (Files.isDirectory(root)) {
      try (Stream<Path> versions = Files.list(root)) {
        var found = versions.map(v -> v.resolve("bin"))
            .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
            .max(Comparator.comparing(b -> versionOf(b.getParent())));
        if (found.isPresent()) {
          return found.get();
        }
      }
    }
    throw new IOException("no PostgreSQL server binaries (initdb, pg_ctl) under /usr/lib/postgresql/*/bin; "
        + "set ETP_PG_BIN to their folder");
  }

  private static int versionOf(Path versionDir) {
    try {
      return Integer.parseInt(versionDir.getFileName().toString());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
