package io.etp.gateway;

import com.typesafe.config.Config;
import io.etp.discovery.DiscoveryResponder;
import io.etp.edge.DeliveryPeriodSettings;
import io.etp.edge.EdgeKeys;
import io.etp.edge.EdgeMetrics;
import io.etp.edge.EdgeSettings;
import io.etp.edge.KeyFile;
import io.etp.edge.NodeKey;
import io.etp.edge.TcpGateway;
import io.etp.legacy.LegacyBatteryListener;
import io.etp.legacy.LegacyDeviceBridge;
import io.etp.protocol.delivery.DeliveryProducts;
import io.etp.protocol.validation.ValidationLimits;
import io.etp.trading.TradingCore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the node's device edge from {@code etp.edge}: the TCP/TLS gateway, the legacy text listener and the LAN
 * discovery responder, each when enabled, and unbinds them on coordinated shutdown. Node calls
 * {@link #start(ActorSystem, TradingCore)} once.
 */
public final class DeviceEdge {

  private static final Logger log = LoggerFactory.getLogger(DeviceEdge.class);

  private DeviceEdge() {
  }

  /**
   * Starts one {@link LegacyDeviceBridge} per configured legacy device ({@code etp.edge.legacy.devices}), so the
   * node's aggregator twins bid on them.
   *
   * @param system the node's actor system
   * @param core the node's trading core
   * @param settings the devices and how to poll them
   * @param metrics counters
   * @param clock the node clock
   */
  public static void startLegacyDevices(ActorSystem<?> system, TradingCore core, LegacyDeviceBridge.Settings settings,
      EdgeMetrics metrics, Clock clock) {
    for (LegacyDeviceBridge.Device d : settings.devices()) {
      system.systemActorOf(LegacyDeviceBridge.create(core, d, settings, metrics, clock),
          "legacy-device-" + java.net.URLEncoder.encode(d.batteryId(), java.nio.charset.StandardCharsets.UTF_8),
          org.apache.pekko.actor.typed.Props.empty());
      log.info("legacy device {} at {}:{}: our aggregators bid on it", d.batteryId(), d.host(), d.port());
    }
  }

  /**
   * @param system the node's actor system
   * @param core the node's trading core
   */
  public static void start(ActorSystem<?> system, TradingCore core) {
    start(system, core, new EdgeMetrics());
  }

  /**
   * @param system the node's actor system
   * @param core the node's trading core
   * @param metrics where the gateway counts (the node's /metrics reads them)
   */
  public static void start(ActorSystem<?> system, TradingCore core, EdgeMetrics metrics) {
    Config edge = system.settings().config().getConfig("etp.edge");
    if (!edge.getBoolean("enabled")) {
      return;
    }
    EdgeSettings settings = EdgeSettings.fromConfig(edge);
    // a keys file with an old-format line (no role) or any other bad line throws here and stops the node: starting
    // without that device's key would look like a device fault, and guessing its role is what #16 forbids
    EdgeKeys keys = settings.keysFile().map(f -> KeyFile.load(Path.of(f))).orElseGet(() -> {
      log.warn("etp.edge.keys-file (ETP_EDGE_KEYS_FILE) is not set: no device can authenticate");
      return new EdgeKeys();
    });
    NodeKey nodeKey = settings.keysFile().isPresent()
        ? NodeKey.loadOrCreate(Path.of(settings.nodeKeyFile()), settings.gatewayId())
        : NodeKey.ephemeral(settings.gatewayId());
    log.info("device keys for {} senders; frames to devices are signed with node key {}", keys.senders(),
        nodeKey.keyId());
    Clock clock = Clock.systemUTC();
    // the market's product list (etp.market.delivery-periods): a bad setting throws here and stops the node
    DeliveryProducts products = DeliveryPeriodSettings.fromConfig(system.settings().config());
    ValidationLimits validation = ValidationLimits.DEFAULTS.withDeliveryProducts(products);
    CoordinatedShutdown shutdown = CoordinatedShutdown.get(system);
    TcpGateway.start(system, core, settings, keys, nodeKey, clock, metrics, validation).whenComplete((gateway,
        failure) -> {
      if (failure != null) {
        log.error("ETP device gateway could not bind {}:{}: {}", settings.host(), settings.port(),
            failure.getMessage());
        return;
      }
      shutdown.addTask(CoordinatedShutdown.PhaseServiceUnbind(), "etp-edge-unbind", () -> gateway.unbind());
      Config discovery = edge.getConfig("discovery");
      if (discovery.getBoolean("enabled")) {
        DiscoveryResponder responder = DiscoveryResponder.start(
            DiscoveryResponder.Settings.fromConfig(discovery, settings, gateway.address().getPort()), metrics);
        shutdown.addTask(CoordinatedShutdown.PhaseServiceUnbind(), "etp-discovery-stop", () -> {
          responder.close();
          return java.util.concurrent.CompletableFuture.completedFuture(Done.getInstance());
        });
      }
    });
    Config legacy = edge.getConfig("legacy");
    if (legacy.getBoolean("enabled")) {
      LegacyBatteryListener.start(system, core, legacy.getString("host"), legacy.getInt("port"),
              legacy.getString("battery-id"), clock, metrics, LegacyBatteryListener.Limits.fromConfig(legacy),
              validation)
          .thenAccept(l -> shutdown.addTask(CoordinatedShutdown.PhaseServiceUnbind(), "etp-legacy-unbind",
              () -> l.unbind()));
    }
    startLegacyDevices(system, core, LegacyDeviceBridge.Settings.fromConfig(legacy), metrics, clock);
    Duration every = edge.getDuration("metrics-log-interval");
    system.scheduler().scheduleAtFixedRate(every, every,
        () -> log.info("device edge counters: {}", metrics.snapshot()), system.executionContext());
    log.info("device edge starting (idle timeout {}, max connections {})", settings.limits().idleTimeout(),
        settings.limits().maxConnections());
  }
}
