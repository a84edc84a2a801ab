package io.etp.feed;

import io.etp.live.LiveEvent;
import io.etp.live.LiveEventPublisher;
import io.etp.live.LiveEventType;
import io.etp.protocol.v1.BatteryHealth;
import io.etp.protocol.v1.EtpMessage;
import io.etp.protocol.v1.MessageType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.pubsub.Topic;

/**
 * Battery telemetry on the live stream: subscribes to the twins' telemetry topic and publishes each BESSStatus as a
 * BATTERY_STATUS (energy stored, capacity, device health, voltage, discharge rate, and a status derived from the
 * discharge rate). Telemetry is not persisted, so it is the one live event that does not come from the journal. At
 * most one event per battery per {@code minInterval}; updates in between are skipped (the next one carries the news).
 */
public final class TelemetryFeed {

  private TelemetryFeed() {}

  public static Behavior<EtpMessage> create(ActorRef<Topic.Command<EtpMessage>> telemetry,
      LiveEventPublisher publisher, Duration minInterval, Clock clock) {
    return Behaviors.setup(ctx -> {
      telemetry.tell(Topic.subscribe(ctx.getSelf()));
      Map<String, Instant> lastPublished = new HashMap<>();
      return Behaviors.receiveMessage(m -> {
        if (m.getMessageType() != MessageType.BESS_STATUS) {
          return Behaviors.same();
        }
        String batteryId = m.getSenderId();
        Instant now = clock.instant();
        Instant last = lastPublished.get(batteryId);
        if (last != null && Duration.between(last, now).compareTo(minInterval) < 0) {
          return Behaviors.same();
        }
        lastPublished.put(batteryId, now);
        publisher.publish(LiveEvent.of(LiveEventType.BATTERY_STATUS,
            m.getSentAtMs() > 0 ? Instant.ofEpochMilli(m.getSentAtMs()) : now, batteryId, null, null, payload(m)));
        return Behaviors.same();
      });
    });
  }

  static LiveEvent.Payload payload(EtpMessage m) {
    LiveEvent.Payload p = LiveEvent.Payload.EMPTY;
    if (m.hasRemainingEnergyKwh()) p = p.withEnergy(m.getRemainingEnergyKwh());
    if (m.hasEnergyTotalKwh()) p = p.withCapacity(m.getEnergyTotalKwh());
    if (m.hasBatteryHealth()) p = p.withDeviceHealth(healthName(m.getBatteryHealth()));
    if (m.hasBatteryVoltageV()) p = p.withVoltage(m.getBatteryVoltageV());
    if (m.hasDischargeRateKw()) {
      double rate = m.getDischargeRateKw();
      p = p.withDischargeRate(rate).withStatus(rate > 0 ? "DISCHARGING" : rate < 0 ? "CHARGING" : "IDLE");
    }
    return p;
  }

  /** GOOD, DEGRADED, CRITICAL, FAILED (UNSPECIFIED when the device did not say). */
  static String healthName(BatteryHealth health) {
    return io.etp.view.ViewEvents.healthName(health);
  }
}
