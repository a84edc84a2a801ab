package io.etp.fleet;

import io.etp.aggregator.Aggregator;
import io.etp.aggregator.StrategyKind;
import io.etp.aggregator.StrategyParams;
import io.etp.auction.AuctionRules;
import io.etp.auction.Envelopes;
import io.etp.auction.Mechanism;
import io.etp.battery.AcceptanceCriteria;
import io.etp.battery.Battery;
import io.etp.protocol.v1.BatteryHealth;
import io.etp.protocol.v1.EtpMessage;
import io.etp.protocol.v1.MessageType;
import io.etp.protocol.v1.PeerRole;
import io.etp.trading.TradingCore;
import java.time.Clock;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * A simulated fleet: registers N batteries (alternating ascending and sealed-bid auctions, reserve prices spread
 * around the prototype's 14 c/kWh) and M aggregators (strategies in turn: fixed increment, value-based, adaptive;
 * maximum prices spread across a range), then recharges every battery periodically so it re-offers its energy and
 * auctions keep running. All batteries register at once when the fleet starts; after that each re-offers once per
 * {@code reoffer-interval}, in turns spread over the interval ({@link ReofferSchedule}) unless
 * {@code reoffer-spread = off}. Each battery logs every auction outcome as one line on the
 * {@code io.etp.auction.outcomes} logger.
 */
public final class Fleet {

  /**
   * {@code RECHARGE}: the timer's message, one per tick of the {@link ReofferSchedule}. {@code STOP}: the node is
   * stopping; the fleet sends nothing more and stops (what it sent before is handled as usual).
   */
  public enum Command { RECHARGE, STOP }

  private Fleet() {}

  public static String batteryId(int i) { return "bess-" + i; }

  public static String aggregatorId(int j) { return "agg-" + j; }

  public static Behavior<Command> create(TradingCore core, FleetSettings settings, Clock clock) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
      var ignore = ctx.getSystem().ignoreRef();
      AcceptanceCriteria base = core.batterySettings().criteria();
      AuctionRules rules = core.batterySettings().auctionRules();
      for (int i = 1; i <= settings.batteries(); i++) {
        var battery = core.battery(batteryId(i));
        Mechanism mechanism = i % 2 == 0 ? Mechanism.SEALED_SECOND_PRICE : Mechanism.ASCENDING;
        battery.tell(new Battery.ChangeAuctionRules(rules.withMechanism(mechanism), ignore.narrow()));
        battery.tell(new Battery.ChangeCriteria(base.withReservePrice(13.0 + (i % 5) * 0.5), ignore.narrow()));
      }
      StrategyKind[] kinds = StrategyKind.values();
      StrategyParams params = core.aggregatorSettings().strategyParams();
      for (int j = 1; j <= settings.aggregators(); j++) {
        var aggregator = core.aggregator(aggregatorId(j));
        double share = settings.aggregators() == 1 ? 1.0 : (j - 1) / (double) (settings.aggregators() - 1);
        double max = settings.minMaxPriceCPerKwh() + share * (settings.maxMaxPriceCPerKwh() - settings.minMaxPriceCPerKwh());
        aggregator.tell(new Aggregator.ChangeStrategy(kinds[(j - 1) % kinds.length], params, ignore.narrow()));
        aggregator.tell(new Aggregator.SetTargets(settings.requirementKwh(), max, settings.budgetC(), ignore.narrow()));
      }
      for (int i = 1; i <= settings.batteries(); i++) {
        recharge(core, settings, clock, i);
      }
      ReofferSchedule schedule = settings.reofferSchedule();
      timers.startTimerWithFixedDelay("recharge", Command.RECHARGE, settings.reofferInterval(), schedule.tick());
      ctx.getLog().info("fleet started: {} batteries, {} aggregators; re-offers every {} in {} turns of {} ms",
          settings.batteries(), settings.aggregators(), settings.reofferInterval(), schedule.slots(),
          schedule.tick().toMillis());
      return reoffering(core, settings, clock, schedule, 0);
    }));
  }

  /** Waits for tick number {@code tick} of the schedule, re-offers the batteries due then, and waits for the next. */
  private static Behavior<Command> reoffering(TradingCore core, FleetSettings settings, Clock clock,
                                              ReofferSchedule schedule, long tick) {
    return Behaviors.receive(Command.class)
        .onMessageEquals(Command.RECHARGE, () -> {
          for (int i : schedule.batteriesAt(tick)) {
            recharge(core, settings, clock, i);
          }
          return reoffering(core, settings, clock, schedule, tick + 1);
        })
        .onMessageEquals(Command.STOP, Behaviors::stopped)
        .build();
  }

  /** Battery {@code i} registers (again) fully charged, a new offer of its energy, and reports its telemetry. */
  private static void recharge(TradingCore core, FleetSettings settings, Clock clock, int i) {
    String id = batteryId(i);
    Envelopes device = new Envelopes(id, PeerRole.PEER_ROLE_BATTERY, clock);
    core.toBattery(charged(device.to(id, MessageType.REGISTER, ""), settings)
        .setPercentageForSale(settings.percentageForSale())
        .build());
    // the device's telemetry after charging, as a real BESS reports it (published on the telemetry topic)
    core.toBattery(charged(device.to(id, MessageType.BESS_STATUS, ""), settings).build());
  }

  /** A fully charged, healthy battery's state on {@code message}. */
  private static EtpMessage.Builder charged(EtpMessage.Builder message, FleetSettings settings) {
    return message
        .setEnergyTotalKwh(settings.batteryCapacityKwh())
        .setRemainingEnergyKwh(settings.batteryCapacityKwh())
        .setBatteryHealth(BatteryHealth.BATTERY_HEALTH_GOOD)
        .setBatteryVoltageV(400.0)
        .setDischargeRateKw(0.0);
  }
}
