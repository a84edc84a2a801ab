package io.etp.battery;

import io.etp.auction.AuctionBook;
import io.etp.auction.AuctionOutcome;
import io.etp.auction.AuctionRules;
import io.etp.auction.Envelopes;
import io.etp.auction.EtpOutbox;
import io.etp.auction.LotBid;
import io.etp.auction.Mechanism;
import io.etp.money.EnergyKwh;
import io.etp.money.PriceCPerKwh;
import io.etp.protocol.v1.BatteryHealth;
import io.etp.protocol.v1.EtpMessage;
import io.etp.protocol.v1.MessageType;
import io.etp.protocol.v1.PeerRole;
import io.etp.protocol.v1.RejectReason;
import io.etp.protocol.v1.TerminationCode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.BehaviorInterceptor;
import org.apache.pekko.actor.typed.TypedActorContext;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.actor.typed.pubsub.Topic;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EffectBuilder;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The digital twin of one battery (BESS): answers the ETP messages addressed to it and is the auctioneer of its
 * own energy. Decisions live in {@link BidEvaluation} and {@link AuctionBook}; this class routes, persists what must
 * survive a crash, and sends the resulting ETP messages to its peers through an {@link EtpOutbox}.
 *
 * <p>Persisted: registrations, criteria and rule changes, auction opened, winner chosen, confirm misses, trades,
 * auction outcomes, health changes, failures, termination. Not persisted: queries (answered without waiting for a
 * write in flight, see {@link QueriesBypassStash}), telemetry updates (published to monitoring, the latest kept in
 * memory), and the bids of an open auction (they go to the {@link BidAuditSink}).
 * An auction still open when the twin restarts is ended as CANCELLED on recovery.
 */
public final class Battery
    extends EventSourcedBehaviorWithEnforcedReplies<Battery.Command, Battery.Event, Battery.State> {

  public static final EntityTypeKey<Command> ENTITY_KEY = EntityTypeKey.create(Command.class, "Battery");

  /** Event tags, one per slice, so read-side projections can run in parallel. */
  public static final List<String> TAGS = List.of("battery-0", "battery-1", "battery-2", "battery-3", "battery-4");

  /** One readable line per auction outcome is logged here. */
  public static final Logger OUTCOMES = LoggerFactory.getLogger("io.etp.auction.outcomes");

  // ---------------------------------------------------------------- commands

  public sealed interface Command {}

  /** An ETP message addressed to this battery by a peer (aggregator, device edge). Answers go out as ETP messages. */
  public record ReceiveEtp(EtpMessage message) implements Command {}

  /** Replace the acceptance criteria; applies from the next auction. */
  public record ChangeCriteria(AcceptanceCriteria criteria, ActorRef<Done> replyTo) implements Command {}

  /** Replace the auction rules (mechanism, window, increment...); applies from the next auction. */
  public record ChangeAuctionRules(AuctionRules rules, ActorRef<Done> replyTo) implements Command {}

  public record GetStatus(ActorRef<BatteryStatus> replyTo) implements Command {}

  /**
   * A device connected at an edge (TCP gateway) is this battery: from now on it receives a copy of every ETP message
   * addressed to the twin and of every message the twin sends. Not persisted; the edge re-sends it periodically.
   */
  public record AttachDevice(ActorRef<EtpMessage> device) implements Command {}

  /** The device's connection closed; ignored unless {@code device} is the attached one. */
  public record DetachDevice(ActorRef<EtpMessage> device) implements Command {}

  private record CloseAuction(String auctionId) implements Command {}

  private record ConfirmDeadline(String auctionId, int award) implements Command {}

  private record AbandonAuction(String auctionId) implements Command {}

  /** A period of the schedule has ended: deliver it. */
  private enum DeliverDue implements Command { INSTANCE }

  /** Reply to {@link GetStatus}: the twin's durable state plus the latest telemetry. */
  public record BatteryStatus(State state, BatterySpec latestTelemetry) {}

  // ---------------------------------------------------------------- events

  public sealed interface Event {
    Instant at();
  }

  /**
   * The battery registered (again) with {@code spec}; {@code limits} are its schedule's, decided from the spec and
   * the node's {@link StorageSettings} when it registered.
   */
  public record Registered(BatterySpec spec, StorageLimits limits, Instant at) implements Event {
    /** A registration persisted before the schedule existed: the default storage settings' limits. */
    public Registered(BatterySpec spec, Instant at) {
      this(spec, StorageSettings.DEFAULTS.limitsFor(spec), at);
    }
  }

  public record CriteriaChanged(AcceptanceCriteria criteria, Instant at) implements Event {}

  public record AuctionRulesChanged(AuctionRules rules, Instant at) implements Event {}

  public record AuctionOpened(
      String auctionId, EnergyKwh lotKwh, PriceCPerKwh reservePriceCPerKwh, Mechanism mechanism, Instant at,
      Instant closesAt) implements Event {}

  /** The lot was offered to {@code winnerId} (BidAccept); {@code bidders} is everyone who bid. */
  public record WinnerChosen(
      String auctionId, String winnerId, PriceCPerKwh priceCPerKwh, EnergyKwh energyKwh, List<String> bidders,
      Instant at)
      implements Event {
    public WinnerChosen { bidders = List.copyOf(bidders); }
  }

  public record ConfirmMissed(String auctionId, String aggregatorId, Instant at) implements Event {}

  /** A trade, for delivery in {@code period}; its trade id in the schedule is the auction id. */
  public record TradeConfirmed(
      String auctionId, String aggregatorId, EnergyKwh energyKwh, PriceCPerKwh priceCPerKwh, Instant at,
      DeliveryPeriod period)
      implements Event {
    /**
     * A trade persisted before trades named a period: it is for the next {@link DeliveryPeriod#DEFAULT_PRODUCT}
     * period after it was confirmed ({@link DeliveryPeriod#nextAfter}).
     */
    public TradeConfirmed(
        String auctionId, String aggregatorId, EnergyKwh energyKwh, PriceCPerKwh priceCPerKwh, Instant at) {
      this(auctionId, aggregatorId, energyKwh, priceCPerKwh, at,
          DeliveryPeriod.nextAfter(at, DeliveryPeriod.DEFAULT_PRODUCT));
    }

    /** What this trade commits the battery to: discharging its energy in its period, at its price. */
    public DeliverySchedule.Commitment commitment() {
      return new DeliverySchedule.Commitment(auctionId, period, DeliverySchedule.Direction.DISCHARGE, energyKwh,
          Optional.of(priceCPerKwh));
    }
  }

  /**
   * The periods that had ended by {@code at} were delivered: each trade with its metered, delivered and shortfall
   * energy ({@link DeliverySchedule#deliverDue}).
   */
  public record Delivered(List<DeliverySchedule.Delivery> deliveries, Instant at) implements Event {
    public Delivered { deliveries = List.copyOf(deliveries); }
  }

  public record AuctionEnded(AuctionOutcome outcome) implements Event {
    @Override
    public Instant at() { return outcome.endedAt(); }
  }

  public record HealthChanged(BatteryHealth health, Instant at) implements Event {}

  public record DeviceFailed(String detail, Instant at) implements Event {}

  public record Terminated(Instant at) implements Event {}

  // ---------------------------------------------------------------- state

  /** The auction in progress, as far as it must survive a restart. */
  public record OpenAuction(
      String auctionId, EnergyKwh lotKwh, PriceCPerKwh reservePriceCPerKwh, Mechanism mechanism, Instant openedAt,
      Instant closesAt, Optional<String> winnerId, List<String> bidders) {
    public OpenAuction { bidders = List.copyOf(bidders); }
  }

  /**
   * @param offeredKwh energy offered in the current offer (set at registration when no auction is open)
   * @param soldKwh energy sold out of the current offer
   */
  public record State(
      String batteryId,
      Availability availability,
      BatterySpec spec,
      double offeredKwh,
      double soldKwh,
      AcceptanceCriteria criteria,
      AuctionRules rules,
      Optional<OpenAuction> openAuction,
      long auctionsOpened,
      Map<String, TradingRecord> records,
      Optional<AuctionOutcome> lastOutcome,
      DeliverySchedule schedule) {

    public State {
      records = Map.copyOf(records);
      java.util.Objects.requireNonNull(schedule, "schedule");
    }

    /** The schedule of a battery not registered yet: nothing stored, nothing committed. */
    static DeliverySchedule emptySchedule() {
      return DeliverySchedule.start(new StorageLimits(EnergyKwh.ZERO, EnergyKwh.ZERO, java.math.BigDecimal.ZERO,
          java.math.BigDecimal.ONE), EnergyKwh.ZERO, Instant.EPOCH);
    }

    /** A schedule for a battery registered with {@code spec}, holding its remaining energy (capped at capacity). */
    static DeliverySchedule scheduleFor(StorageLimits limits, BatterySpec spec, Instant at) {
      EnergyKwh remaining = EnergyKwh.ofDouble(Math.max(0, spec.remainingKwh()));
      return DeliverySchedule.start(limits,
          remaining.compareTo(limits.capacityKwh()) > 0 ? limits.capacityKwh() : remaining, at);
    }

    public static State initial(String batteryId, BatterySettings settings) {
      return new State(batteryId, Availability.UNREGISTERED, BatterySpec.NONE, 0, 0, settings.criteria(),
          settings.auctionRules(), Optional.empty(), 0, Map.of(), Optional.empty(), emptySchedule());
    }

    /** Energy still for sale in the current offer, kWh. */
    public double forSaleKwh() {
      return Math.max(0, offeredKwh - soldKwh);
    }

    /** The battery's delivery reputation, 0..1, from its discharges' delivered and shortfall energy. */
    public double deliveryReputation() {
      return MeteredDelivery.reputation(schedule.discharged());
    }

    public TradingRecord recordOf(String aggregatorId) {
      return records.getOrDefault(aggregatorId, TradingRecord.EMPTY);
    }

    public BidEvaluation.Seller seller() {
      return new BidEvaluation.Seller(availability, spec.health(), forSaleKwh(), criteria);
    }

    /** The seller at {@code now}: limited by what the schedule can deliver in the next {@code product} period. */
    public BidEvaluation.Seller seller(Instant now, java.time.Duration product) {
      return new BidEvaluation.Seller(availability, spec.health(), forSaleKwh(), criteria,
          schedule.dischargeable(DeliveryPeriod.nextAfter(now, product)).toDouble());
    }

    public State apply(Event event) {
      if (event instanceof Registered e) {
        boolean newOffer = openAuction.isEmpty();
        // the registered remaining energy is measured: the schedule keeps its commitments from it
        EnergyKwh remaining = EnergyKwh.ofDouble(Math.max(0, e.spec().remainingKwh()));
        DeliverySchedule s = availability == Availability.UNREGISTERED
            ? scheduleFor(e.limits(), e.spec(), e.at())
            : deliveredBy(e.at()).remeasured(e.limits(), remaining, e.at());
        BatterySpec registered = e.spec().withRemaining(s.plannedFinalKwh().toDouble());
        return new State(batteryId, Availability.ONLINE, registered,
            newOffer ? registered.offeredKwh() : offeredKwh, newOffer ? 0 : soldKwh,
            criteria, rules, openAuction, auctionsOpened, records, lastOutcome, s);
      } else if (event instanceof CriteriaChanged e) {
        return new State(batteryId, availability, spec, offeredKwh, soldKwh, e.criteria(), rules, openAuction,
            auctionsOpened, records, lastOutcome, schedule);
      } else if (event instanceof AuctionRulesChanged e) {
        return new State(batteryId, availability, spec, offeredKwh, soldKwh, criteria, e.rules(), openAuction,
            auctionsOpened, records, lastOutcome, schedule);
      } else if (event instanceof AuctionOpened e) {
        OpenAuction open = new OpenAuction(e.auctionId(), e.lotKwh(), e.reservePriceCPerKwh(), e.mechanism(),
            e.at(), e.closesAt(), Optional.empty(), List.of());
        return new State(batteryId, availability, spec, offeredKwh, soldKwh, criteria, rules, Optional.of(open),
            auctionsOpened + 1, records, lastOutcome, schedule);
      } else if (event instanceof WinnerChosen e) {
        Optional<OpenAuction> open = openAuction.map(o -> new OpenAuction(o.auctionId(), o.lotKwh(),
            o.reservePriceCPerKwh(), o.mechanism(), o.openedAt(), o.closesAt(), Optional.of(e.winnerId()),
            e.bidders()));
        return new State(batteryId, availability, spec, offeredKwh, soldKwh, criteria, rules, open,
            auctionsOpened, records, lastOutcome, schedule);
      } else if (event instanceof ConfirmMissed e) {
        return withRecord(e.aggregatorId(), recordOf(e.aggregatorId()).withMissed());
      } else if (event instanceof TradeConfirmed e) {
        State s = withRecord(e.aggregatorId(), recordOf(e.aggregatorId()).withConfirmed());
        double sold = e.energyKwh().toDouble();
        DeliverySchedule delivered = deliveredBy(e.at());
        DeliverySchedule planned = e.energyKwh().isZero() ? delivered : delivered.accept(e.commitment());
        // the energy the twin reports is the state of charge planned once its committed trades are delivered
        return new State(batteryId, availability, spec.withRemaining(planned.plannedFinalKwh().toDouble()),
            offeredKwh, soldKwh + sold, criteria, rules, openAuction, auctionsOpened, s.records(),
            lastOutcome, planned);
      } else if (event instanceof Delivered e) {
        // replays the delivery as it was metered: the same schedule follows
        Map<String, EnergyKwh> metered = new HashMap<>();
        e.deliveries().forEach(d -> metered.put(d.commitment().tradeId(), d.meteredKwh()));
        DeliverySchedule delivered = schedule.deliverDue(e.at(),
            c -> metered.getOrDefault(c.tradeId(), c.energyKwh())).schedule();
        return new State(batteryId, availability, spec.withRemaining(delivered.plannedFinalKwh().toDouble()),
            offeredKwh, soldKwh, criteria, rules, openAuction, auctionsOpened, records, lastOutcome, delivered);
      } else if (event instanceof AuctionEnded e) {
        Map<String, TradingRecord> updated = new HashMap<>(records);
        for (String bidder : e.outcome().bidders()) {
          if (!e.outcome().winnerId().map(bidder::equals).orElse(false)) {
            updated.put(bidder, updated.getOrDefault(bidder, TradingRecord.EMPTY).withRejected());
          }
        }
        return new State(batteryId, availability, spec, offeredKwh, soldKwh, criteria, rules, Optional.empty(),
            auctionsOpened, updated, Optional.of(e.outcome()), schedule);
      } else if (event instanceof HealthChanged e) {
        return new State(batteryId, availability, spec.withHealth(e.health()), offeredKwh, soldKwh, criteria, rules,
            openAuction, auctionsOpened, records, lastOutcome, schedule);
      } else if (event instanceof DeviceFailed) {
        return new State(batteryId, Availability.FAILED, spec.withHealth(BatteryHealth.BATTERY_HEALTH_FAILED),
            offeredKwh, soldKwh, criteria, rules, openAuction, auctionsOpened, records, lastOutcome, schedule);
      } else if (event instanceof Terminated) {
        return new State(batteryId, Availability.TERMINATED, spec, offeredKwh, soldKwh, criteria, rules,
            openAuction, auctionsOpened, records, lastOutcome, schedule);
      }
      throw new IllegalArgumentException("unknown event " + event);
    }

    /**
     * The schedule with every period that ended by {@code at} delivered as committed (a simulated battery). Until the
     * twin delivers at each period's end, this runs when it next registers or trades, at that event's time, so
     * replay gives the same schedule.
     */
    private DeliverySchedule deliveredBy(Instant at) {
      return schedule.deliverDue(at, DeliverySchedule.Meter.SIMULATED).schedule();
    }

    private State withRecord(String aggregatorId, TradingRecord record) {
      Map<String, TradingRecord> updated = new HashMap<>(records);
      updated.put(aggregatorId, record);
      return new State(batteryId, availability, spec, offeredKwh, soldKwh, criteria, rules, openAuction,
          auctionsOpened, updated, lastOutcome, schedule);
    }
  }

  // ---------------------------------------------------------------- wiring

  /**
   * What a battery twin needs from its node.
   *
   * @param toAggregators delivers the ETP messages this battery addresses to aggregators
   * @param directory the node's {@link BatteryDirectory}
   * @param telemetry the monitoring topic BESSStatus messages are published to
   */
  public record Dependencies(
      BatterySettings settings,
      Clock clock,
      EtpOutbox toAggregators,
      BidAuditSink audit,
      ActorRef<BatteryDirectory.Command> directory,
      ActorRef<Topic.Command<EtpMessage>> telemetry) {

    /** @return these dependencies with {@code toAggregators} also handing each message to {@code tap} */
    public Dependencies informing(EtpOutbox tap) {
      EtpOutbox out = toAggregators;
      return new Dependencies(settings, clock, m -> { out.send(m); tap.send(m); }, audit, directory, telemetry);
    }
  }

  /** Name of the monitoring topic carrying every battery's BESSStatus messages. */
  public static final String TELEMETRY_TOPIC = "etp-battery-telemetry";

  /** Registers the battery entity type with sharding on this node. */
  public static ActorRef<org.apache.pekko.cluster.sharding.typed.ShardingEnvelope<Command>> init(
      ClusterSharding sharding, Dependencies deps) {
    return init(sharding, deps, new io.etp.trading.MessageTimings(deps.clock()));
  }

  /** As {@link #init(ClusterSharding, Dependencies)}, timing every ETP message delivered to a battery. */
  public static ActorRef<org.apache.pekko.cluster.sharding.typed.ShardingEnvelope<Command>> init(
      ClusterSharding sharding, Dependencies deps, io.etp.trading.MessageTimings timings) {
    return sharding.init(Entity.of(ENTITY_KEY,
        ctx -> timings.observe(create(ctx.getEntityId(), deps), ReceiveEtp.class, ReceiveEtp::message)));
  }

  /** An outbox delivering ETP messages to battery twins by {@code recipient_id}, through sharding. */
  public static EtpOutbox outbox(ClusterSharding sharding) {
    return m -> sharding.entityRefFor(ENTITY_KEY, m.getRecipientId()).tell(new ReceiveEtp(m));
  }

  public static Behavior<Command> create(String batteryId, Dependencies deps) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
      Battery battery = new Battery(batteryId, deps, ctx, timers);
      return Behaviors.intercept(() -> new QueriesBypassStash(battery), battery);
    }));
  }

  /**
   * Answers a Query before the event-sourced behavior sees it. An EventSourcedBehavior stashes every command while
   * one of its writes is in flight, so a query would wait for the journal (seconds on a loaded PostgreSQL); a query
   * persists nothing and reads the twin's latest state, so it is answered at once. That state includes an event
   * whose write is still in flight, and a query may be answered before commands that arrived earlier and wait in the
   * stash (a query is advice, not a commitment: bids and confirms are still decided in order). During recovery
   * queries still go through (and wait with) the behavior.
   */
  private static final class QueriesBypassStash extends BehaviorInterceptor<Command, Command> {
    private final Battery battery;

    QueriesBypassStash(Battery battery) {
      super(Command.class);
      this.battery = battery;
    }

    @Override
    public Behavior<Command> aroundReceive(TypedActorContext<Command> ctx, Command msg,
        ReceiveTarget<Command> target) {
      if (msg instanceof ReceiveEtp r && battery.recovered && r.message().hasMessageType()
          && r.message().getMessageType() == MessageType.QUERY) {
        battery.copyToDevice(r.message());
        battery.answerQuery(battery.current, r.message());
        return Behaviors.same();
      }
      return target.apply(ctx, msg);
    }
  }

  // ---------------------------------------------------------------- behavior

  private final String batteryId;
  private final Dependencies deps;
  private final Clock clock;
  private final ActorContext<Command> ctx;
  private final TimerScheduler<Command> timers;
  private final BatteryReplies replies;
  /** Working memory of the open auction: its bids are audit-only, not events. */
  private AuctionBook book;
  /** Latest telemetry (BESSStatus), not persisted. */
  private BatterySpec latestTelemetry = BatterySpec.NONE;
  /** The connected device (edge link), if any: informed of what the twin receives and sends. */
  private ActorRef<EtpMessage> device;
  /**
   * The attached device's meter readings per period ({@code metered_delivered_kwh}) not delivered yet. Not persisted:
   * the {@code Delivered} event records what each trade was metered, so recovery rebuilds the same schedule.
   */
  private final Map<DeliveryPeriod, EnergyKwh> meterReadings = new HashMap<>();
  /** The state after the latest event persisted or recovered (for queries answered outside the command handler). */
  private State current;
  /** Recovery completed: from now on queries bypass the stash. */
  private boolean recovered;

  private Battery(String batteryId, Dependencies deps, ActorContext<Command> ctx, TimerScheduler<Command> timers) {
    super(PersistenceId.of(ENTITY_KEY.name(), batteryId));
    this.batteryId = batteryId;
    // The device hears what it is asked and what its twin commits it to, not the twin's offers: a QueryResponse
    // commits nothing, and copying one per query was a third of the gateway's frames under load (docs/edge.md).
    this.deps = deps.informing(m -> {
      if (device != null && m.getMessageType() != MessageType.QUERY_RESPONSE) {
        device.tell(m);
      }
    });
    this.clock = deps.clock();
    this.ctx = ctx;
    this.timers = timers;
    this.replies = new BatteryReplies(new Envelopes(batteryId, PeerRole.PEER_ROLE_BATTERY, clock));
  }

  @Override
  public State emptyState() {
    return State.initial(batteryId, deps.settings());
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(deps.settings().snapshotEvery(), 2);
  }

  @Override
  public Set<String> tagsFor(Event event) {
    return Set.of(TAGS.get(Math.floorMod(batteryId.hashCode(), TAGS.size())));
  }

  @Override
  public SignalHandler<State> signalHandler() {
    return newSignalHandlerBuilder()
        .onSignal(RecoveryCompleted.instance(), state -> {
          current = state;
          recovered = true;
          latestTelemetry = state.spec();
          scheduleDelivery(state);
          state.openAuction().ifPresent(open -> ctx.getSelf().tell(new AbandonAuction(open.auctionId())));
          if (state.availability() == Availability.ONLINE) {
            deps.directory().tell(new BatteryDirectory.Announce(batteryId));
          }
        })
        .build();
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    return newEventHandlerBuilder().forAnyState().onAnyEvent(State::apply);
  }

  /**
   * Persists {@code event}; see {@link #persist(State, List)}.
   */
  private EffectBuilder<Event, State> persist(State state, Event event) {
    return persist(state, List.of(event));
  }

  /**
   * Persists {@code events}. Queries answered outside the command handler ({@link QueriesBypassStash}) see the state
   * after them from now on, while their write is in flight: the event handler stays free of effects.
   */
  private EffectBuilder<Event, State> persist(State state, List<Event> events) {
    State after = state;
    for (Event e : events) after = after.apply(e);
    current = after;
    return Effect().persist(events);
  }

  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
    return newCommandHandlerWithReplyBuilder()
        .forAnyState()
        .onCommand(ReceiveEtp.class, (state, cmd) -> onEtp(state, cmd.message()))
        .onCommand(ChangeCriteria.class, (state, cmd) ->
            persist(state, new CriteriaChanged(cmd.criteria(), clock.instant()))
                .thenReply(cmd.replyTo(), s -> Done.getInstance()))
        .onCommand(ChangeAuctionRules.class, (state, cmd) ->
            persist(state, new AuctionRulesChanged(cmd.rules(), clock.instant()))
                .thenReply(cmd.replyTo(), s -> Done.getInstance()))
        .onCommand(GetStatus.class, (state, cmd) -> Effect().reply(cmd.replyTo(),
            new BatteryStatus(state, telemetry(state))))
        .onCommand(CloseAuction.class, this::onCloseAuction)
        .onCommand(ConfirmDeadline.class, this::onConfirmDeadline)
        .onCommand(AbandonAuction.class, this::onAbandonAuction)
        .onCommand(DeliverDue.class, (state, cmd) -> onDeliverDue(state))
        .onCommand(AttachDevice.class, (state, cmd) -> { device = cmd.device(); return Effect().noReply(); })
        .onCommand(DetachDevice.class, (state, cmd) -> {
          if (cmd.device().equals(device)) device = null;
          return Effect().noReply();
        })
        .build();
  }

  private ReplyEffect<Event, State> onEtp(State state, EtpMessage m) {
    if (!m.hasMessageType()) return Effect().noReply();
    copyToDevice(m);
    return switch (m.getMessageType()) {
      case REGISTER -> onRegister(state, m);
      case QUERY -> {
        answerQuery(state, m);
        yield Effect().noReply();
      }
      case BID -> onBid(state, m);
      case BID_CONFIRM -> onBidConfirm(state, m);
      case TERMINATE -> onTerminate(state, m);
      case DEVICE_FAILURE -> onDeviceFailure(state, m.getDetail());
      case BESS_STATUS -> onStatus(state, m);
      default -> {
        ctx.getLog().debug("battery {} ignores {} from {}", batteryId, m.getMessageType(), m.getSenderId());
        yield Effect().noReply();
      }
    };
  }

  private void copyToDevice(EtpMessage m) {
    if (device != null && !m.getSenderId().equals(batteryId)) device.tell(m);
  }

  // ---- Register / Query / BESSStatus

  private ReplyEffect<Event, State> onRegister(State state, EtpMessage m) {
    BatterySpec spec = specFrom(m, state.spec());
    latestTelemetry = spec;
    deps.directory().tell(new BatteryDirectory.Announce(batteryId));
    if (state.availability() == Availability.ONLINE && spec.equals(state.spec())) {
      return Effect().noReply();
    }
    return persist(state, new Registered(spec, deps.settings().storage().limitsFor(spec), clock.instant()))
        .thenRun(this::scheduleDelivery).thenNoReply();
  }

  /**
   * The latest telemetry as the twin reports it: voltage, discharge rate and health as the device last said, the
   * capacity and remaining energy from the journal's state, so live equals what recovery rebuilds (issue #12).
   */
  private BatterySpec telemetry(State state) {
    BatterySpec t = latestTelemetry;
    return new BatterySpec(state.spec().capacityKwh(), state.spec().remainingKwh(), t.percentageForSale(),
        t.health(), t.voltageV(), t.dischargeRateKw());
  }

  /**
   * A BESSStatus as monitoring sees it: the device's, with the energy and capacity the twin reports
   * ({@link #telemetry}), so the live stream shows what REST and recovery show.
   */
  private static EtpMessage asTwinReports(State state, EtpMessage m) {
    if (state.availability() == Availability.UNREGISTERED) return m;
    return m.toBuilder().setRemainingEnergyKwh(state.spec().remainingKwh())
        .setEnergyTotalKwh(state.spec().capacityKwh()).build();
  }

  private static BatterySpec specFrom(EtpMessage m, BatterySpec previous) {
    double capacity = m.hasEnergyTotalKwh() ? m.getEnergyTotalKwh() : previous.capacityKwh();
    return new BatterySpec(
        capacity,
        m.hasRemainingEnergyKwh() ? m.getRemainingEnergyKwh() : capacity,
        m.hasPercentageForSale() ? m.getPercentageForSale() : previous.percentageForSale(),
        m.hasBatteryHealth() && m.getBatteryHealth() != BatteryHealth.BATTERY_HEALTH_UNSPECIFIED
            ? m.getBatteryHealth() : BatteryHealth.BATTERY_HEALTH_GOOD,
        m.hasBatteryVoltageV() ? m.getBatteryVoltageV() : previous.voltageV(),
        m.hasDischargeRateKw() ? m.getDischargeRateKw() : previous.dischargeRateKw());
  }

  /** Answers a Query ({@link BatteryReplies#queryResponse}); persists nothing. */
  private void answerQuery(State state, EtpMessage m) {
    deps.toAggregators().send(replies.queryResponse(m, new BatteryReplies.Offer(
        state.seller(clock.instant(), deps.settings().storage().product()), state.spec().capacityKwh(),
        state.rules(), telemetry(state), Optional.ofNullable(book))));
  }

  private ReplyEffect<Event, State> onStatus(State state, EtpMessage m) {
    if (m.hasMeteredDeliveredKwh() && m.hasDeliveryStartMs() && m.hasDeliveryPeriodMinutes() && device != null) {
      DeliveryPeriod period = new DeliveryPeriod(Instant.ofEpochMilli(m.getDeliveryStartMs()),
          Duration.ofMinutes(m.getDeliveryPeriodMinutes()));
      meterReadings.put(period, EnergyKwh.ofDouble(Math.max(0, m.getMeteredDeliveredKwh())));
      ctx.getSelf().tell(DeliverDue.INSTANCE);
    }
    latestTelemetry = specFrom(m, latestTelemetry);
    deps.telemetry().tell(Topic.publish(asTwinReports(state, m)));
    BatteryHealth health = latestTelemetry.health();
    if (health == BatteryHealth.BATTERY_HEALTH_FAILED && state.availability() == Availability.ONLINE) {
      return onDeviceFailure(state, "BESSStatus reported health FAILED");
    }
    if (state.availability() == Availability.ONLINE && health != state.spec().health()) {
      return persist(state, new HealthChanged(health, clock.instant())).thenNoReply();
    }
    return Effect().noReply();
  }

  // ---- bidding

  private ReplyEffect<Event, State> onBid(State state, EtpMessage m) {
    Instant now = clock.instant();
    String aggregatorId = m.getSenderId();
    double price = m.getBidPriceCPerKwh();
    double energy = m.getRequiredEnergyKwh();
    String negotiation = m.getNegotiationId();
    double reputation = state.recordOf(aggregatorId).reputation();

    boolean openBookMatches = book != null && (negotiation.isEmpty() || negotiation.equals(book.auctionId()));
    if ((book != null && !openBookMatches) || (book == null && state.openAuction().isPresent())
        || (book == null && !negotiation.isEmpty())) {
      rejectNow(m, negotiation, RejectReason.REJECT_REASON_AUCTION_CLOSED, "no open auction " + negotiation, now);
      return Effect().noReply();
    }
    BidEvaluation.Decision decision = BidEvaluation.decide(state.seller(now, deps.settings().storage().product()),
        new BidEvaluation.Offer(aggregatorId, price, energy, reputation));
    if (decision instanceof BidEvaluation.Decision.Refused refused) {
      if (book != null) book.refuse(aggregatorId, refused.reason());
      rejectNow(m, book != null ? book.auctionId() : "", refused.reason(), refused.detail(), now);
      return Effect().noReply();
    }
    if (book != null) {
      place(m, reputation, now);
      return Effect().noReply();
    }
    double lot = ((BidEvaluation.Decision.Eligible) decision).lotKwh();
    AuctionRules rules = state.rules();
    String auctionId = batteryId + "-a" + (state.auctionsOpened() + 1);
    AuctionOpened opened = new AuctionOpened(auctionId, EnergyKwh.ofDouble(lot),
        PriceCPerKwh.ofDouble(state.criteria().reservePriceCPerKwh()),
        rules.mechanism(), now, now.plus(rules.window()));
    // the opening bid is placed at the time it arrived, not when AuctionOpened is stored: the window runs from
    // `now`, so a journal write slower than the window (PostgreSQL under load) would otherwise find the auction
    // closed, reject the bid that opened it and end the auction NO_ACCEPTABLE_BID, two writes for nothing
    return persist(state, opened).thenRun(s -> {
      book = new AuctionBook(auctionId, batteryId, opened.lotKwh(), opened.reservePriceCPerKwh(), rules, now);
      scheduleClose(book);
      place(m, reputation, now);
    }).thenNoReply();
  }

  private void place(EtpMessage m, double reputation, Instant now) {
    AuctionBook.PlaceResult result =
        book.place(m.getSenderId(), m.getBidPriceCPerKwh(), m.getRequiredEnergyKwh(), reputation, now);
    if (result instanceof AuctionBook.PlaceResult.Rejected r) {
      audit(book.auctionId(), m, BidAudit.Decision.REJECTED, r.reason(), now);
    } else if (result instanceof AuctionBook.PlaceResult.Leading) {
      audit(book.auctionId(), m, BidAudit.Decision.LEADING, RejectReason.REJECT_REASON_UNSPECIFIED, now);
      scheduleClose(book);
    } else {
      audit(book.auctionId(), m, BidAudit.Decision.SEALED, RejectReason.REJECT_REASON_UNSPECIFIED, now);
    }
    replies.placed(m, book.auctionId(), result).forEach(deps.toAggregators()::send);
  }

  private void rejectNow(EtpMessage m, String auctionId, RejectReason reason, String detail, Instant now) {
    audit(auctionId, m, BidAudit.Decision.REJECTED, reason, now);
    deps.toAggregators().send(replies.rejected(m, auctionId, reason, detail));
  }

  private void audit(String auctionId, EtpMessage m, BidAudit.Decision decision, RejectReason reason, Instant now) {
    deps.audit().offer(new BidAudit(batteryId, auctionId, m.getSenderId(), m.getMessageId(), m.getBidPriceCPerKwh(),
        m.getRequiredEnergyKwh(), decision, reason, now));
  }

  private void scheduleClose(AuctionBook b) {
    Duration delay = Duration.between(clock.instant(), b.closesAt());
    timers.startSingleTimer("close", new CloseAuction(b.auctionId()), delay.isNegative() ? Duration.ZERO : delay);
  }

  // ---- closing, confirming, missing

  private ReplyEffect<Event, State> onCloseAuction(State state, CloseAuction cmd) {
    if (book == null || !book.auctionId().equals(cmd.auctionId())) return Effect().noReply();
    return progress(state, book.close(clock.instant()), List.of(), true);
  }

  private ReplyEffect<Event, State> onConfirmDeadline(State state, ConfirmDeadline cmd) {
    if (book == null || !book.auctionId().equals(cmd.auctionId())) return Effect().noReply();
    Optional<String> missed = book.awaitedWinner().map(LotBid::bidderId);
    AuctionBook.Progress p = book.confirmDeadlineMissed(cmd.award(), clock.instant());
    return progress(state, p, missed.map(id -> List.<Event>of(new ConfirmMissed(book.auctionId(), id, clock.instant())))
        .orElse(List.of()), false);
  }

  /** Persists and announces what the book decided. {@code before} are events to persist first (a miss). */
  private ReplyEffect<Event, State> progress(State state, AuctionBook.Progress p, List<Event> before, boolean firstAward) {
    if (p instanceof AuctionBook.Progress.Extended) {
      scheduleClose(book);
      return Effect().noReply();
    }
    if (p instanceof AuctionBook.Progress.Awarded a) {
      List<Event> events = new ArrayList<>(before);
      events.add(new WinnerChosen(book.auctionId(), a.winner().bidderId(), a.clearingPriceCPerKwh(),
          EnergyKwh.ofDouble(a.winner().energyKwh()), List.copyOf(book.bidders()), clock.instant()));
      AuctionBook awarded = book;
      return persist(state, events).thenRun(s -> announceAward(awarded, a, firstAward)).thenNoReply();
    }
    if (p instanceof AuctionBook.Progress.Ended e) {
      List<Event> events = new ArrayList<>(before);
      events.add(new AuctionEnded(e.outcome()));
      return persist(state, events).thenRun(s -> announceEnd(e.outcome())).thenNoReply();
    }
    if (!before.isEmpty()) return persist(state, before).thenNoReply();
    return Effect().noReply();
  }

  private void announceAward(AuctionBook b, AuctionBook.Progress.Awarded a, boolean firstAward) {
    Instant now = clock.instant();
    LotBid w = a.winner();
    deps.audit().offer(new BidAudit(batteryId, b.auctionId(), w.bidderId(), 0, w.priceCPerKwh(), w.energyKwh(),
        BidAudit.Decision.AWARDED, RejectReason.REJECT_REASON_UNSPECIFIED, now));
    if (firstAward) {
      a.others().forEach((bidder, reason) -> deps.audit().offer(
          new BidAudit(batteryId, b.auctionId(), bidder, 0, 0, 0, BidAudit.Decision.LOST, reason, now)));
    }
    replies.awarded(b.auctionId(), b.reservePriceCPerKwh(), a, firstAward).forEach(deps.toAggregators()::send);
    timers.startSingleTimer("confirm", new ConfirmDeadline(b.auctionId(), a.award()), b.rules().confirmDeadline());
  }

  private void announceEnd(AuctionOutcome outcome) {
    timers.cancel("close");
    timers.cancel("confirm");
    book = null;
    replies.ended(outcome).forEach(deps.toAggregators()::send);
    OUTCOMES.info(outcome.summary());
  }

  private ReplyEffect<Event, State> onBidConfirm(State state, EtpMessage m) {
    Instant now = clock.instant();
    if (book == null || !book.auctionId().equals(m.getNegotiationId())) {
      rejectNow(m, m.getNegotiationId(), RejectReason.REJECT_REASON_AUCTION_CLOSED, "not awaiting a confirm", now);
      return Effect().noReply();
    }
    boolean awaited = book.awaitedWinner().map(w -> w.bidderId().equals(m.getSenderId())).orElse(false);
    DeliveryPeriod period = DeliveryPeriod.nextAfter(now, deps.settings().storage().product());
    if (awaited) {
      // the schedule decides once more, for the period the trade is for now: the lot was sized when the auction
      // opened, and the next period may have begun since
      EnergyKwh energy = EnergyKwh.ofDouble(book.awaitedWinner().get().energyKwh());
      DeliverySchedule.CommitResult commit = energy.isZero() ? null : state.schedule().commit(
          new DeliverySchedule.Commitment(book.auctionId(), period, DeliverySchedule.Direction.DISCHARGE, energy),
          now);
      if (commit instanceof DeliverySchedule.CommitResult.Refused refused) {
        rejectNow(m, book.auctionId(), RejectReason.REJECT_REASON_ENERGY_UNAVAILABLE,
            "the schedule cannot deliver " + energy + " kWh in " + period + ": " + refused.detail(), now);
        AuctionOutcome cancelled = book.abort(TerminationCode.TERMINATION_CODE_CANCELLED, now);
        return persist(state, new AuctionEnded(cancelled)).thenRun(s -> announceEnd(cancelled)).thenNoReply();
      }
    }
    AuctionBook.ConfirmResult result = book.confirm(m.getSenderId(), now);
    if (result instanceof AuctionBook.ConfirmResult.Sold sold) {
      AuctionOutcome o = sold.outcome();
      audit(o.auctionId(), m, BidAudit.Decision.CONFIRMED, RejectReason.REJECT_REASON_UNSPECIFIED, now);
      return persist(state, List.<Event>of(
              new TradeConfirmed(o.auctionId(), m.getSenderId(), o.energyKwh(), o.clearingPriceCPerKwh(), now,
                  period),
              new AuctionEnded(o)))
          .thenRun(s -> {
            announceEnd(o);
            scheduleDelivery(s);
            // the energy moved: monitoring hears it now, not at the device's next BESSStatus
            deps.telemetry().tell(Topic.publish(asTwinReports(s, replies.status(telemetry(s)))));
          })
          .thenNoReply();
    }
    rejectNow(m, book.auctionId(), ((AuctionBook.ConfirmResult.NotAwaited) result).reason(),
        "not the awaited winner", now);
    return Effect().noReply();
  }

  // ---- delivery

  /**
   * Delivers every period that has ended: persisted as {@link Delivered}. A simulated battery (no device attached)
   * delivers by the simulated meter (each trade its committed energy); a device battery by its meter readings
   * ({@link MeteredDelivery}: a period waits for its reading until its end plus {@link StorageSettings#meterGrace},
   * then delivers 0). The event's {@code at} is the instant delivered up to, so replay delivers the same periods.
   */
  private ReplyEffect<Event, State> onDeliverDue(State state) {
    Instant now = clock.instant();
    DeliverySchedule schedule = state.schedule();
    Instant upTo = now;
    DeliverySchedule.Meter meter = DeliverySchedule.Meter.SIMULATED;
    if (device != null) {
      upTo = MeteredDelivery.deliverableUpTo(schedule, meterReadings, now, deps.settings().storage().meterGrace());
      meter = MeteredDelivery.meter(schedule, meterReadings);
    }
    DeliverySchedule.Delivered d = schedule.deliverDue(upTo, meter);
    if (d.deliveries().isEmpty()) {
      scheduleDelivery(state);
      return Effect().noReply();
    }
    d.deliveries().forEach(x -> meterReadings.remove(x.commitment().period()));
    return persist(state, new Delivered(d.deliveries(), upTo)).thenRun(s -> {
      scheduleDelivery(s);
      deps.telemetry().tell(Topic.publish(asTwinReports(s, replies.status(telemetry(s)))));
    }).thenNoReply();
  }

  /**
   * Starts the delivery timer for the end of the earliest pending period (a device battery: for a period that has
   * ended, the end of its meter grace), if any, or sooner: at most {@link StorageSettings#deliveryCheck} away (a
   * clock that jumps, a timer that was late).
   */
  private void scheduleDelivery(State state) {
    Instant now = clock.instant();
    Duration grace = device != null ? deps.settings().storage().meterGrace() : Duration.ZERO;
    state.schedule().pending().stream().map(c -> c.period().end())
        .map(end -> end.isAfter(now) ? end : end.plus(grace)).min(Instant::compareTo).ifPresentOrElse(due -> {
      Duration delay = Duration.between(now, due);
      Duration most = deps.settings().storage().deliveryCheck();
      timers.startSingleTimer("deliver", DeliverDue.INSTANCE,
          delay.isNegative() ? Duration.ZERO : delay.compareTo(most) > 0 ? most : delay);
    }, () -> timers.cancel("deliver"));
  }

  // ---- ending: Terminate, DeviceFailure, recovery

  private ReplyEffect<Event, State> onTerminate(State state, EtpMessage m) {
    Instant now = clock.instant();
    boolean fromOwner = m.getSenderId().equals(batteryId) || m.getSenderRole() == PeerRole.PEER_ROLE_GATEWAY;
    if (fromOwner && m.getNegotiationId().isEmpty()) {
      if (state.availability() == Availability.TERMINATED) return Effect().noReply();
      List<Event> events = new ArrayList<>();
      events.add(new Terminated(now));
      Optional<AuctionOutcome> ended = abortOpen(state, TerminationCode.TERMINATION_CODE_CANCELLED, now);
      ended.ifPresent(o -> events.add(new AuctionEnded(o)));
      return persist(state, events).thenRun(s -> {
        ended.ifPresent(this::announceEnd);
        deps.directory().tell(new BatteryDirectory.Withdraw(batteryId));
      }).thenNoReply();
    }
    if (book == null || !book.auctionId().equals(m.getNegotiationId())) return Effect().noReply();
    if (fromOwner) {
      // the owner or an operator (through the gateway) cancels this auction: it ends without a trade
      ctx.getLog().info("battery {} auction {} cancelled by {}: {}", batteryId, book.auctionId(), m.getSenderId(),
          m.getDetail());
      AuctionOutcome cancelled = book.abort(TerminationCode.TERMINATION_CODE_CANCELLED, now);
      return persist(state, new AuctionEnded(cancelled)).thenRun(s -> announceEnd(cancelled)).thenNoReply();
    }
    Optional<String> awaited = book.awaitedWinner().map(LotBid::bidderId);
    AuctionBook.Progress p = book.withdraw(m.getSenderId(), now);
    List<Event> before = awaited.filter(m.getSenderId()::equals)
        .map(id -> List.<Event>of(new ConfirmMissed(book.auctionId(), id, now))).orElse(List.of());
    if (p instanceof AuctionBook.Progress.Unchanged) return Effect().noReply();
    return progress(state, p, before, false);
  }

  private ReplyEffect<Event, State> onDeviceFailure(State state, String detail) {
    if (state.availability() == Availability.FAILED) return Effect().noReply();
    Instant now = clock.instant();
    List<Event> events = new ArrayList<>();
    events.add(new DeviceFailed(detail == null ? "" : detail, now));
    Optional<AuctionOutcome> ended = abortOpen(state, TerminationCode.TERMINATION_CODE_DEVICE_FAILURE, now);
    ended.ifPresent(o -> events.add(new AuctionEnded(o)));
    return persist(state, events).thenRun(s -> {
      ended.ifPresent(this::announceEnd);
      deps.directory().tell(new BatteryDirectory.Withdraw(batteryId));
    }).thenNoReply();
  }

  /** Ends the open auction (if any) without a trade. */
  private Optional<AuctionOutcome> abortOpen(State state, TerminationCode code, Instant now) {
    if (book != null) return Optional.of(book.abort(code, now));
    return state.openAuction().map(open -> new AuctionOutcome(open.auctionId(), batteryId, open.mechanism(),
        open.lotKwh(), open.reservePriceCPerKwh(), Optional.empty(), PriceCPerKwh.ZERO, EnergyKwh.ZERO,
        open.bidders(), 0, code, now));
  }

  private ReplyEffect<Event, State> onAbandonAuction(State state, AbandonAuction cmd) {
    if (book != null || state.openAuction().isEmpty()
        || !state.openAuction().get().auctionId().equals(cmd.auctionId())) {
      return Effect().noReply();
    }
    Optional<AuctionOutcome> ended = abortOpen(state, TerminationCode.TERMINATION_CODE_CANCELLED, clock.instant());
    return persist(state, new AuctionEnded(ended.get())).thenRun(s -> announceEnd(ended.get())).thenNoReply();
  }
}
