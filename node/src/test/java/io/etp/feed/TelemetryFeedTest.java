package io.etp.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.etp.auction.Envelopes;
import io.etp.live.LiveEvent;
import io.etp.live.LiveEventType;
import io.etp.protocol.v1.BatteryHealth;
import io.etp.protocol.v1.EtpMessage;
import io.etp.protocol.v1.MessageType;
import io.etp.protocol.v1.PeerRole;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.pubsub.Topic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TelemetryFeedTest {

  private final ActorTestKit testKit = ActorTestKit.create();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T03:00:00Z"));

  @AfterAll
  void stop() {
    testKit.shutdownTestKit();
  }

  @Test
  void publishesTelemetryAsBatteryStatusAtMostOncePerIntervalPerBattery() throws Exception {
    BlockingQueue<LiveEvent> published = new LinkedBlockingQueue<>();
    ActorRef<Topic.Command<EtpMessage>> topic = testKit.spawn(Topic.create(EtpMessage.class, "telemetry-test"));
    testKit.spawn(TelemetryFeed.create(topic, e -> published.add(e), Duration.ofSeconds(1), clock));
    awaitSubscriber(topic);
    java.util.function.Consumer<EtpMessage> feed = m -> topic.tell(Topic.publish(m));

    feed.accept(status("bess-1", 10.0, -2.5));
    LiveEvent first = published.poll(5, TimeUnit.SECONDS);
    assertEquals(LiveEventType.BATTERY_STATUS, first.type());
    assertEquals("bess-1", first.batteryId());
    assertEquals(new java.math.BigDecimal("10.000"), first.payload().energyKwh());
    assertEquals(new java.math.BigDecimal("13.500"), first.payload().capacityKwh());
    assertEquals("GOOD", first.payload().health());
    assertEquals(395.0, first.payload().voltageV());
    assertEquals(-2.5, first.payload().dischargeRateKw());
    assertEquals("CHARGING", first.payload().status());

    feed.accept(status("bess-1", 10.5, -2.5)); // within the interval: skipped
    feed.accept(status("bess-2", 7.0, 3.0));   // another battery: published
    LiveEvent other = published.poll(5, TimeUnit.SECONDS);
    assertEquals("bess-2", other.batteryId());
    assertEquals("DISCHARGING", other.payload().status());

    clock.advance(Duration.ofMillis(1001));
    feed.accept(status("bess-1", 11.0, 0.0));
    LiveEvent later = published.poll(5, TimeUnit.SECONDS);
    assertEquals("bess-1", later.batteryId());
    assertEquals(new java.math.BigDecimal("11.000"), later.payload().energyKwh());
    assertEquals("IDLE", later.payload().status());
    assertNull(published.poll(200, TimeUnit.MILLISECONDS), "the skipped update stays skipped");
  }

  private void awaitSubscriber(ActorRef<Topic.Command<EtpMessage>> topic) {
    TestProbe<Topic.TopicStats> stats = testKit.createTestProbe();
    stats.awaitAssert(Duration.ofSeconds(10), () -> {
      topic.tell(Topic.getTopicStats(stats.ref()));
      assertEquals(1, stats.receiveMessage().localSubscriberCount());
      return null;
    });
  }

  private EtpMessage status(String batteryId, double remainingKwh, double dischargeKw) {
    return new Envelopes(batteryId, PeerRole.PEER_ROLE_BATTERY, clock).to(batteryId, MessageType.BESS_STATUS, "")
        .setEnergyTotalKwh(13.5).setRemainingEnergyKwh(remainingKwh).setBatteryHealth(BatteryHealth.BATTERY_HEALTH_GOOD)
        .setBatteryVoltageV(395.0).setDischargeRateKw(dischargeKw).build();
  }

  private static final class MutableClock extends Clock {
    private volatile Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
