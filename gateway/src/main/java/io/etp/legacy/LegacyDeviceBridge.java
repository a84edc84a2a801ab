package io.etp.legacy;

import com.typesafe.config.Config;
import io.etp.auction.Envelopes;
import io.etp.battery.Battery;
import io.etp.edge.EdgeMetrics;
import io.etp.forecasting.ReserveFollower;
import io.etp.protocol.v1.BatteryHealth;
import io.etp.protocol.v1.EtpMessage;
import io.etp.protocol.v1.MessageType;
import io.etp.protocol.v1.PeerRole;
import io.etp.protocol.v1.TerminationCode;
import io.etp.trading.TradingCore;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * Makes a legacy battery at {@code host:port} (the Go prototype's text protocol) a market participant our aggregator
 * twins bid on. The device gets a battery twin (id {@link Device#batteryId()}) like any device battery: the twin runs
 * the auction and keeps the record; this bridge is the device's side of the link (docs/edge.md, "Legacy devices").
 *
 * <ul>
 *   <li><b>Mirror the offer.</b> Every poll interval it queries the device (Query, QueryResponse) and registers the
 *   twin with that energy total and percentage for sale. The prototype never discloses its reserve, so on first
 *   contact (and after a failed relay) it finds it with {@link ReserveSearch} (unconfirmed bids, which the prototype
 *   keeps no state for) and sets the twin's reserve to it, so the twin accepts no bid the device would refuse.</li>
 *   <li><b>Relay the trade.</b> It is attached to the twin, so it sees the twin's messages; when the twin ends an
 *   auction with a trade (Terminate COMPLETED to the winner), it sells the same share on the device: Bid at the
 *   clearing price, and on BidAccept a BidConfirm with that price and the percentage sold. Then it queries the
 *   device again and mirrors what is left.</li>
 *   <li><b>Failure.</b> An unreachable device makes its twin fail (DeviceFailure: open auctions end, it leaves the
 *   directory) until it answers again (Register). A relay the device refuses is logged and counted
 *   ({@code LEGACY_DEVICE_RELAY_FAILED}); the twin's record stands.</li>
 * </ul>
 *
 * <p>Thin: the blocking socket work runs on Pekko's blocking-I/O dispatcher, one operation at a time; relays wait in
 * a bounded queue.
 */
public final class LegacyDeviceBridge extends AbstractBehavior<LegacyDeviceBridge.Command> {

  /** Every legacy device's twin id starts with this. */
  public static final String ID_PREFIX = ReserveFollower.DEVICE_PRICED_PREFIX;

  /** Relays waiting for the device at most; more are counted as failed. */
  static final int MAX_PENDING_RELAYS = 16;
  private static final int REMEMBERED_AUCTIONS = 256;

  /**
   * A configured legacy device.
   *
   * @param batteryId the id of its twin in the cluster
   * @param host its host
   * @param port its port
   */
  public record Device(String batteryId, String host, int port) {
    /** Checks the components. */
    public Device {
      Objects.requireNonNull(batteryId, "batteryId");
      Objects.requireNonNull(host, "host");
      if (host.isBlank() || port < 1 || port > 65535) {
        throw new IllegalArgumentException("legacy device needs a host and a port 1-65535: " + host + ":" + port);
      }
      if (!batteryId.startsWith(ID_PREFIX) || batteryId.length() == ID_PREFIX.length()) {
        throw new IllegalArgumentException("legacy device battery id must start with " + ID_PREFIX
            + " (its reserve is the device's; the forecast reserve leaves such twins alone): '" + batteryId + "'");
      }
    }

    /**
     * @param spec {@code host:port} (twin id {@code bess-legacy-<host>-<port>}) or {@code battery-id=host:port}
     *     (the id starting with {@code bess-legacy-})
     * @return the device
     * @throws IllegalArgumentException with the reason when {@code spec} is not one of those
     */
    public static Device parse(String spec) {
      String s = spec == null ? "" : spec.trim();
      String id = null;
      int eq = s.indexOf('=');
      if (eq >= 0) {
        id = s.substring(0, eq).trim();
        s = s.substring(eq + 1).trim();
      }
      int colon = s.lastIndexOf(':');
      if (colon <= 0 || colon == s.length() - 1) {
        throw new IllegalArgumentException("legacy device must be host:port or battery-id=host:port: '" + spec + "'");
      }
      String host = s.substring(0, colon);
      int port;
      try {
        port = Integer.parseInt(s.substring(colon + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("legacy device port is not a number: '" + spec + "'");
      }
      if (id == null) {
        id = ID_PREFIX + host.replaceAll("[^A-Za-z0-9.-]", "_") + "-" + port;
      }
      return new Device(id, host, port);
    }
  }

  /**
   * The bridges' settings ({@code etp.edge.legacy}).
   *
   * @param devices legacy devices our aggregators bid on
   * @param pollInterval how often each device is queried (its offer mirrored)
   * @param timeout connect and read timeout per device operation
   * @param ourDeviceId the numeric legacy device id the bridge sends as
   * @param probeMaxPriceCPerKwh the highest price tried when finding a device's reserve
   */
  public record Settings(List<Device> devices, Duration pollInterval, Duration timeout, long ourDeviceId,
      double probeMaxPriceCPerKwh) {
    /** Checks the components. */
    public Settings {
      devices = List.copyOf(devices);
      Objects.requireNonNull(pollInterval, "pollInterval");
      Objects.requireNonNull(timeout, "timeout");
      if (pollInterval.isZero() || pollInterval.isNegative() || timeout.isZero() || timeout.isNegative()
          || !(probeMaxPriceCPerKwh > 0) || Double.isInfinite(probeMaxPriceCPerKwh)) {
        throw new IllegalArgumentException("etp.edge.legacy: device-poll-interval, device-timeout and "
            + "probe-max-price-c-per-kwh must be positive");
      }
      if (devices.stream().map(Device::batteryId).distinct().count() != devices.size()) {
        throw new IllegalArgumentException("etp.edge.legacy.devices: two devices with the same battery id");
      }
    }

    /**
     * @param legacy the {@code etp.edge.legacy} section
     * @return the settings
     */
    public static Settings fromConfig(Config legacy) {
      return new Settings(legacy.getStringList("devices").stream().map(Device::parse).toList(),
          legacy.getDuration("device-poll-interval"), legacy.getDuration("device-timeout"),
          legacy.getLong("bridge-device-id"), legacy.getDouble("probe-max-price-c-per-kwh"));
    }
  }

  /** What the bridge handles. */
  public sealed interface Command {
  }

  private enum Tick implements Command {
    INSTANCE
  }

  private record FromTwin(EtpMessage message) implements Command {
  }

  private record Refreshed(LegacyBatteryClient.Offer offer, OptionalDouble probed, boolean wasProbed)
      implements Command {
  }

  private record Relayed(Relay relay, boolean accepted) implements Command {
  }

  private record Failed(String what, Throwable error) implements Command {
  }

  private record Relay(String auctionId, double priceCPerKwh, double energyKwh) {
  }

  /**
   * @param core the node's trading core
   * @param device the legacy device
   * @param settings poll, timeout, probing
   * @param metrics counters
   * @param clock the node clock
   * @return the bridge's behavior
   */
  public static Behavior<Command> create(TradingCore core, Device device, Settings settings, EdgeMetrics metrics,
      Clock clock) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
      timers.startTimerWithFixedDelay("poll", Tick.INSTANCE, Duration.ZERO, settings.pollInterval());
      return new LegacyDeviceBridge(ctx, core, device, settings, metrics, clock);
    }));
  }

  private final TradingCore core;
  private final Device device;
  private final Settings settings;
  private final EdgeMetrics metrics;
  private final Envelopes envelopes;
  private final LegacyBatteryClient client;
  private final Executor blocking;
  private final ActorRef<EtpMessage> informed;
  private final ArrayDeque<Relay> relays = new ArrayDeque<>();
  private final LinkedHashSet<String> relayedAuctions = new LinkedHashSet<>();
  private boolean busy;
  private boolean refreshDue = true;
  private boolean online;
  private boolean reportedDown;
  private double reserve = Double.NaN;
  private LegacyBatteryClient.Offer offer;

  private LegacyDeviceBridge(ActorContext<Command> ctx, TradingCore core, Device device, Settings settings,
      EdgeMetrics metrics, Clock clock) {
    super(ctx);
    this.core = core;
    this.device = device;
    this.settings = settings;
    this.metrics = metrics;
    this.envelopes = new Envelopes(device.batteryId(), PeerRole.PEER_ROLE_BATTERY, clock);
    this.client = new LegacyBatteryClient(new InetSocketAddress(device.host(), device.port()), settings.timeout());
    this.blocking = ctx.getSystem().dispatchers().lookup(DispatcherSelector.blocking());
    this.informed = ctx.messageAdapter(EtpMessage.class, FromTwin::new);
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Tick.class, t -> onTick())
        .onMessage(FromTwin.class, f -> onTwin(f.message()))
        .onMessage(Refreshed.class, this::onRefreshed)
        .onMessage(Relayed.class, this::onRelayed)
        .onMessage(Failed.class, this::onFailed)
        .build();
  }

  private Behavior<Command> onTick() {
    // renewed every tick: the attachment is not persisted and this keeps the twin from passivating
    core.battery(device.batteryId()).tell(new Battery.AttachDevice(informed));
    refreshDue = true;
    next();
    return this;
  }

  private Behavior<Command> onTwin(EtpMessage m) {
    if (m.getMessageType() != MessageType.TERMINATE || !m.getSenderId().equals(device.batteryId())
        || m.getTerminationCode() != TerminationCode.TERMINATION_CODE_COMPLETED || !(m.getRequiredEnergyKwh() > 0)
        || m.getNegotiationId().isEmpty() || !relayedAuctions.add(m.getNegotiationId())) {
      return this; // only the winner's Terminate COMPLETED carries the energy sold; each auction once
    }
    if (relayedAuctions.size() > REMEMBERED_AUCTIONS) {
      relayedAuctions.remove(relayedAuctions.iterator().next());
    }
    Relay relay = new Relay(m.getNegotiationId(), m.getSalePriceCPerKwh(), m.getRequiredEnergyKwh());
    if (relays.size() >= MAX_PENDING_RELAYS) {
      metrics.increment(EdgeMetrics.Counter.LEGACY_DEVICE_RELAY_FAILED);
      getContext().getLog().error("legacy device {} ({}:{}): relay queue full, trade {} not relayed",
          device.batteryId(), device.host(), device.port(), relay);
      return this;
    }
    relays.add(relay);
    next();
    return this;
  }

  /** Starts the next device operation when none runs: relays first, then a due refresh. */
  private void next() {
    if (busy) {
      return;
    }
    Relay relay = relays.poll();
    if (relay != null) {
      busy = true;
      double total = offer == null ? 0 : offer.energyTotalKwh();
      double pct = total > 0 ? Math.min(100, 100 * relay.energyKwh() / total) : 100;
      run("relay " + relay.auctionId(),
          () -> new Relayed(relay, client.sell(settings.ourDeviceId(), relay.priceCPerKwh(), pct)));
    } else if (refreshDue) {
      busy = true;
      refreshDue = false;
      boolean probe = Double.isNaN(reserve);
      run("query", () -> {
        LegacyBatteryClient.Offer o = client.query(settings.ourDeviceId());
        metrics.increment(EdgeMetrics.Counter.LEGACY_DEVICE_QUERIES);
        OptionalDouble r = probe
            ? client.probeReserve(settings.ourDeviceId(), settings.probeMaxPriceCPerKwh()) : OptionalDouble.empty();
        return new Refreshed(o, r, probe);
      });
    }
  }

  @FunctionalInterface
  private interface DeviceCall {
    Command call() throws IOException;
  }

  private void run(String what, DeviceCall call) {
    getContext().pipeToSelf(CompletableFuture.supplyAsync(() -> {
      try {
        return call.call();
      } catch (IOException | RuntimeException e) {
        throw new CompletionException(e);
      }
    }, blocking), (ok, err) -> ok != null ? ok
        : new Failed(what, err instanceof CompletionException && err.getCause() != null ? err.getCause() : err));
  }

  private Behavior<Command> onRefreshed(Refreshed r) {
    busy = false;
    if (r.wasProbed()) {
      double found = r.probed().orElse(settings.probeMaxPriceCPerKwh());
      if (found != reserve) {
        reserve = found;
        core.battery(device.batteryId()).tell(new Battery.ChangeCriteria(
            core.batterySettings().criteria().withReservePrice(found), getContext().getSystem().ignoreRef()));
        getContext().getLog().info("legacy device {} ({}:{}) accepts from {} c/kWh", device.batteryId(),
            device.host(), device.port(), String.format(Locale.ROOT, "%.2f", found));
      }
    }
    // a device that rejects even the probe maximum sells nothing our aggregators could pay for
    double pct = r.wasProbed() && r.probed().isEmpty() ? 0 : r.offer().percentageForSale();
    offer = r.offer();
    if (!online) {
      getContext().getLog().info("legacy device {} ({}:{}) online: {} kWh, {} % for sale", device.batteryId(),
          device.host(), device.port(), offer.energyTotalKwh(), pct);
    }
    online = true;
    reportedDown = false;
    core.toBattery(envelopes.to(device.batteryId(), MessageType.REGISTER, "")
        .setEnergyTotalKwh(offer.energyTotalKwh())
        .setRemainingEnergyKwh(offer.energyTotalKwh())
        .setPercentageForSale(pct)
        .setBatteryHealth(BatteryHealth.BATTERY_HEALTH_GOOD)
        .setDetail("legacy device " + device.host() + ":" + device.port())
        .build());
    next();
    return this;
  }

  private Behavior<Command> onRelayed(Relayed r) {
    busy = false;
    if (r.accepted()) {
      metrics.increment(EdgeMetrics.Counter.LEGACY_DEVICE_TRADES);
      getContext().getLog().info("legacy device {} ({}:{}) sold {} kWh at {} c/kWh (auction {})",
          device.batteryId(), device.host(), device.port(), r.relay().energyKwh(), r.relay().priceCPerKwh(),
          r.relay().auctionId());
    } else {
      metrics.increment(EdgeMetrics.Counter.LEGACY_DEVICE_RELAY_FAILED);
      reserve = Double.NaN; // its reserve changed: find it again
      getContext().getLog().error("legacy device {} ({}:{}) refused the trade of auction {} at {} c/kWh that its "
          + "twin recorded", device.batteryId(), device.host(), device.port(), r.relay().auctionId(),
          r.relay().priceCPerKwh());
    }
    refreshDue = true; // mirror what is left
    next();
    return this;
  }

  private Behavior<Command> onFailed(Failed f) {
    busy = false;
    metrics.increment(EdgeMetrics.Counter.LEGACY_DEVICE_ERRORS);
    if (f.what().startsWith("relay")) {
      metrics.increment(EdgeMetrics.Counter.LEGACY_DEVICE_RELAY_FAILED);
      getContext().getLog().error("legacy device {} ({}:{}): {} failed, the twin's trade is not on the device: {}",
          device.batteryId(), device.host(), device.port(), f.what(), f.error().toString());
    } else if (online || !reportedDown) {
      getContext().getLog().warn("legacy device {} ({}:{}): {} failed: {} (retrying every {})", device.batteryId(),
          device.host(), device.port(), f.what(), f.error().toString(), settings.pollInterval());
    } else {
      getContext().getLog().debug("legacy device {}: {} failed again: {}", device.batteryId(), f.what(),
          f.error().toString());
    }
    reportedDown = true;
    reserve = Double.NaN;
    if (online) {
      online = false;
      core.toBattery(envelopes.to(device.batteryId(), MessageType.DEVICE_FAILURE, "")
          .setDetail("legacy device " + device.host() + ":" + device.port() + " unreachable: " + f.error())
          .build());
    }
    next();
    return this;
  }
}
