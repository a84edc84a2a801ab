package io.etp.trading;

import com.typesafe.config.Config;
import io.etp.aggregator.Aggregator;
import io.etp.aggregator.AggregatorSettings;
import io.etp.aggregator.PreTradeRisk;
import io.etp.aggregator.PriceSignal;
import io.etp.battery.Battery;
import io.etp.battery.BatteryDirectory;
import io.etp.battery.BatterySettings;
import io.etp.battery.BidAuditSink;
import io.etp.battery.InMemoryBidAuditSink;
import io.etp.protocol.v1.EtpMessage;
import io.etp.risk.InMemoryRiskAuditSink;
import io.etp.risk.RiskAuditSink;
import java.time.Clock;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.pubsub.Topic;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;

/**
 * Starts the trading core on a node: the battery directory, the telemetry topic, and the Battery and Aggregator
 * entity types in Cluster Sharding, wired to deliver ETP messages to each other by entity id. Main calls
 * {@link #init(ActorSystem, BidAuditSink, PriceSignal)} once per node.
 */
public final class TradingCore {

  private final ClusterSharding sharding;
  private final ActorRef<BatteryDirectory.Command> directory;
  private final ActorRef<Topic.Command<EtpMessage>> telemetry;
  private final BidAuditSink audit;
  private final BatterySettings batterySettings;
  private final AggregatorSettings aggregatorSettings;
  private final MessageTimings timings;
  private final RiskAuditSink riskAudit;

  private TradingCore(ClusterSharding sharding, ActorRef<BatteryDirectory.Command> directory,
      ActorRef<Topic.Command<EtpMessage>> telemetry, BidAuditSink audit, BatterySettings batterySettings,
      AggregatorSettings aggregatorSettings, MessageTimings timings, RiskAuditSink riskAudit) {
    this.timings = timings;
    this.riskAudit = riskAudit;
    this.sharding = sharding;
    this.directory = directory;
    this.telemetry = telemetry;
    this.audit = audit;
    this.batterySettings = batterySettings;
    this.aggregatorSettings = aggregatorSettings;
  }

  /** Settings from {@code etp}, the in-memory audit sink, and the configured price signal. */
  public static TradingCore init(ActorSystem<?> system) {
    Config etp = system.settings().config().getConfig("etp");
    BatterySettings b = BatterySettings.fromConfig(etp);
    AggregatorSettings a = AggregatorSettings.fromConfig(etp);
    return init(system, new InMemoryBidAuditSink(b.auditBufferSize()), a.priceSignal());
  }

  /**
   * @param audit where batteries hand their bid audit records (the persistence module's batched JDBC sink)
   * @param priceSignal what aggregators expect energy to be worth
   */
  public static TradingCore init(ActorSystem<?> system, BidAuditSink audit, PriceSignal priceSignal) {
    return init(system, audit, priceSignal, new InMemoryRiskAuditSink());
  }

  /**
   * @param riskAudit where the aggregators' pre-trade risk rejections go ({@code etp.aggregator.risk} limits)
   */
  public static TradingCore init(ActorSystem<?> system, BidAuditSink audit, PriceSignal priceSignal,
      RiskAuditSink riskAudit) {
    Config etp = system.settings().config().getConfig("etp");
    return init(system, BatterySettings.fromConfig(etp), AggregatorSettings.fromConfig(etp), audit, priceSignal,
        riskAudit, Clock.systemUTC());
  }

  public static TradingCore init(ActorSystem<?> system, BatterySettings batterySettings,
      AggregatorSettings aggregatorSettings, BidAuditSink audit, PriceSignal priceSignal, Clock clock) {
    return init(system, batterySettings, aggregatorSettings, audit, priceSignal, new InMemoryRiskAuditSink(), clock);
  }

  public static TradingCore init(ActorSystem<?> system, BatterySettings batterySettings,
      AggregatorSettings aggregatorSettings, BidAuditSink audit, PriceSignal priceSignal, RiskAuditSink riskAudit,
      Clock clock) {
    PreTradeRisk risk = PreTradeRisk.fromConfig(system.settings().config().getConfig("etp"), riskAudit, clock);
    ClusterSharding sharding = ClusterSharding.get(system);
    ActorRef<BatteryDirectory.Command> directory =
        system.systemActorOf(BatteryDirectory.create(), "etp-battery-directory", Props.empty());
    ActorRef<Topic.Command<EtpMessage>> telemetry = system.systemActorOf(
        Topic.create(EtpMessage.class, Battery.TELEMETRY_TOPIC), "etp-battery-telemetry-topic", Props.empty());
    MessageTimings timings = new MessageTimings(clock);
    Battery.init(sharding, new Battery.Dependencies(batterySettings, clock, Aggregator.outbox(sharding), audit,
        directory, telemetry), timings);
    Aggregator.init(sharding, new Aggregator.Dependencies(aggregatorSettings, clock, Battery.outbox(sharding),
        directory, priceSignal, Optional.of(risk)), system, timings);
    return new TradingCore(sharding, directory, telemetry, audit, batterySettings, aggregatorSettings, timings,
        riskAudit);
  }

  public EntityRef<Battery.Command> battery(String batteryId) {
    return sharding.entityRefFor(Battery.ENTITY_KEY, batteryId);
  }

  public EntityRef<Aggregator.Command> aggregator(String aggregatorId) {
    return sharding.entityRefFor(Aggregator.ENTITY_KEY, aggregatorId);
  }

  /** Delivers an ETP message from the edge to the battery twin named in its {@code recipient_id}. */
  public void toBattery(EtpMessage message) {
    battery(message.getRecipientId()).tell(new Battery.ReceiveEtp(message));
  }

  /** Delivers an ETP message from the edge to the aggregator twin named in its {@code recipient_id}. */
  public void toAggregator(EtpMessage message) {
    aggregator(message.getRecipientId()).tell(new Aggregator.ReceiveEtp(message));
  }

  public ActorRef<BatteryDirectory.Command> directory() { return directory; }

  /** Subscribe with {@code Topic.subscribe(ref)} to receive every battery's BESSStatus. */
  public ActorRef<Topic.Command<EtpMessage>> telemetry() { return telemetry; }

  public BidAuditSink audit() { return audit; }

  /** Where the aggregators' pre-trade risk rejections are recorded. */
  public RiskAuditSink riskAudit() { return riskAudit; }

  /** Send-to-handling latency of every ETP message delivered to this node's twins, per type. */
  public MessageTimings timings() { return timings; }

  public BatterySettings batterySettings() { return batterySettings; }

  public AggregatorSettings aggregatorSettings() { return aggregatorSettings; }
}
