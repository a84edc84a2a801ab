package io.etp.fleet;

import io.etp.aggregator.Aggregator;
import io.etp.aggregator.StrategyKind;
import io.etp.aggregator.StrategyParams;
import io.etp.auction.AuctionRules;
import io.etp.auction.Envelopes;
import io.etp.auction.Mechanism;
import io.etp.battery.AcceptanceCriteria;
import io.etp.battery.Battery;
import io.etp.money.EnergyKwh;
import io.etp.protocol.v1.BatteryHealth;
import io.etp.protocol.v1.EtpMessage;
import io.etp.protocol.v1.MessageType;
import io.etp.protocol.v1.PeerRole;
import io.etp.trading.TradingCore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * A simulated fleet: registers N batteries (alternating ascending and sealed-bid auctions, reserve prices spread
 * around the prototype's 14 c/kWh) and M aggregators (strategies in turn: fixed increment, value-based, adaptive;
 * maximum prices spread across a range), then has every battery re-offer periodically so auctions keep running: before
 * each re-offer it asks the battery's twin what it holds and lets {@link SimulatedBatteryPlan} decide what the battery
 * charges and offers at that hour of its simulated day ({@link FleetSettings#simulatedHourOfDay}). Each battery offers once per {@code reoffer-interval}, the first round included, in turns
 * spread over the interval ({@link ReofferSchedule}) unless {@code reoffer-spread = off} (then all at once). Each battery logs every auction outcome as one line on the
 * {@code io.etp.auction.outcomes} logger.
 *
 * <p>Trading starts only once the twins have recovered. On a restart every twin replays its journal when it is
 * first addressed; an aggregator that is up bids at once on every battery that has announced itself, so auctions
 * (and their 500 ms confirm deadlines) would run while the other twins' replays hold the journal and the CPU. So
 * the fleet first wakes every battery and waits for each to answer (a twin answers only after its recovery),
 * then wakes the aggregators, which are the ones that start negotiations, the same way; only then does it send
 * the settings that differ from the recovered ones and the first offers. A twin that does not answer within
 * {@code recovery-timeout} is logged and not waited for any longer.
 */
public final class Fleet {

  public sealed interface Command {}

  /** The timer's message: one per tick of the {@link ReofferSchedule}. */
  public enum Recharge implements Command { INSTANCE }

  /** The node is stopping: the fleet sends nothing more and stops (what it sent before is handled as usual). */
  public enum Stop implements Command { INSTANCE }

  /** A battery answered (its twin has recovered), or did not in time ({@code status} empty). */
  private record BatteryRecovered(int i, Optional<Battery.BatteryStatus> status) implements Command {}

  /** Battery {@code i}'s twin answered before its re-offer, or did not in time ({@code status} empty). */
  private record StatusForReoffer(int i, Optional<Battery.BatteryStatus> status) implements Command {}

  /** An aggregator answered (its twin has recovered), or did not in time ({@code status} empty). */
  private record AggregatorRecovered(int j, Optional<Aggregator.AggregatorStatus> status) implements Command {}

  private static final org.slf4j.Logger PLAN_LOG = org.slf4j.LoggerFactory.getLogger("io.etp.fleet.plan");

  private static final org.slf4j.Logger DR_LOG = org.slf4j.LoggerFactory.getLogger("io.etp.fleet.demand-response");

  private Fleet() {}

  public static String batteryId(int i) { return "bess-" + i; }

  public static String aggregatorId(int j) { return "agg-" + j; }

  public static Behavior<Command> create(TradingCore core, FleetSettings settings, Clock clock) {
    return create(core, settings, clock, FleetDemandResponse.NONE);
  }

  /**
   * As {@link #create(TradingCore, FleetSettings, Clock)}, with demand-response events: the fleet consumes
   * {@code dr}'s events (a cluster singleton, so once per cluster) and each offer takes them into account
   * ({@link DemandResponseOffers}).
   */
  public static Behavior<Command> create(TradingCore core, FleetSettings settings, Clock clock,
      FleetDemandResponse dr) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
      AtomicReference<DemandResponseOffers> offers = dr.start(ctx);
      Instant wakingSince = clock.instant();
      ctx.getLog().info("fleet waking {} batteries and {} aggregators: trading starts when they have recovered",
          settings.batteries(), settings.aggregators());
      for (int i = 1; i <= settings.batteries(); i++) {
        int n = i;
        ctx.ask(Battery.BatteryStatus.class, core.battery(batteryId(i)), settings.recoveryTimeout(),
            Battery.GetStatus::new, (status, failure) -> new BatteryRecovered(n, Optional.ofNullable(status)));
      }
      return settings.batteries() == 0
          ? wakeAggregators(core, settings, clock, timers, wakingSince, new Recovery(settings, offers))
          : recovering(core, settings, clock, timers, wakingSince, new Recovery(settings, offers));
    }));
  }

  /** What the fleet learnt from its twins while they recovered: each one's recovered status, if it answered. */
  private static final class Recovery {
    final Battery.BatteryStatus[] batteries;
    final Aggregator.AggregatorStatus[] aggregators;
    int batteriesAnswered;
    int aggregatorsAnswered;
    int silent;
    /** The demand-response events known, updated by their feed (an immutable value swapped atomically). */
    final AtomicReference<DemandResponseOffers> offers;

    Recovery(FleetSettings settings, AtomicReference<DemandResponseOffers> offers) {
      this.offers = offers;
      batteries = new Battery.BatteryStatus[settings.batteries() + 1];
      aggregators = new Aggregator.AggregatorStatus[settings.aggregators() + 1];
    }
  }

  /** Waits until every battery has answered (recovered) or timed out, then wakes the aggregators. */
  private static Behavior<Command> recovering(TradingCore core, FleetSettings settings, Clock clock,
      TimerScheduler<Command> timers, Instant wakingSince, Recovery recovery) {
    return Behaviors.setup(ctx -> Behaviors.receive(Command.class)
        .onMessage(BatteryRecovered.class, m -> {
          recovery.batteriesAnswered++;
          m.status().ifPresentOrElse(s -> recovery.batteries[m.i()] = s, () -> {
            recovery.silent++;
            ctx.getLog().warn("battery {} did not answer within {}: not waiting for it", batteryId(m.i()),
                settings.recoveryTimeout());
          });
          if (recovery.batteriesAnswered < settings.batteries()) return Behaviors.same();
          return wakeAggregators(core, settings, clock, timers, wakingSince, recovery);
        })
        .onMessageEquals(Stop.INSTANCE, Behaviors::stopped)
        .build());
  }

  private static Behavior<Command> wakeAggregators(TradingCore core, FleetSettings settings, Clock clock,
      TimerScheduler<Command> timers, Instant wakingSince, Recovery recovery) {
    return Behaviors.setup(ctx -> {
      for (int j = 1; j <= settings.aggregators(); j++) {
        int n = j;
        ctx.ask(Aggregator.AggregatorStatus.class, core.aggregator(aggregatorId(j)), settings.recoveryTimeout(),
            Aggregator.GetStatus::new, (status, failure) -> new AggregatorRecovered(n, Optional.ofNullable(status)));
      }
      if (settings.aggregators() == 0) return start(core, settings, clock, timers, wakingSince, recovery, ctx);
      return Behaviors.receive(Command.class)
          .onMessage(AggregatorRecovered.class, m -> {
            recovery.aggregatorsAnswered++;
            m.status().ifPresentOrElse(s -> recovery.aggregators[m.j()] = s, () -> {
              recovery.silent++;
              ctx.getLog().warn("aggregator {} did not answer within {}: not waiting for it", aggregatorId(m.j()),
                  settings.recoveryTimeout());
            });
            if (recovery.aggregatorsAnswered < settings.aggregators()) return Behaviors.same();
            return start(core, settings, clock, timers, wakingSince, recovery, ctx);
          })
          .onMessageEquals(Stop.INSTANCE, Behaviors::stopped)
          .build();
    });
  }

  /** Every twin has recovered: sends the settings that differ from the recovered ones, the first offers, the timer. */
  private static Behavior<Command> start(TradingCore core, FleetSettings settings, Clock clock,
      TimerScheduler<Command> timers, Instant wakingSince, Recovery recovery, ActorContext<Command> ctx) {
    var ignore = ctx.getSystem().ignoreRef();
    AcceptanceCriteria base = core.batterySettings().criteria();
    AuctionRules rules = core.batterySettings().auctionRules();
    for (int i = 1; i <= settings.batteries(); i++) {
      var battery = core.battery(batteryId(i));
      Optional<Battery.State> recovered = Optional.ofNullable(recovery.batteries[i]).map(Battery.BatteryStatus::state);
      Mechanism mechanism = i % 2 == 0 ? Mechanism.SEALED_SECOND_PRICE : Mechanism.ASCENDING;
      AuctionRules wanted = rules.withMechanism(mechanism);
      if (!recovered.map(s -> s.rules().equals(wanted)).orElse(false)) {
        battery.tell(new Battery.ChangeAuctionRules(wanted, ignore.narrow()));
      }
      AcceptanceCriteria criteria = base.withReservePrice(13.0 + (i % 5) * 0.5);
      if (!recovered.map(s -> s.criteria().equals(criteria)).orElse(false)) {
        battery.tell(new Battery.ChangeCriteria(criteria, ignore.narrow()));
      }
    }
    StrategyKind[] kinds = StrategyKind.values();
    StrategyParams params = core.aggregatorSettings().strategyParams();
    for (int j = 1; j <= settings.aggregators(); j++) {
      var aggregator = core.aggregator(aggregatorId(j));
      Optional<Aggregator.State> recovered =
          Optional.ofNullable(recovery.aggregators[j]).map(Aggregator.AggregatorStatus::state);
      double share = settings.aggregators() == 1 ? 1.0 : (j - 1) / (double) (settings.aggregators() - 1);
      double max = settings.minMaxPriceCPerKwh() + share * (settings.maxMaxPriceCPerKwh() - settings.minMaxPriceCPerKwh());
      StrategyKind kind = kinds[(j - 1) % kinds.length];
      if (!recovered.map(s -> s.strategy() == kind && s.strategyParams().equals(params)).orElse(false)) {
        aggregator.tell(new Aggregator.ChangeStrategy(kind, params, ignore.narrow()));
      }
      if (!recovered.map(s -> s.configured() && s.requirementKwh() == settings.requirementKwh()
          && s.maxPriceCPerKwh() == max && s.budgetC() == settings.budgetC()).orElse(false)) {
        aggregator.tell(new Aggregator.SetTargets(settings.requirementKwh(), max, settings.budgetC(), ignore.narrow()));
      }
    }
    // The first offers take turns like every later round: tick 0 now, then one slot per tick. All at once (as before)
    // 50 batteries opened 50 auctions in the same instant on a JVM that had just started or recovered, and their
    // 500 ms confirm deadlines expired while it caught up (docs/benchmarks.md, "Restart").
    ReofferSchedule schedule = settings.reofferSchedule();
    Plans plans = new Plans(core, settings, clock.instant());
    for (int i : schedule.batteriesAt(0)) {
      recharge(core, settings, clock, i, recovery.offers.get(), plans, Optional.ofNullable(recovery.batteries[i]));
    }
    timers.startTimerWithFixedDelay("recharge", Recharge.INSTANCE, schedule.tick(), schedule.tick());
    ctx.getLog().info("fleet started: {} batteries, {} aggregators ({} did not answer), recovered in {} ms; "
            + "offers every {} in {} turns of {} ms, the first round too", settings.batteries(), settings.aggregators(),
        recovery.silent, Duration.between(wakingSince, clock.instant()).toMillis(), settings.reofferInterval(),
        schedule.slots(), schedule.tick().toMillis());
    return reoffering(core, settings, clock, schedule, 1, recovery.offers, plans);
  }

  /** Waits for tick number {@code tick} of the schedule, re-offers the batteries due then, and waits for the next. */
  private static Behavior<Command> reoffering(TradingCore core, FleetSettings settings, Clock clock,
      ReofferSchedule schedule, long tick, AtomicReference<DemandResponseOffers> offers, Plans plans) {
    return Behaviors.setup(ctx -> Behaviors.receive(Command.class)
        .onMessageEquals(Recharge.INSTANCE, () -> {
          // each battery due asks its twin what it has sold since (its schedule), then re-offers by its plan
          Duration timeout = schedule.tick().compareTo(STATUS_TIMEOUT) < 0 ? STATUS_TIMEOUT : schedule.tick();
          for (int i : schedule.batteriesAt(tick)) {
            int n = i;
            ctx.ask(Battery.BatteryStatus.class, core.battery(batteryId(i)), timeout, Battery.GetStatus::new,
                (status, failure) -> new StatusForReoffer(n, Optional.ofNullable(status)));
          }
          return reoffering(core, settings, clock, schedule, tick + 1, offers, plans);
        })
        .onMessage(StatusForReoffer.class, m -> {
          if (m.status().isEmpty()) {
            ctx.getLog().warn("battery {} did not answer before its re-offer: it re-offers as if fully charged",
                batteryId(m.i()));
          }
          DemandResponseOffers dr = offers.updateAndGet(d -> d.withoutEndedBefore(clock.instant()));
          recharge(core, settings, clock, m.i(), dr, plans, m.status());
          return Behaviors.same();
        })
        .onMessageEquals(Stop.INSTANCE, Behaviors::stopped)
        .build());
  }

  /** The longest a battery's twin is waited for before its re-offer (at least; a slower schedule waits a tick). */
  private static final Duration STATUS_TIMEOUT = Duration.ofSeconds(5);

  /** Every battery's {@link SimulatedBatteryPlan} and the simulated clock they run on. */
  private static final class Plans {
    final SimulatedBatteryPlan plan;
    final Instant start;
    final io.etp.battery.StorageLimits limits;

    Plans(TradingCore core, FleetSettings settings, Instant start) {
      this.start = start;
      this.limits = core.batterySettings().storage().limitsFor(charged(settings));
      this.plan = new SimulatedBatteryPlan(limits, SimulatedBatteryPlan.defaultPricesCPerKwh(),
          settings.simulatedTimePerReoffer(), SimulatedBatteryPlan.Rule.DEFAULT);
    }
  }

  /** The spec of a fully charged battery of the fleet's capacity. */
  private static io.etp.battery.BatterySpec charged(FleetSettings settings) {
    return new io.etp.battery.BatterySpec(settings.batteryCapacityKwh(), settings.batteryCapacityKwh(),
        settings.percentageForSale(), BatteryHealth.BATTERY_HEALTH_GOOD, 400.0, 0.0);
  }

  /**
   * Battery {@code i} registers (again) with the energy it has now, a new offer of its energy, and reports its
   * telemetry. What it has and offers comes from its {@link SimulatedBatteryPlan} at the hour of its simulated day:
   * its twin's measured energy once the trades of the periods ended by now are delivered (a simulated battery
   * delivers what it committed), plus what it charges now; it offers what the plan leaves above the reserve, at
   * most {@code percentage-for-sale} of it, of which a demand-response event of its area may leave only a share
   * ({@link DemandResponseOffers}). A twin never registered (or that did not answer) counts as fully charged.
   */
  private static void recharge(TradingCore core, FleetSettings settings, Clock clock, int i, DemandResponseOffers dr,
      Plans plans, Optional<Battery.BatteryStatus> status) {
    String id = batteryId(i);
    Instant now = clock.instant();
    Envelopes device = new Envelopes(id, PeerRole.PEER_ROLE_BATTERY, clock);
    SimulatedBatteryPlan.Reading reading = status.map(Battery.BatteryStatus::state)
        .filter(s -> s.availability() != io.etp.battery.Availability.UNREGISTERED)
        .map(s -> SimulatedBatteryPlan.Reading.of(s.schedule(), plans.limits, now))
        .orElseGet(() -> SimulatedBatteryPlan.Reading.full(plans.limits));
    EnergyKwh measured = reading.measuredKwh();
    EnergyKwh committed = reading.committedKwh();
    int hour = settings.simulatedHourOfDay(i, plans.start, now);
    SimulatedBatteryPlan.Decision decision = plans.plan.decide(hour, measured, committed);
    EnergyKwh afterKwh = decision.energyKwh().minus(committed);
    double percentage = Math.min(settings.percentageForSale(), decision.percentageForSale(afterKwh));
    PLAN_LOG.debug("{} at simulated hour {} ({}): measured {} kWh, sold not delivered {} kWh, charges {} kWh "
        + "(stores {}), registers {} kWh, reserve {} kWh, offers {} %", id,
        hour, decision.hour(), measured, committed, decision.chargedKwh(),
        decision.storedKwh(), decision.energyKwh(), decision.reserveKwh(), percentage);
    DemandResponseOffers.Offer offer = dr.offer(id, percentage, now);
    if (offer.level() > 0) {
      DR_LOG.debug("{} offers {} % instead of {} %: demand-response event {} at level {}", id,
          offer.percentageForSale(), percentage, offer.eventId().orElse("?"), offer.level());
    }
    double energyKwh = decision.energyKwh().toDouble();
    core.toBattery(device(device.to(id, MessageType.REGISTER, ""), settings, energyKwh)
        .setPercentageForSale(offer.percentageForSale())
        .build());
    // the device's telemetry after charging, as a real BESS reports it (published on the telemetry topic)
    core.toBattery(device(device.to(id, MessageType.BESS_STATUS, ""), settings, energyKwh).build());
  }

  /** A healthy battery's state on {@code message}, holding {@code energyKwh}. */
  private static EtpMessage.Builder device(EtpMessage.Builder message, FleetSettings settings, double energyKwh) {
    return message
        .setEnergyTotalKwh(settings.batteryCapacityKwh())
        .setRemainingEnergyKwh(energyKwh)
        .setBatteryHealth(BatteryHealth.BATTERY_HEALTH_GOOD)
        .setBatteryVoltageV(400.0)
        .setDischargeRateKw(0.0);
  }
}
