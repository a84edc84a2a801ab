package io.etp.bench.load;

import io.etp.protocol.signing.DeviceKey;
import io.etp.protocol.v1.BatteryHealth;
import io.etp.protocol.v1.EtpMessage;
import io.etp.protocol.v1.MessageType;
import io.etp.protocol.v1.PeerRole;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Device simulator and load generator for the ETP device gateway: N simulated battery devices and M aggregator
 * agents, each a real TCP client, against a running node. Agents query and bid on their own batteries at the
 * configured total rate and message mix and confirm every accepted bid; batteries register, re-offer their energy
 * periodically and read what their twins forward. Measures latency per exchange (HdrHistogram), throughput, and loss;
 * prints progress every second; writes JSON and a markdown table (docs/edge.md, "Load generator").
 */
@Command(name = "etp-load", mixinStandardHelpOptions = true,
    description = "Drives an ETP node's device gateway with simulated batteries and aggregator agents.")
public final class LoadGenerator implements Callable<Integer> {

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "Gateway host (default ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--port", defaultValue = "7400", description = "Gateway port (default ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--aggregators", defaultValue = "4", description = "Aggregator agents M (default ${DEFAULT-VALUE}).")
  int aggregators;

  @Option(names = "--batteries-per-aggregator", defaultValue = "100",
      description = "Battery devices per agent (default ${DEFAULT-VALUE}); N = M x this.")
  int batteriesPerAggregator;

  @Option(names = "--rate", defaultValue = "1000",
      description = "Total messages per second the agents send (default ${DEFAULT-VALUE}).")
  double rate;

  @Option(names = "--bid-share", defaultValue = "0.1",
      description = "Share of agent messages that are bids when the battery is free (default ${DEFAULT-VALUE});"
          + " the rest are queries; every BidAccept is confirmed.")
  double bidShare;

  @Option(names = "--bid-price", defaultValue = "16.0", description = "Bid price, c/kWh (default ${DEFAULT-VALUE}).")
  double bidPrice;

  @Option(names = "--bid-energy", defaultValue = "1.0", description = "Energy per bid, kWh (default ${DEFAULT-VALUE}).")
  double bidEnergy;

  @Option(names = "--duration", defaultValue = "30", description = "Measured seconds (default ${DEFAULT-VALUE}).")
  int duration;

  @Option(names = "--warmup", defaultValue = "10", description = "Unmeasured seconds first (default ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--reoffer", defaultValue = "5",
      description = "Seconds between battery re-registrations that re-offer energy (default ${DEFAULT-VALUE}).")
  int reoffer;

  @Option(names = "--status-interval", defaultValue = "20",
      description = "Seconds between each battery's BESSStatus, which also keeps its connection within the gateway's"
          + " idle timeout (default ${DEFAULT-VALUE}).")
  int statusInterval;

  @Option(names = "--keys-file", required = true,
      description = "Device keys file shared with the node (ETP_EDGE_KEYS_FILE).")
  Path keysFile;

  @Option(names = "--write-keys", description = "Write a keys file for the configured devices and exit.")
  boolean writeKeys;

  @Option(names = "--json", description = "Write the result as JSON here.")
  Path json;

  @Option(names = "--markdown", description = "Write the result as a markdown table here.")
  Path markdown;

  public static void main(String[] args) {
    System.exit(new CommandLine(new LoadGenerator()).execute(args));
  }

  static String batteryId(int agent, int i) {
    return "bess-a" + agent + "-" + i;
  }

  static String agentId(int agent) {
    return "agg-load-" + agent;
  }

  @Override
  public Integer call() throws Exception {
    if (writeKeys) {
      List<String> ids = new ArrayList<>();
      for (int a = 0; a < aggregators; a++) {
        ids.add(agentId(a));
        for (int i = 0; i < batteriesPerAggregator; i++) {
          ids.add(batteryId(a, i));
        }
      }
      DeviceKeys.write(keysFile, ids);
      System.out.printf("wrote %d keys to %s%n", ids.size(), keysFile);
      return 0;
    }
    Map<String, DeviceKey> keys = DeviceKeys.read(keysFile);
    InetSocketAddress gateway = new InetSocketAddress(host, port);
    LoadStats stats = new LoadStats();

    List<SimDevice> batteries = new ArrayList<>();
    for (int a = 0; a < aggregators; a++) {
      for (int i = 0; i < batteriesPerAggregator; i++) {
        String id = batteryId(a, i);
        SimDevice d = new SimDevice(gateway, id, PeerRole.PEER_ROLE_BATTERY, key(keys, id), m -> {
          if (stats.measuring) {
            stats.batteryCopies.increment();
          }
          if (m.getMessageType() == MessageType.TERMINATE
              && m.getTerminationCode() == io.etp.protocol.v1.TerminationCode.TERMINATION_CODE_PROTOCOL_ERROR) {
            stats.error("battery:" + m.getReasonCode().name());
          }
        });
        batteries.add(d);
      }
    }
    registerAll(batteries);
    System.out.printf("%d battery devices connected and registered%n", batteries.size());
    Thread.sleep(1000);

    List<SimAgent> agents = new ArrayList<>();
    for (int a = 0; a < aggregators; a++) {
      List<String> mine = new ArrayList<>();
      for (int i = 0; i < batteriesPerAggregator; i++) {
        mine.add(batteryId(a, i));
      }
      agents.add(new SimAgent(gateway, agentId(a), mine, id -> key(keys, id), stats, bidShare, bidPrice, bidEnergy));
    }
    Thread.sleep(500);
    System.out.printf("%d aggregator agents connected; %.0f msg/s for %d s warm-up + %d s measured%n", agents.size(),
        rate, warmup, duration);

    long start = System.nanoTime();
    long measureFrom = start + TimeUnit.SECONDS.toNanos(warmup);
    long end = measureFrom + TimeUnit.SECONDS.toNanos(duration);
    List<Thread> threads = new ArrayList<>();
    for (SimAgent agent : agents) {
      Thread t = new Thread(() -> agent.run(rate / agents.size(), end), "agent-sender");
      t.start();
      threads.add(t);
    }
    AtomicBoolean running = new AtomicBoolean(true);
    Thread reoffers = new Thread(() -> {
      while (running.get()) {
        try {
          Thread.sleep(reoffer * 1000L);
          registerAll(batteries);
        } catch (InterruptedException | IOException e) {
          return;
        }
      }
    }, "reoffer");
    reoffers.setDaemon(true);
    reoffers.start();
    Thread status = new Thread(() -> {
      while (running.get()) {
        try {
          Thread.sleep(statusInterval * 1000L);
          sendStatus(batteries);
        } catch (InterruptedException | IOException e) {
          return;
        }
      }
    }, "status");
    status.setDaemon(true);
    status.start();

    long lastSent = 0;
    long lastReceived = 0;
    while (System.nanoTime() < end) {
      Thread.sleep(1000);
      long now = System.nanoTime();
      if (!stats.measuring && now >= measureFrom) {
        stats.measuring = true;
      }
      long s = stats.progressSent.sum();
      long r = stats.progressReceived.sum();
      System.out.printf(Locale.ROOT, "[%3ds]%s sent %6d/s recv %6d/s  query p99 %.1f ms  confirm p99 %.1f ms"
              + "  trades %d  lost %d/%d/%d  errors %d%n",
          TimeUnit.NANOSECONDS.toSeconds(now - start), stats.measuring ? "" : " (warm-up)", s - lastSent,
          r - lastReceived, LoadStats.ms(stats.latency.get(LoadStats.Exchange.QUERY), 99),
          LoadStats.ms(stats.latency.get(LoadStats.Exchange.CONFIRM), 99), stats.trades.sum(),
          stats.lost.get(LoadStats.Exchange.QUERY).sum(), stats.lost.get(LoadStats.Exchange.BID).sum(),
          stats.lost.get(LoadStats.Exchange.CONFIRM).sum(),
          stats.errors.values().stream().mapToLong(java.util.concurrent.atomic.LongAdder::sum).sum());
      lastSent = s;
      lastReceived = r;
    }
    for (Thread t : threads) {
      t.join();
    }
    Thread.sleep(2000); // grace for replies in flight
    running.set(false);
    agents.forEach(SimAgent::countOutstanding);
    stats.measuring = false;

    Map<String, Object> run = new LinkedHashMap<>();
    run.put("host", host);
    run.put("port", port);
    run.put("aggregators", aggregators);
    run.put("batteries", batteries.size());
    run.put("rate", rate);
    run.put("bid_share", bidShare);
    run.put("duration_s", duration);
    run.put("warmup_s", warmup);
    run.put("started", Instant.now().toString());
    run.put("cpus", Runtime.getRuntime().availableProcessors());
    run.put("jvm", ManagementFactory.getRuntimeMXBean().getVmVersion());
    String js = stats.toJson(run, duration);
    String md = stats.toMarkdown(duration);
    System.out.println();
    System.out.print(md);
    if (json != null) {
      Files.writeString(json, js, StandardCharsets.UTF_8);
    }
    if (markdown != null) {
      Files.writeString(markdown, md, StandardCharsets.UTF_8);
    }
    for (SimAgent a : agents) {
      a.close();
    }
    for (SimDevice d : batteries) {
      d.close();
    }
    return 0;
  }

  private static DeviceKey key(Map<String, DeviceKey> keys, String id) {
    DeviceKey k = keys.get(id);
    if (k == null) {
      throw new IllegalArgumentException("no key for " + id + " in the keys file: write it with --write-keys");
    }
    return k;
  }

  private static void sendStatus(List<SimDevice> batteries) throws IOException {
    for (SimDevice d : batteries) {
      d.send(d.envelope(d.id, MessageType.BESS_STATUS, "").setRemainingEnergyKwh(13.0)
          .setBatteryHealth(BatteryHealth.BATTERY_HEALTH_GOOD).setBatteryVoltageV(400.0).setDischargeRateKw(0.0)
          .build());
      d.flush();
    }
  }

  private static void registerAll(List<SimDevice> batteries) throws IOException {
    ThreadLocalRandom rnd = ThreadLocalRandom.current();
    for (SimDevice d : batteries) {
      // a slightly different remaining energy each time, so the twin records a new offer
      EtpMessage register = d.envelope(d.id, MessageType.REGISTER, "").setEnergyTotalKwh(13.5)
          .setRemainingEnergyKwh(13.5 - rnd.nextDouble(0.01)).setPercentageForSale(50.0)
          .setBatteryHealth(BatteryHealth.BATTERY_HEALTH_GOOD).setBatteryVoltageV(400.0).setDischargeRateKw(0.0)
          .build();
      d.send(register);
      d.flush();
    }
  }
}
