package io.etp.aggregator;

import io.etp.money.EnergyKwh;
import io.etp.money.PriceCPerKwh;
import io.etp.auction.Envelopes;
import io.etp.auction.EtpOutbox;
import io.etp.battery.BatteryDirectory;
import io.etp.protocol.v1.EtpMessage;
import io.etp.protocol.v1.MessageType;
import io.etp.protocol.v1.PeerRole;
import io.etp.protocol.v1.TerminationCode;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
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
 * and bids in many auctions at once with its {@link BiddingStrategy}. Decisions live in {@link Negotiation} (which
 * uses the strategies, {@link Procurement} and {@link PreTradeRisk}) and {@link MarketTiming}; this class routes,
 * sends what they decide and persists.
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

  /** It accepted a battery's BidAccept: the BidConfirm is sent after this is stored. Energy and price exact. */
  public record BidConfirmed(
      String batteryId, String auctionId, EnergyKwh energyKwh, PriceCPerKwh priceCPerKwh, Instant at)
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
  public record Trade(String batteryId, String auctionId, EnergyKwh energyKwh, PriceCPerKwh priceCPerKwh) {
    /** Energy x price in cents, exact, as the double the budget bookkeeping works in. */
    double costC() { return energyKwh.value().multiply(priceCPerKwh.value()).doubleValue(); }
  }

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
        Trade trade = new Trade(e.batteryId(), e.auctionId(), e.energyKwh(), e.priceCPerKwh());
        u.put(e.auctionId(), trade);
        return new State(aggregatorId, configured, requirementKwh, maxPriceCPerKwh, budgetC, strategy,
            strategyParams, paused, boughtKwh + e.energyKwh().toDouble(), spentC + trade.costC(), auctions,
            won, meanClearingPriceCPerKwh, observedPrices, records, u);
      } else if (event instanceof NegotiationEnded e) {
        Map<String, Trade> u = new HashMap<>(unsettled);
        Trade trade = u.remove(e.auctionId());
        boolean wonIt = trade != null && e.code() == TerminationCode.TERMINATION_CODE_COMPLETED;
        double bought = boughtKwh;
        double spent = spentC;
        if (trade != null && !wonIt) { // confirmed but the battery did not make the trade: undo
          bought -= trade.energyKwh().toDouble();
          spent -= trade.costC();
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
   * they are not passivated when idle, and, when {@code etp.sharding.remember-entities.Aggregator} is on (the node's
   * default), sharding restarts them on a surviving node after a failover without waiting for a message.
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
        .withSettings(io.etp.trading.ShardingFailover.settings(system, ENTITY_KEY.name()).withNoPassivationStrategy()));
  }

  /** An outbox delivering ETP messages to aggregator twins by {@code recipient_id}, through sharding. */
  public static EtpOutbox outbox(ClusterSharding sharding) {
    return m -> sharding.entityRefFor(ENTITY_KEY, m.getRecipientId()).tell(new ReceiveEtp(m));
  }

  public static Behavior<Command> create(String aggregatorId, Dependencies deps) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> new Aggregator(aggregatorId, deps, ctx, timers)));
  }

  // ---------------------------------------------------------------- behavior

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
    negotiations.values().removeIf(n -> n.staleAt(stale));
    if (!state.configured() || state.paused() || device != null) return;
    Negotiation.Buyer buyer = buyer(state);
    List<String> toQuery =
        Negotiation.toQuery(buyer, negotiations, knownBatteries, deps.settings().maxConcurrentNegotiations());
    if (toQuery.isEmpty()) return;
    double openKwh = Negotiation.open(buyer, negotiations.values()).energyKwh();
    if (deps.settings().timing().holdBack(deps.priceSignal().trendCPerKwhPerHour(now), openKwh)) {
      ctx.getLog().debug("aggregator {} holds back: prices expected to fall", aggregatorId);
      return;
    }
    for (String batteryId : toQuery) {
      negotiations.put(batteryId, new Negotiation(batteryId, now));
      deps.toBatteries().send(envelopes.to(batteryId, MessageType.QUERY, "").build());
    }
  }

  /** What the negotiations' decisions need to know of this aggregator now. */
  private Negotiation.Buyer buyer(State state) {
    return new Negotiation.Buyer(aggregatorId, state.paused(), state.maxPriceCPerKwh(), state.openRequirementKwh(),
        state.openBudgetC(), state.biddingStrategy(), state.successRate(), state.meanClearingPriceCPerKwh(),
        deps.priceSignal().expectedPriceCPerKwh(clock.instant()), deps.settings().minLotKwh());
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

  private ReplyEffect<Event, State> onQueryResponse(State state, EtpMessage m) {
    Negotiation n = negotiations.get(m.getSenderId());
    if (n == null) return Effect().noReply();
    return follow(n, n.onQueryResponse(m, buyer(state), negotiations.values(), deps.risk(), clock.instant()));
  }

  private ReplyEffect<Event, State> onBidReject(State state, EtpMessage m) {
    Negotiation n = negotiations.get(m.getSenderId());
    if (n == null) return Effect().noReply();
    return follow(n, n.onReject(m, buyer(state), negotiations.values(), deps.risk(), clock.instant()));
  }

  private ReplyEffect<Event, State> onBidAccept(State state, EtpMessage m) {
    Instant now = clock.instant();
    String batteryId = m.getSenderId();
    String auctionId = m.getNegotiationId();
    Negotiation n = negotiations.computeIfAbsent(batteryId, id -> new Negotiation(id, now));
    Negotiation.Step step = n.onAccept(m, buyer(state), now);
    if (step instanceof Negotiation.Step.Confirm c) {
      // the BidAccept's doubles become the exact terms of the trade here, once, by io.etp.money's rule
      return Effect().persist(new BidConfirmed(batteryId, auctionId, EnergyKwh.ofDouble(c.energyKwh()),
              PriceCPerKwh.ofDouble(c.priceCPerKwh()), now))
          .thenRun(s -> deps.toBatteries().send(envelopes.to(batteryId, MessageType.BID_CONFIRM, auctionId)
              .setBidPriceCPerKwh(m.getBidPriceCPerKwh())
              .setSalePriceCPerKwh(c.priceCPerKwh())
              .setRequiredEnergyKwh(c.energyKwh())
              .build()))
          .thenNoReply();
    }
    return follow(n, step);
  }

  /** Sends or forgets what a negotiation's decision says; persists nothing. */
  private ReplyEffect<Event, State> follow(Negotiation n, Negotiation.Step step) {
    if (step instanceof Negotiation.Step.Bid b) {
      deps.toBatteries().send(envelopes.to(n.batteryId(), MessageType.BID, n.auctionId())
          .setBidPriceCPerKwh(b.priceCPerKwh())
          .setRequiredEnergyKwh(b.energyKwh())
          .build());
    } else if (step instanceof Negotiation.Step.Cancel) {
      deps.toBatteries().send(
          envelopes.terminate(n.batteryId(), n.auctionId(), TerminationCode.TERMINATION_CODE_CANCELLED));
    } else if (step instanceof Negotiation.Step.Drop d) {
      negotiations.remove(n.batteryId());
      logIfRisk(n, d.why(), d.detail());
    } else if (step instanceof Negotiation.Step.Wait w) {
      logIfRisk(n, w.why(), w.detail());
    }
    return Effect().noReply();
  }

  private void logIfRisk(Negotiation n, Negotiation.Why why, String detail) {
    if (why == Negotiation.Why.RISK_LIMIT) {
      ctx.getLog().debug("aggregator {} does not bid to {}: {}", aggregatorId, n.batteryId(), detail);
    }
  }

  private ReplyEffect<Event, State> onTerminate(State state, EtpMessage m) {
    String batteryId = m.getSenderId();
    String auctionId = m.getNegotiationId();
    Negotiation n = negotiations.get(batteryId);
    if (n != null && n.endedBy(auctionId)) negotiations.remove(batteryId);
    if (auctionId.isEmpty()) return Effect().noReply();
    double clearing = m.hasSalePriceCPerKwh() ? m.getSalePriceCPerKwh() : 0;
    return Effect().persist(new NegotiationEnded(batteryId, auctionId, m.getTerminationCode(), clearing,
        clock.instant())).thenNoReply();
  }
}
