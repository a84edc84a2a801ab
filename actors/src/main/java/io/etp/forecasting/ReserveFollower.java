package io.etp.forecasting;

import io.etp.battery.Battery;
import io.etp.battery.BatteryDirectory;
import io.etp.forecast.DayAheadForecast;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.RecipientRef;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Keeps the batteries' reserve prices following the forecast value of holding energy ({@link DynamicReserve}). A
 * subscriber of a {@link ZoneForecaster}: on each market hour that a forecast covers, it computes the reserve from that
 * hour on and, for each battery in the {@link BatteryDirectory}, reads its criteria and sends
 * {@link Battery.ChangeCriteria} only when the reserve changes meaningfully. One per node; nothing persisted (the
 * batteries persist the criteria they are given).
 */
public final class ReserveFollower {

  /**
   * Twins of legacy devices (io.etp.legacy.LegacyDeviceBridge) carry this id prefix: their reserve is the device's
   * own, mirrored by the bridge, and the follower leaves it alone (a lower reserve would let the twin sell what the
   * device refuses).
   */
  public static final String DEVICE_PRICED_PREFIX = "bess-legacy-";

  public sealed interface Command {}

  private record Forecaster(ZoneForecaster.Published published) implements Command {}

  private record Directory(Set<String> batteryIds) implements Command {}

  private record Status(String batteryId, double targetCPerKwh, Battery.BatteryStatus status) implements Command {}

  private record StatusFailed(String batteryId, Throwable cause) implements Command {}

  /**
   * @param batteries     the battery twin of an id (sharding's entity ref on a node)
   * @param directory     the node's battery directory
   * @param reserve       the rule
   * @param floorCPerKwh  the configured reserve price
   * @param dayZone       time zone in which the forecast's delivery days start
   */
  public record Dependencies(Function<String, RecipientRef<Battery.Command>> batteries,
      ActorRef<BatteryDirectory.Command> directory, DynamicReserve reserve, double floorCPerKwh, ZoneId dayZone) {}

  private static final Duration ASK_TIMEOUT = Duration.ofSeconds(5);

  private final Dependencies deps;
  private final ActorContext<Command> ctx;
  private final Set<String> batteries = new HashSet<>();
  private final Map<LocalDate, DayAheadForecast> forecasts = new HashMap<>();
  private double target = Double.NaN;

  private ReserveFollower(Dependencies deps, ActorContext<Command> ctx) {
    this.deps = deps;
    this.ctx = ctx;
  }

  /**
   * The follower. It subscribes to the directory itself and hands its forecast adapter to {@code subscribe} (e.g.
   * {@code ref -> forecaster.tell(new ZoneForecaster.Subscribe(ref))}).
   */
  public static Behavior<Command> create(Dependencies deps,
      java.util.function.Consumer<ActorRef<ZoneForecaster.Published>> subscribe) {
    return Behaviors.setup(ctx -> {
      ReserveFollower f = new ReserveFollower(deps, ctx);
      deps.directory().tell(new BatteryDirectory.Subscribe(
          ctx.messageAdapter(BatteryDirectory.Listing.class, l -> new Directory(l.batteryIds()))));
      subscribe.accept(ctx.messageAdapter(ZoneForecaster.Published.class, Forecaster::new));
      return f.behavior();
    });
  }

  private Behavior<Command> behavior() {
    return Behaviors.receive(Command.class)
        .onMessage(Directory.class, m -> {
          batteries.clear();
          m.batteryIds().stream().filter(id -> !id.startsWith(DEVICE_PRICED_PREFIX)).forEach(batteries::add);
          if (!Double.isNaN(target)) batteries.forEach(this::apply);
          return Behaviors.same();
        })
        .onMessage(Forecaster.class, m -> onPublished(m.published()))
        .onMessage(Status.class, this::onStatus)
        .onMessage(StatusFailed.class, m -> {
          ctx.getLog().debug("battery {} did not answer: {}", m.batteryId(), m.cause().toString());
          return Behaviors.same();
        })
        .build();
  }

  private Behavior<Command> onPublished(ZoneForecaster.Published p) {
    if (p instanceof ZoneForecaster.ForecastIssued issued) {
      DayAheadForecast f = issued.forecast();
      forecasts.put(f.deliveryDay(), f);
      forecasts.keySet().removeIf(d -> d.isBefore(f.deliveryDay().minusDays(1)));
    } else if (p instanceof ZoneForecaster.HourObserved hour) {
      ZonedDateTime now = hour.point().start().atZone(deps.dayZone());
      DayAheadForecast f = forecasts.get(now.toLocalDate());
      if (f == null) return Behaviors.same();
      double next = deps.reserve().reserveCPerKwh(f, now.getHour(), deps.floorCPerKwh());
      if (Double.isNaN(target) || deps.reserve().change(target, next).isPresent()) {
        target = next;
        ctx.getLog().info("reserve {} c/kWh for {} batteries (forecast {} from {}:00, floor {})", next,
            batteries.size(), f.deliveryDay(), now.getHour(), deps.floorCPerKwh());
        batteries.forEach(this::apply);
      }
    }
    return Behaviors.same();
  }

  private void apply(String batteryId) {
    double wanted = target;
    ctx.ask(Battery.BatteryStatus.class, deps.batteries().apply(batteryId), ASK_TIMEOUT, Battery.GetStatus::new,
        (status, failure) -> failure == null
            ? new Status(batteryId, wanted, status) : new StatusFailed(batteryId, failure));
  }

  private Behavior<Command> onStatus(Status m) {
    var criteria = m.status().state().criteria();
    OptionalDouble change = deps.reserve().change(criteria.reservePriceCPerKwh(), m.targetCPerKwh());
    if (change.isPresent()) {
      deps.batteries().apply(m.batteryId()).tell(new Battery.ChangeCriteria(
          criteria.withReservePrice(change.getAsDouble()), ctx.getSystem().ignoreRef()));
    }
    return Behaviors.same();
  }
}
