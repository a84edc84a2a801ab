package io.etp.node.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Cuts one node off from the other nodes (and from every client in the 127.0.2.0/24 range) with policy routing,
 * without iptables and without a network namespace; it needs root.
 *
 * <p>Loopback packets are routed by the {@code local} table, whose rule has priority 0, before any other rule. So the
 * {@code local} lookup is first moved to priority 100 (added there before it is removed at 0, so there is always
 * one), and two blackhole rules go before it:
 * <ul>
 *   <li>{@code to 127.0.2.N blackhole}: nothing reaches the node's address (remoting, HTTP);</li>
 *   <li>{@code uidrange U-U to 127.0.2.0/24 blackhole}: nothing the node's JVM sends reaches the other nodes (on
 *       loopback every connection leaves from 127.0.0.1, so the node is told apart by the user id its JVM runs as,
 *       see {@link NodeProcess}).</li>
 * </ul>
 * The node can still reach PostgreSQL on 127.0.0.1: the dangerous partition, where the minority could go on
 * writing. Both rules touch only the {@code faults} range 127.0.2.0/24. {@link #close()} heals and puts the
 * {@code local} rule back at priority 0.
 */
public final class LoopbackPartition implements AutoCloseable {

  private static final int LOCAL_MOVED_TO = 100;
  private final List<List<String>> added = new ArrayList<>();
  private boolean localMoved;

  /** Isolates {@code node}: from now on no packet passes between it and 127.0.2.0/24. */
  public void isolate(NodeProcess node) throws IOException, InterruptedException {
    if (!localMoved) {
      ip("rule", "add", "pref", String.valueOf(LOCAL_MOVED_TO), "lookup", "local");
      ip("rule", "del", "pref", "0", "lookup", "local");
      localMoved = true;
    }
    List<String> inbound = List.of("pref", "10", "to", node.host() + "/32", "blackhole");
    List<String> outbound = List.of("pref", "11", "uidrange", node.uid() + "-" + node.uid(), "to", "127.0.2.0/24",
        "blackhole");
    for (List<String> rule : List.of(inbound, outbound)) {
      List<String> command = new ArrayList<>(List.of("rule", "add"));
      command.addAll(rule);
      ip(command.toArray(String[]::new));
      added.add(rule);
    }
  }

  /** Removes the blackholes and puts the {@code local} rule back first. */
  public void heal() throws IOException, InterruptedException {
    for (List<String> rule : added) {
      List<String> command = new ArrayList<>(List.of("rule", "del"));
      command.addAll(rule);
      ip(command.toArray(String[]::new));
    }
    added.clear();
    if (localMoved) {
      ip("rule", "add", "pref", "0", "lookup", "local");
      ip("rule", "del", "pref", String.valueOf(LOCAL_MOVED_TO), "lookup", "local");
      localMoved = false;
    }
  }

  /** The current rules, for a test's output. */
  public static String rules() throws IOException, InterruptedException {
    return ip("rule", "show");
  }

  @Override
  public void close() throws IOException, InterruptedException {
    heal();
  }

  private static String ip(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add("ip");
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    if (!p.waitFor(10, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("timed out: " + command);
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.exitValue() != 0) {
      throw new IOException("exit " + p.exitValue() + " from " + command + ": " + out);
    }
    return out;
  }
}
