package io.etp.feed;

import io.etp.aggregator.Aggregator;
import io.etp.aggregator.StrategyKind;
import io.etp.aggregator.StrategyParams;
import io.etp.api.MarketCommands;
import io.etp.api.MarketView;
import io.etp.web.ValidationException;
import io.etp.auction.Envelopes;
import io.etp.battery.AcceptanceCriteria;
import io.etp.battery.Availability;
import io.etp.battery.Battery;
import io.etp.battery.BatteryDirectory;
import io.etp.battery.BatterySpec;
import io.etp.protocol.v1.BatteryHealth;
import io.etp.protocol.v1.MessageType;
import io.etp.protocol.v1.PeerRole;
import io.etp.trading.TradingCore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.pattern.Patterns;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/**
 * The market's REST resources backed by the real twins: every answer asks the battery and aggregator entities through
 * sharding (with {@link FeedSettings#askTimeout()}; a timeout fails the stage with a TimeoutException, answered 503),
 * the battery list comes from the {@link BatteryDirectory}, bids of open auctions and recent trades from the
 * {@link MarketWindow}. Commands go to the twins as operators or devices would send them: a Register ETP message,
 * {@code ChangeCriteria}, {@code SetTargets}, {@code ChangeStrategy}, {@code Pause}/{@code Resume}, and a Terminate
 * ETP message from the gateway to cancel an auction.
 */
public final class EntityMarket implements MarketView, MarketCommands {

  /** Battery auction ids are {@code <battery id>-a<number>}. */
  private static final Pattern AUCTION_ID = Pattern.compile("(.+)-a(\\d{1,18})");
  static final String GATEWAY_ID = "etp-gateway";

  private final ActorSystem<?> system;
  private final TradingCore core;
  private final FeedSettings settings;
  private final MarketWindow window;
  private final Clock clock;
  private final AtomicReference<Set<String>> listed = new AtomicReference<>(Set.of());

  private EntityMarket(ActorSystem<?> system, TradingCore core, FeedSettings settings, MarketWindow window,
      Clock clock) {
    this.system = system;
    this.core = core;
    this.settings = settings;
    this.window = window;
    this.clock = clock;
  }

  /** Starts following the battery directory and returns the view. */
  public static EntityMarket start(ActorSystem<?> system, TradingCore core, FeedSettings settings,
      MarketWindow window) {
    EntityMarket market = new EntityMarket(system, core, settings, window, Clock.systemUTC());
    ActorRef<BatteryDirectory.Listing> follower = system.systemActorOf(
        Behaviors.receiveMessage((BatteryDirectory.Listing listing) -> {
          market.listed.set(listing.batteryIds());
          return Behaviors.same();
        }), "etp-market-directory-follower", Props.empty());
    core.directory().tell(new BatteryDirectory.Subscribe(follower));
    return market;
  }

  // ---------------------------------------------------------------- MarketView

  @Override
  public CompletionStage<List<BatterySnapshot>> batteries() {
    return statuses().thenApply(list -> list.stream().filter(s -> registered(s.state()))
        .map(this::snapshot).toList());
  }

  @Override
  public CompletionStage<List<AuctionSnapshot>> activeAuctions() {
    Instant askedAt = clock.instant();
    return statuses().thenApply(list -> {
      List<Battery.BatteryStatus> open = list.stream().filter(s -> s.state().openAuction().isPresent()).toList();
      window.retainOpen(open.stream().map(s -> s.state().openAuction().get().auctionId())
          .collect(java.util.stream.Collectors.toSet()), askedAt);
      return open.stream().map(s -> {
        Battery.OpenAuction a = s.state().openAuction().get();
        return new AuctionSnapshot(a.auctionId(), s.state().batteryId(), a.winnerId().orElse(null),
            a.reservePriceCPerKwh(), a.lotKwh(), a.openedAt(), a.closesAt(), window.bids(a.auctionId()));
      }).toList();
    });
  }

  @Override
  public CompletionStage<Termination> terminateAuction(String auctionId, String reason, String requestedBy) {
    Matcher m = AUCTION_ID.matcher(auctionId);
    if (!m.matches()) {
      return CompletableFuture.completedFuture(new Termination.UnknownAuction(auctionId));
    }
    String batteryId = m.group(1);
    long number = Long.parseLong(m.group(2));
    return status(batteryId).thenApply(status -> {
      Battery.State state = status.state();
      boolean open = state.openAuction().map(a -> a.auctionId().equals(auctionId)).orElse(false);
      if (open) {
        core.toBattery(new Envelopes(GATEWAY_ID, PeerRole.PEER_ROLE_GATEWAY, clock)
            .to(batteryId, MessageType.TERMINATE, auctionId)
            .setDetail(truncate("operator " + requestedBy + ": " + reason))
            .build());
        return new Termination.Terminated(auctionId);
      }
      if (number >= 1 && number <= state.auctionsOpened()) {
        return new Termination.AlreadyClosed(auctionId);
      }
      return new Termination.UnknownAuction(auctionId);
    });
  }

  // ---------------------------------------------------------------- MarketCommands: batteries

  @Override
  public CompletionStage<Registration> registerBattery(BatteryRegistration r) {
    return status(r.batteryId()).thenCompose(before -> {
      core.toBattery(new Envelopes(r.batteryId(), PeerRole.PEER_ROLE_BATTERY, clock)
          .to(r.batteryId(), MessageType.REGISTER, "")
          .setEnergyTotalKwh(r.capacityKwh())
          .setRemainingEnergyKwh(r.remainingKwh())
          .setPercentageForSale(r.percentageForSale())
          .setBatteryHealth(BatteryHealth.BATTERY_HEALTH_GOOD)
          .setBatteryVoltageV(r.voltageV())
          .setDischargeRateKw(0.0)
          .build());
      // the twin handles the Register (and persists it) before this ask: same sender region, in order
      return status(r.batteryId()).thenApply(after -> new Registration(detail(after), !registered(before.state())));
    });
  }

  @Override
  public CompletionStage<Optional<BatteryDetail>> battery(String batteryId) {
    return status(batteryId).thenApply(s -> registered(s.state()) ? Optional.of(detail(s)) : Optional.empty());
  }

  @Override
  public CompletionStage<Optional<BatteryDetail>> changeCriteria(String batteryId, CriteriaChange change) {
    return status(batteryId).thenCompose(s -> {
      if (!registered(s.state())) {
        return CompletableFuture.completedFuture(Optional.<BatteryDetail>empty());
      }
      AcceptanceCriteria current = s.state().criteria();
      AcceptanceCriteria next = valid("invalid_criteria", () -> new AcceptanceCriteria(
          or(change.reserveCPerKwh(), current.reservePriceCPerKwh()),
          or(change.minReputation(), current.minReputation()),
          or(change.safetyMarginKwh(), current.safetyMarginKwh()),
          or(change.maxEnergyPerTradeKwh(), current.maxEnergyPerTradeKwh())));
      return core.battery(batteryId).<Done>ask(replyTo -> new Battery.ChangeCriteria(next, replyTo),
              settings.askTimeout())
          .thenCompose(done -> status(batteryId))
          .thenApply(after -> Optional.of(detail(after)));
    });
  }

  // ---------------------------------------------------------------- MarketCommands: aggregators

  @Override
  public CompletionStage<Creation> createAggregator(String aggregatorId, Targets targets,
      Optional<StrategyChange> strategy) {
    return aggregatorStatus(aggregatorId).thenCompose(s -> {
      if (s.state().configured()) {
        return CompletableFuture.completedFuture(new Creation.AlreadyExists(aggregatorId));
      }
      Optional<Aggregator.ChangeStrategy> change = strategy.map(c -> strategyCommand(s.state(), c, null));
      CompletionStage<Done> strategySet = change.isPresent()
          ? changeStrategy(aggregatorId, change.get())
          : CompletableFuture.completedFuture(Done.getInstance());
      return strategySet
          .thenCompose(done -> askAggregator(aggregatorId, replyTo -> new Aggregator.SetTargets(
              targets.requirementKwh(), targets.maxPriceCPerKwh(), targets.budgetC(), replyTo)))
          .thenCompose(done -> aggregatorStatus(aggregatorId))
          .thenApply(after -> new Creation.Created(aggregatorDetail(after)));
    });
  }

  @Override
  public CompletionStage<Optional<AggregatorDetail>> aggregator(String aggregatorId) {
    return aggregatorStatus(aggregatorId)
        .thenApply(s -> s.state().configured() ? Optional.of(aggregatorDetail(s)) : Optional.empty());
  }

  @Override
  public CompletionStage<Optional<AggregatorDetail>> changeStrategy(String aggregatorId, StrategyChange change) {
    return ifConfigured(aggregatorId, s -> changeStrategy(aggregatorId, strategyCommand(s.state(), change, null)));
  }

  @Override
  public CompletionStage<Optional<AggregatorDetail>> setTargets(String aggregatorId, Targets targets) {
    return ifConfigured(aggregatorId, s -> askAggregator(aggregatorId, replyTo -> new Aggregator.SetTargets(
        targets.requirementKwh(), targets.maxPriceCPerKwh(), targets.budgetC(), replyTo)));
  }

  @Override
  public CompletionStage<Optional<AggregatorDetail>> setPaused(String aggregatorId, boolean paused) {
    return ifConfigured(aggregatorId, s -> askAggregator(aggregatorId,
        replyTo -> paused ? new Aggregator.Pause(replyTo) : new Aggregator.Resume(replyTo)));
  }

  // ---------------------------------------------------------------- asking the twins

  /** How many times a read of a twin's status is asked within the ask timeout. */
  private static final int READ_ATTEMPTS = 3;

  /**
   * A read of a twin (GetStatus, no side effect), asked up to {@link #READ_ATTEMPTS} times, each waiting a share of
   * the ask timeout, so the whole still ends within it. Sharding drops the messages it has buffered for a shard
   * when that shard is handed off to another node ("Dropping buffered messages ... during hand off"), so in a rolling
   * restart a single ask could wait out the whole timeout for an answer that was never coming, and the client got a
   * 503; asked again, it reaches the twin on its new node. Pekko's own retry pattern does the asking again.
   */
  private <T> CompletionStage<T> read(Function<Duration, CompletionStage<T>> ask) {
    Duration each = settings.askTimeout().dividedBy(READ_ATTEMPTS);
    return Patterns.retry(() -> ask.apply(each), READ_ATTEMPTS, Duration.ZERO,
        system.classicSystem().scheduler(), system.executionContext());
  }

  private CompletionStage<Battery.BatteryStatus> status(String batteryId) {
    return read(timeout -> core.battery(batteryId).ask(Battery.GetStatus::new, timeout));
  }

  private CompletionStage<List<Battery.BatteryStatus>> statuses() {
    return Source.from(List.copyOf(listed.get()))
        .mapAsyncUnordered(settings.askParallelism(), this::status)
        .runWith(Sink.seq(), system)
        .thenApply(list -> list.stream()
            .sorted(Comparator.comparing((Battery.BatteryStatus s) -> s.state().batteryId())).toList());
  }

  private CompletionStage<Aggregator.AggregatorStatus> aggregatorStatus(String aggregatorId) {
    return read(timeout -> core.aggregator(aggregatorId).ask(Aggregator.GetStatus::new, timeout));
  }

  private CompletionStage<Done> askAggregator(String aggregatorId,
      Function<ActorRef<Done>, Aggregator.Command> command) {
    return core.aggregator(aggregatorId).ask(command::apply, settings.askTimeout());
  }

  private CompletionStage<Done> changeStrategy(String aggregatorId, Aggregator.ChangeStrategy template) {
    return askAggregator(aggregatorId,
        replyTo -> new Aggregator.ChangeStrategy(template.kind(), template.params(), replyTo));
  }

  private CompletionStage<Optional<AggregatorDetail>> ifConfigured(String aggregatorId,
      Function<Aggregator.AggregatorStatus, CompletionStage<Done>> action) {
    return aggregatorStatus(aggregatorId).thenCompose(s -> {
      if (!s.state().configured()) {
        return CompletableFuture.completedFuture(Optional.<AggregatorDetail>empty());
      }
      return action.apply(s).thenCompose(done -> aggregatorStatus(aggregatorId))
          .thenApply(after -> Optional.of(aggregatorDetail(after)));
    });
  }

  /** The command for a strategy change over the current one, validated (400 on a bad kind or parameter). */
  private static Aggregator.ChangeStrategy strategyCommand(Aggregator.State state, StrategyChange c,
      ActorRef<Done> replyTo) {
    StrategyKind kind = c.strategy() == null ? state.strategy()
        : valid("invalid_strategy", () -> StrategyKind.parse(c.strategy()));
    StrategyParams p = state.strategyParams();
    StrategyParams params = valid("invalid_strategy_params", () -> new StrategyParams(
        or(c.startPriceCPerKwh(), p.startPriceCPerKwh()), or(c.incrementCPerKwh(), p.incrementCPerKwh()),
        or(c.marginCPerKwh(), p.marginCPerKwh()), or(c.targetSuccessRate(), p.targetSuccessRate())));
    return new Aggregator.ChangeStrategy(kind, params, replyTo);
  }

  // ---------------------------------------------------------------- shapes

  private BatterySnapshot snapshot(Battery.BatteryStatus s) {
    BatterySpec t = s.latestTelemetry();
    Battery.State state = s.state();
    return new BatterySnapshot(state.batteryId(), null, t.remainingKwh(), state.spec().capacityKwh(), null,
        state.criteria().reservePriceCPerKwh(), statusOf(s), clock.instant());
  }

  private static BatteryDetail detail(Battery.BatteryStatus s) {
    Battery.State state = s.state();
    BatterySpec t = s.latestTelemetry();
    AcceptanceCriteria c = state.criteria();
    return new BatteryDetail(state.batteryId(), state.availability().name(), statusOf(s), state.spec().capacityKwh(),
        t.remainingKwh(), state.forSaleKwh(), state.soldKwh(), TelemetryFeed.healthName(state.spec().health()),
        t.voltageV(), t.dischargeRateKw(), c.reservePriceCPerKwh(), c.minReputation(), c.safetyMarginKwh(),
        c.maxEnergyPerTradeKwh(), state.rules().mechanism().name(),
        state.openAuction().map(Battery.OpenAuction::auctionId).orElse(null), state.auctionsOpened());
  }

  private static AggregatorDetail aggregatorDetail(Aggregator.AggregatorStatus s) {
    Aggregator.State a = s.state();
    StrategyParams p = a.strategyParams();
    return new AggregatorDetail(a.aggregatorId(), a.requirementKwh(), a.maxPriceCPerKwh(), a.budgetC(),
        a.strategy().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'), p.startPriceCPerKwh(),
        p.incrementCPerKwh(), p.marginCPerKwh(), p.targetSuccessRate(), a.paused(), a.boughtKwh(), a.spentC(),
        a.auctions(), a.won(), a.meanClearingPriceCPerKwh(), s.openNegotiations());
  }

  /** FAILED, OFFLINE, IN_AUCTION, or from the discharge rate: DISCHARGING, CHARGING, IDLE. */
  static String statusOf(Battery.BatteryStatus s) {
    Availability availability = s.state().availability();
    if (availability == Availability.FAILED) return "FAILED";
    if (availability != Availability.ONLINE) return "OFFLINE";
    if (s.state().openAuction().isPresent()) return "IN_AUCTION";
    double rate = s.latestTelemetry().dischargeRateKw();
    return rate > 0 ? "DISCHARGING" : rate < 0 ? "CHARGING" : "IDLE";
  }

  private static boolean registered(Battery.State state) {
    return state.availability() != Availability.UNREGISTERED;
  }

  private static double or(Double value, double current) {
    return value == null ? current : value;
  }

  private static <T> T valid(String code, java.util.function.Supplier<T> build) {
    try {
      return build.get();
    } catch (IllegalArgumentException e) {
      throw new ValidationException(code, e.getMessage());
    }
  }

  private static String truncate(String text) {
    return text.length() > 256 ? text.substring(0, 256) : text;
  }
}
