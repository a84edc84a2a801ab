package io.etp.aggregator;

import io.etp.auction.Envelopes;
import io.etp.auction.EtpOutbox;
import io.etp.auction.Mechanism;
import io.etp.battery.BatteryDirectory;
import io.etp.protocol.v1.BatteryHealth;
import io.etp.protocol.v1.EtpMessage;
import io.etp.protocol.v1.MessageType;
import io.etp.protocol.v1.PeerRole;
import io.etp.protocol.v1.RejectReason;
import io.etp.protocol.v1.TerminationCode;
import io.etp.risk.RiskDecision;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.sharding.typed.ClusterShardingSettings;
import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;

/**
 * The digital twin of one aggregator: buys energy from batteries in their auctions, within its requirement, maximum
 * price and budget. Finds batteries through the {@link BatteryDirectory}, queries those it is not negotiating with,
 * and bids in many auctions at once with its {@link BiddingStrategy}. Decisions live in the strategies,
 * {@link MarketTiming} and {@link Procurement}; this class routes and persists.
 *
 * <p>Persisted: targets, strategy changes, pause/resume, each confirmed bid (before the BidConfirm is sent, so a
 * crash cannot make it buy twice) and each negotiation's end (its record: success rates, clearing prices). Not
 * persisted: queries and the bids of open negotiations (working memory; after a restart it simply queries again).
 */
public final class Aggregator
    extends EventSourcedBehaviorWithEnforcedReplies<Aggregator.Command, Aggregator.Event, Aggregator.State> {

  public static final EntityTypeKey<Command> ENTITY_KEY = EntityTypeKey.create(Command.class, "Aggregator");

  public static final List<String> TAGS = List.of("aggregator-0", "aggregator-1", "aggregator-2");

  // ---------------------------------------------------------------- commands

  public sealed interface Command {}

  /** An ETP message addressed to this aggregator by a battery. */
  public record ReceiveEtp(EtpMessage message) implements Command {}

  /** Sets what to buy: energy still required (kWh), the maximum price (c/kWh) and the budget (cents). */
  public record SetTargets(double requirementKwh, double maxPriceCPerKwh, double budgetC, ActorRef<Done> replyTo)
      implements Command {}

  public record ChangeStrategy(StrategyKind kind, StrategyParams params, ActorRef<Done> replyTo) implements Command {}

  public record Pause(ActorRef<Done> replyTo) implements Command {}

  public record Resume(ActorRef<Done> replyTo) implements Command {}

  public record GetStatus(ActorRef<AggregatorStatus> replyTo) implements Command {}

  /**
   * An aggregator agent connected at an edge (TCP gateway) is this aggregator: while attached, the ETP messages
   * addressed to it go to the agent, and the twin neither queries nor bids itself. Not persisted.
   */
  public record AttachDevice(ActorRef<EtpMessage> device) implements Command {}

  /** The agent's connection closed; ignored unless {@code device} is the attached one. */
  public record DetachDevice(ActorRef<EtpMessage> device) implements Command {}

  private record DirectoryUpdated(Set<String> batteryIds) implements Command {}

  private enum QueryRound implements Command { INSTANCE }

  /** Reply to {@link GetStatus}. */
  public record AggregatorStatus(State state, int openNegotiations, int knownBatteries) {}

  // ---------------------------------------------------------------- events

  public sealed interface Event {
    Instant at();
  }

  public record TargetsSet(double requirementKwh, double maxPriceCPerKwh, double budgetC, Instant at)
      implements Event {}

  public record StrategyChanged(StrategyKind kind, StrategyParams params, Instant at) implements Event {}

  public record Paused(Instant at) implements Event {}

  public record Resumed(Instant at) implements Event {}

  /** It accepted a battery's BidAccept: the BidConfirm is sent after this is stored. */
  public record BidConfirmed(String batteryId, String auctionId, double energyKwh, double priceCPerKwh, Instant at)
      implements Event {}

  /** An auction it bid in ended (the battery's Terminate); {@code clearingPriceCPerKwh} is 0 without a trade. */
  public record NegotiationEnded(
      String batteryId, String auctionId, TerminationCode code, double clearingPriceCPerKwh, Instant at)
      implements Event {}

  // ---------------------------------------------------------------- state

  /** Its record with one battery. */
  public record BatteryRecord(long auctions, long won, double lastClearingPriceCPerKwh) {
    public static final BatteryRecord EMPTY = new BatteryRecord(0, 0, 0);

    public double successRate() {
      return auctions == 0 ? 0.0 : (double) won / auctions;
    }
  }

  /** A bid it confirmed whose auction has not yet ended. */
  public record Trade(String batteryId, String auctionId, double energyKwh, double priceCPerKwh) {}

  /**
   * @param requirementKwh total energy to buy, kWh
   * @param boughtKwh energy bought (confirmed) so far, kWh
   * @param spentC money committed to confirmed trades, cents
   * @param meanClearingPriceCPerKwh mean of the clearing prices it observed in auctions it took part in
   */
  public record State(
      String aggregatorId,
      boolean configured,
      double requirementKwh,
      double maxPriceCPerKwh,
      double budgetC,
      StrategyKind strategy,
      StrategyParams strategyParams,
      boolean paused,
      double boughtKwh,
      double spentC,
      long auctions,
      long won,
      double meanClearingPriceCPerKwh,
      long observedPrices,
      Map<String, BatteryRecord> records,
      Map<String, Trade> unsettled) {

    public State {
      records = Map.copyOf(records);
      unsettled = Map.copyOf(unsettled);
    }

    public static State initial(String id, AggregatorSettings s) {
      return new State(id, false, 0, 0, 0, s.strategy(), s.strategyParams(), false, 0, 0, 0, 0, 0, 0, Map.of(),
          Map.of());
    }

    /** Share of the auctions it took part in that it won, 0..1; 0.5 before any. */
    public double successRate() {
      return auctions == 0 ? 0.5 : (double) won / auctions;
    }

    public double openRequirementKwh() {
      return Math.max(0, requirementKwh - boughtKwh);
    }

    public double openBudgetC() {
      return Math.max(0, budgetC - spentC);
    }

    public BatteryRecord recordOf(String batteryId) {
      return records.getOrDefault(batteryId, BatteryRecord.EMPTY);
    }

    public BiddingStrategy biddingStrategy() {
      return BiddingStrategy.of(strategy, strategyParams);
    }

    public State apply(Event event) {
      if (event instanceof TargetsSet e) {
        return new State(aggregatorId, true, e.requirementKwh(), e.maxPriceCPerKwh(), e.budgetC(), strategy,
            strategyParams, paused, boughtKwh, spentC, auctions, won, meanClearingPriceCPerKwh, observedPrices,
            records, unsettled);
      } else if (event instanceof StrategyChanged e) {
        return new State(aggregatorId, configured, requirementKwh, maxPriceCPerKwh, budgetC, e.kind(), e.params(),
            paused, boughtKwh, spentC, auctions, won, meanClearingPriceCPerKwh, observedPrices, records, unsettled);
      } else if (event instanceof Paused || event instanceof Resumed) {
        return new State(aggregatorId, configured, requirementKwh, maxPriceCPerKwh, budgetC, strategy,
            strategyParams, event instanceof Paused, boughtKwh, spentC, auctions, won, meanClearingPriceCPerKwh,
            observedPrices, records, unsettled);
      } else if (event instanceof BidConfirmed e) {
        Map<String, Trade> u = new HashMap<>(unsettled);
        u.put(e.auctionId(), new Trade(e.batteryId(), e.auctionId(), e.energyKwh(), e.priceCPerKwh()));
        return new State(aggregatorId, configured, requirementKwh, maxPriceCPerKwh, budgetC, strategy,
            strategyParams, paused, boughtKwh + e.energyKwh(), spentC + e.energyKwh() * e.priceCPerKwh(), auctions,
            won, meanClearingPriceCPerKwh, observedPrices, records, u);
      } else if (event instanceof NegotiationEnded e) {
        Map<String, Trade> u = new HashMap<>(unsettled);
        Trade trade = u.remove(e.auctionId());
        boolean wonIt = trade != null && e.code() == TerminationCode.TERMINATION_CODE_COMPLETED;
        double bought = boughtKwh;
        double spent = spentC;
        if (trade != null && !wonIt) { // confirmed but the battery did not make the trade: undo
          bought -= trade.energyKwh();
          spent -= trade.energyKwh() * trade.priceCPerKwh();
        }
        boolean priced = e.clearingPriceCPerKwh() > 0;
        long observed = observedPrices + (priced ? 1 : 0);
        double mean = priced
            ? meanClearingPriceCPerKwh + (e.clearingPriceCPerKwh() - meanClearingPriceCPerKwh) / observed
            : meanClearingPriceCPerKwh;
        BatteryRecord r = recordOf(e.batteryId());
        Map<String, BatteryRecord> rs = new HashMap<>(records);
        rs.put(e.batteryId(), new BatteryRecord(r.auctions() + 1, r.won() + (wonIt ? 1 : 0),
            priced ? e.clearingPriceCPerKwh() : r.lastClearingPriceCPerKwh()));
        return new State(aggregatorId, configured, requirementKwh, maxPriceCPerKwh, budgetC, strategy,
            strategyParams, paused, bought, spent, auctions + 1, won + (wonIt ? 1 : 0), mean, observed, rs, u);
      }
      throw new IllegalArgumentException("unknown event " + event);
    }
  }

  // ---------------------------------------------------------------- wiring

  /**
   * What an aggregator twin needs from its node.
   *
   * @param toBatteries delivers the ETP messages it addresses to batteries
   * @param directory the node's {@link BatteryDirectory}
   */
  public record Dependencies(
      AggregatorSettings settings,
      Clock clock,
      EtpOutbox toBatteries,
      ActorRef<BatteryDirectory.Command> directory,
      PriceSignal priceSignal,
      Optional<PreTradeRisk> risk) {

    /** Without pre-trade risk checks (the limits of {@link Procurement} only). */
    public Dependencies(AggregatorSettings settings, Clock clock, EtpOutbox toBatteries,
        ActorRef<BatteryDirectory.Command> directory, PriceSignal priceSignal) {
      this(settings, clock, toBatteries, directory, priceSignal, Optional.empty());
    }
  }

  /**
   * Registers the aggregator entity type with sharding on this node. Aggregators trade on their own timers, so
   * they are not passivated when idle.
   */
  public static ActorRef<ShardingEnvelope<Command>> init(ClusterSharding sharding, Dependencies deps,
      org.apache.pekko.actor.typed.ActorSystem<?> system) {
    return init(sharding, deps, system, new io.etp.trading.MessageTimings(deps.clock()));
  }

  /** As {@link #init(ClusterSharding, Dependencies, org.apache.pekko.actor.typed.ActorSystem)}, timing every ETP message. */
  public static ActorRef<ShardingEnvelope<Command>> init(ClusterSharding sharding, Dependencies deps,
      org.apache.pekko.actor.typed.ActorSystem<?> system, io.etp.trading.MessageTimings timings) {
    return sharding.init(Entity.of(ENTITY_KEY,
            ctx -> timings.observe(create(ctx.getEntityId(), deps), ReceiveEtp.class, ReceiveEtp::message))
        .withSettings(ClusterShardingSettings.create(system).withNoPassivationStrategy()));
  }

  /** An outbox delivering ETP messages to aggregator twins by {@code recipient_id}, through sharding. */
  public static EtpOutbox outbox(ClusterSharding sharding) {
    return m -> sharding.entityRefFor(ENTITY_KEY, m.getRecipientId()).tell(new ReceiveEtp(m));
  }

  public static Behavior<Command> create(String aggregatorId, Dependencies deps) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> new Aggregator(aggregatorId, deps, ctx, timers)));
  }

  // ---------------------------------------------------------------- behavior

  private enum Phase { QUERIED, BIDDING, WAITING, CONFIRMED }

  /** Working memory of one negotiation with one battery. */
  private static final class Negotiation {
    final String batteryId;
    String auctionId = "";
    Phase phase = Phase.QUERIED;
    Mechanism mechanism = Mechanism.ASCENDING;
    double reserve;
    double standing;
    PreTradeRisk.BatteryView battery = new PreTradeRisk.BatteryView(0, 0, BatteryHealth.BATTERY_HEALTH_UNSPECIFIED);
    double lastBid;
    double energyKwh;
    Instant lastNews;

    Negotiation(String batteryId, Instant now) {
      this.batteryId = batteryId;
      this.lastNews = now;
    }

    boolean holdsBid() {
      return phase == Phase.BIDDING || phase == Phase.WAITING;
    }
  }

  private final String aggregatorId;
  private final Dependencies deps;
  private final Clock clock;
  private final ActorContext<Command> ctx;
  private final Envelopes envelopes;
  private final ActorRef<BatteryDirectory.Listing> listingAdapter;
  private final Set<String> knownBatteries = new HashSet<>();
  private final Map<String, Negotiation> negotiations = new HashMap<>();
  /** The connected agent (edge link), if any: it receives the messages addressed to this aggregator. */
  private ActorRef<EtpMessage> device;

  private Aggregator(String aggregatorId, Dependencies deps, ActorContext<Command> ctx,
      TimerScheduler<Command> timers) {
    super(PersistenceId.of(ENTITY_KEY.name(), aggregatorId));
    this.aggregatorId = aggregatorId;
    this.deps = deps;
    this.clock = deps.clock();
    this.ctx = ctx;
    this.envelopes = new Envelopes(aggregatorId, PeerRole.PEER_ROLE_AGGREGATOR, clock);
    this.listingAdapter = ctx.messageAdapter(BatteryDirectory.Listing.class,
        l -> new DirectoryUpdated(l.batteryIds()));
    deps.directory().tell(new BatteryDirectory.Subscribe(listingAdapter));
    timers.startTimerWithFixedDelay("round", QueryRound.INSTANCE, deps.settings().queryInterval());
  }

  @Override
  public State emptyState() {
    return State.initial(aggregatorId, deps.settings());
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(deps.settings().snapshotEvery(), 2);
  }

  @Override
  public Set<String> tagsFor(Event event) {
    return Set.of(TAGS.get(Math.floorMod(aggregatorId.hashCode(), TAGS.size())));
  }

  @Override
  public SignalHandler<State> signalHandler() {
    return newSignalHandlerBuilder()
        .onSignal(PostStop.instance(), state -> deps.directory().tell(new BatteryDirectory.Unsubscribe(listingAdapter)))
        .build();
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    return newEventHandlerBuilder().forAnyState().onAnyEvent(State::apply);
  }

  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
    return newCommandHandlerWithReplyBuilder()
        .forAnyState()
        .onCommand(ReceiveEtp.class, (state, cmd) -> onEtp(state, cmd.message()))
        .onCommand(SetTargets.class, (state, cmd) -> Effect()
            .persist(new TargetsSet(cmd.requirementKwh(), cmd.maxPriceCPerKwh(), cmd.budgetC(), clock.instant()))
            .thenRun(this::queryRound)
            .thenReply(cmd.replyTo(), s -> Done.getInstance()))
        .onCommand(ChangeStrategy.class, (state, cmd) -> Effect()
            .persist(new StrategyChanged(cmd.kind(), cmd.params(), clock.instant()))
            .thenReply(cmd.replyTo(), s -> Done.getInstance()))
        .onCommand(Pause.class, (state, cmd) -> state.paused()
            ? Effect().reply(cmd.replyTo(), Done.getInstance())
            : Effect().persist(new Paused(clock.instant())).thenReply(cmd.replyTo(), s -> Done.getInstance()))
        .onCommand(Resume.class, (state, cmd) -> !state.paused()
            ? Effect().reply(cmd.replyTo(), Done.getInstance())
            : Effect().persist(new Resumed(clock.instant())).thenRun(this::queryRound)
                .thenReply(cmd.replyTo(), s -> Done.getInstance()))
        .onCommand(GetStatus.class, (state, cmd) -> Effect().reply(cmd.replyTo(),
            new AggregatorStatus(state, negotiations.size(), knownBatteries.size())))
        .onCommand(DirectoryUpdated.class, (state, cmd) -> {
          knownBatteries.clear();
          knownBatteries.addAll(cmd.batteryIds());
          queryRound(state);
          return Effect().noReply();
        })
        .onCommand(QueryRound.class, (state, cmd) -> {
          queryRound(state);
          return Effect().noReply();
        })
        .onCommand(AttachDevice.class, (state, cmd) -> { device = cmd.device(); return Effect().noReply(); })
        .onCommand(DetachDevice.class, (state, cmd) -> {
          if (cmd.device().equals(device)) device = null;
          return Effect().noReply();
        })
        .build();
  }

  // ---- querying

  private void queryRound(State state) {
    Instant now = clock.instant();
    Instant stale = now.minus(deps.settings().negotiationTimeout());
    negotiations.values().removeIf(n -> n.lastNews.isBefore(stale));
    if (!state.configured() || state.paused() || device != null) return;
    Procurement.Open open = procurement(state);
    if (open.energyKwh() < deps.settings().minLotKwh() || open.budgetC() <= 0) return;
    if (deps.settings().timing().holdBack(deps.priceSignal().trendCPerKwhPerHour(now), open.energyKwh())) {
      ctx.getLog().debug("aggregator {} holds back: prices expected to fall", aggregatorId);
      return;
    }
    int room = deps.settings().maxConcurrentNegotiations() - negotiations.size();
    for (Iterator<String> it = knownBatteries.iterator(); it.hasNext() && room > 0; ) {
      String batteryId = it.next();
      if (negotiations.containsKey(batteryId)) continue;
      negotiations.put(batteryId, new Negotiation(batteryId, now));
      deps.toBatteries().send(envelopes.to(batteryId, MessageType.QUERY, "").build());
      room--;
    }
  }

  private Procurement.Open procurement(State state) {
    double energy = 0;
    double cost = 0;
    for (Negotiation n : negotiations.values()) {
      if (n.holdsBid()) {
        energy += n.energyKwh;
        cost += n.energyKwh * n.lastBid;
      }
    }
    return Procurement.open(state.openRequirementKwh(), state.openBudgetC(), energy, cost);
  }

  private ReplyEffect<Event, State> onEtp(State state, EtpMessage m) {
    if (device != null) {
      device.tell(m);
      return Effect().noReply();
    }
    if (!m.hasMessageType()) return Effect().noReply();
    return switch (m.getMessageType()) {
      case QUERY_RESPONSE -> onQueryResponse(state, m);
      case BID_REJECT -> onBidReject(state, m);
      case BID_ACCEPT -> onBidAccept(state, m);
      case TERMINATE -> onTerminate(state, m);
      default -> Effect().noReply();
    };
  }

  private BidContext context(State state, Negotiation n) {
    return new BidContext(state.maxPriceCPerKwh(), n.reserve, n.standing, n.mechanism,
        deps.priceSignal().expectedPriceCPerKwh(clock.instant()), state.successRate(),
        state.meanClearingPriceCPerKwh());
  }

  private ReplyEffect<Event, State> onQueryResponse(State state, EtpMessage m) {
    Negotiation n = negotiations.get(m.getSenderId());
    if (n == null || n.phase != Phase.QUERIED) return Effect().noReply();
    n.lastNews = clock.instant();
    double lot = m.getEnergyTotalKwh() * m.getPercentageForSale() / 100.0;
    BatteryHealth health = m.getBatteryHealth();
    if (state.paused() || lot < deps.settings().minLotKwh()
        || health == BatteryHealth.BATTERY_HEALTH_CRITICAL || health == BatteryHealth.BATTERY_HEALTH_FAILED) {
      negotiations.remove(n.batteryId);
      return Effect().noReply();
    }
    n.auctionId = m.getNegotiationId();
    n.reserve = m.hasReservePriceCPerKwh() ? m.getReservePriceCPerKwh() : 0;
    n.standing = m.hasBidPriceCPerKwh() ? m.getBidPriceCPerKwh() : 0;
    n.mechanism = m.getDetail().contains("mechanism=" + Mechanism.SEALED_SECOND_PRICE)
        ? Mechanism.SEALED_SECOND_PRICE : Mechanism.ASCENDING;
    OptionalDouble price = state.biddingStrategy().openingBid(context(state, n));
    if (price.isEmpty()) {
      negotiations.remove(n.batteryId);
      return Effect().noReply();
    }
    double bid = Math.min(price.getAsDouble(), state.maxPriceCPerKwh());
    double energy = Procurement.energyFor(lot, bid, procurement(state));
    if (energy < deps.settings().minLotKwh()) {
      negotiations.remove(n.batteryId);
      return Effect().noReply();
    }
    n.energyKwh = energy;
    n.battery = new PreTradeRisk.BatteryView(
        m.hasRemainingEnergyKwh() ? m.getRemainingEnergyKwh() : m.getEnergyTotalKwh(), m.getEnergyTotalKwh(), health);
    if (!riskApproves(n, bid)) {
      negotiations.remove(n.batteryId);
      return Effect().noReply();
    }
    sendBid(n, bid);
    return Effect().noReply();
  }

  /** Pre-trade risk on a bid for {@code n}'s lot at {@code price}, against every other open commitment. */
  private boolean riskApproves(Negotiation n, double price) {
    if (deps.risk().isEmpty()) return true;
    double energy = 0;
    double value = 0;
    for (Negotiation other : negotiations.values()) {
      if (other != n && (other.holdsBid() || other.phase == Phase.CONFIRMED)) {
        energy += other.energyKwh;
        value += other.energyKwh * other.lastBid;
      }
    }
    RiskDecision decision = deps.risk().get().check(aggregatorId, n.batteryId, n.energyKwh, price, n.battery,
        new PreTradeRisk.OpenCommitments(energy, value));
    if (decision instanceof RiskDecision.Rejected r) {
      ctx.getLog().debug("aggregator {} does not bid {} c/kWh to {}: {} ({})", aggregatorId, price, n.batteryId,
          r.reason(), r.detail());
      return false;
    }
    return true;
  }

  private void sendBid(Negotiation n, double price) {
    n.lastBid = price;
    n.phase = Phase.BIDDING;
    deps.toBatteries().send(envelopes.to(n.batteryId, MessageType.BID, n.auctionId)
        .setBidPriceCPerKwh(price)
        .setRequiredEnergyKwh(n.energyKwh)
        .build());
  }

  private ReplyEffect<Event, State> onBidReject(State state, EtpMessage m) {
    Negotiation n = negotiations.get(m.getSenderId());
    if (n == null || !n.holdsBid()) return Effect().noReply();
    n.lastNews = clock.instant();
    if (!m.getNegotiationId().isEmpty()) n.auctionId = m.getNegotiationId();
    if (m.hasSalePriceCPerKwh()) n.standing = m.getSalePriceCPerKwh();
    RejectReason reason = m.getRejectReason();
    if (n.phase == Phase.BIDDING && !state.paused() && BiddingStrategy.raisable(reason)) {
      OptionalDouble next = state.biddingStrategy().nextBid(context(state, n), n.lastBid, reason);
      if (next.isPresent()) {
        double price = Math.min(next.getAsDouble(), state.maxPriceCPerKwh());
        Procurement.Open open = procurement(state);
        if (Procurement.affordsRaise(open, n.energyKwh, n.lastBid, price) && riskApproves(n, price)) {
          sendBid(n, price);
          return Effect().noReply();
        }
      }
    }
    if (n.auctionId.isEmpty()) {
      negotiations.remove(n.batteryId); // refused before any auction: nothing to wait for
    } else {
      n.phase = Phase.WAITING; // a bidder in the auction: it will hear the end
    }
    return Effect().noReply();
  }

  private ReplyEffect<Event, State> onBidAccept(State state, EtpMessage m) {
    Instant now = clock.instant();
    String batteryId = m.getSenderId();
    String auctionId = m.getNegotiationId();
    double price = m.hasSalePriceCPerKwh() ? m.getSalePriceCPerKwh() : m.getBidPriceCPerKwh();
    double energy = m.getRequiredEnergyKwh();
    Negotiation n = negotiations.computeIfAbsent(batteryId, id -> new Negotiation(id, now));
    n.lastNews = now;
    n.auctionId = auctionId;
    boolean fits = !state.paused()
        && price <= state.maxPriceCPerKwh() + 1e-9
        && energy <= state.openRequirementKwh() + 1e-9
        && energy * price <= state.openBudgetC() + 1e-6;
    if (!fits) {
      n.phase = Phase.WAITING;
      deps.toBatteries().send(envelopes.terminate(batteryId, auctionId, TerminationCode.TERMINATION_CODE_CANCELLED));
      return Effect().noReply();
    }
    n.phase = Phase.CONFIRMED;
    n.energyKwh = energy; // an open commitment until the auction ends (pre-trade risk counts it)
    n.lastBid = price;
    return Effect().persist(new BidConfirmed(batteryId, auctionId, energy, price, now))
        .thenRun(s -> deps.toBatteries().send(envelopes.to(batteryId, MessageType.BID_CONFIRM, auctionId)
            .setBidPriceCPerKwh(m.getBidPriceCPerKwh())
            .setSalePriceCPerKwh(price)
            .setRequiredEnergyKwh(energy)
            .build()))
        .thenNoReply();
  }

  private ReplyEffect<Event, State> onTerminate(State state, EtpMessage m) {
    String batteryId = m.getSenderId();
    String auctionId = m.getNegotiationId();
    Negotiation n = negotiations.get(batteryId);
    if (n != null && (n.auctionId.isEmpty() || n.auctionId.equals(auctionId))) negotiations.remove(batteryId);
    if (auctionId.isEmpty()) return Effect().noReply();
    double clearing = m.hasSalePriceCPerKwh() ? m.getSalePriceCPerKwh() : 0;
    return Effect().persist(new NegotiationEnded(batteryId, auctionId, m.getTerminationCode(), clearing,
        clock.instant())).thenNoReply();
  }
}
