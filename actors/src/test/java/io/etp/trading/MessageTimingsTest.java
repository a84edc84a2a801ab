package io.etp.trading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.etp.battery.Battery;
import io.etp.protocol.v1.EtpMessage;
import io.etp.protocol.v1.MessageType;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.BehaviorTestKit;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.Test;

class MessageTimingsTest {

  private static final Clock NOW = Clock.fixed(Instant.ofEpochMilli(10_000), ZoneOffset.UTC);

  private static EtpMessage sent(MessageType type, long sentAtMs) {
    return EtpMessage.newBuilder().setMessageType(type).setSentAtMs(sentAtMs).build();
  }

  @Test
  void recordsSendToHandlingLatencyPerMessageType() {
    MessageTimings timings = new MessageTimings(NOW);
    timings.record(sent(MessageType.QUERY, 9_990));
    timings.record(sent(MessageType.QUERY, 9_970));
    timings.record(sent(MessageType.BID, 9_000));

    var snapshot = timings.snapshot();
    assertEquals(2, snapshot.get(MessageType.QUERY).count());
    assertEquals(30, snapshot.get(MessageType.QUERY).maxMs());
    assertEquals(1, snapshot.get(MessageType.BID).count());
    assertEquals(1000, snapshot.get(MessageType.BID).p99Ms());
    assertFalse(snapshot.containsKey(MessageType.REGISTER), "types never seen are left out");
  }

  @Test
  void countsMessagesThatArrivePastTheirTypesDeadline() {
    MessageTimings timings = new MessageTimings(NOW);
    timings.record(sent(MessageType.DEVICE_FAILURE, 10_000 - 250)); // deadline 200 ms
    timings.record(sent(MessageType.QUERY, 10_000 - 400)); // deadline 500 ms

    assertEquals(1, timings.snapshot().get(MessageType.DEVICE_FAILURE).late());
    assertEquals(0, timings.snapshot().get(MessageType.QUERY).late());
  }

  /** A clock tests move forward by hand. */
  private static final class ManualClock extends Clock {
    private long millis;

    ManualClock(long millis) {
      this.millis = millis;
    }

    void advance(java.time.Duration by) {
      millis += by.toMillis();
    }

    @Override
    public long millis() {
      return millis;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis);
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  @Test
  void p99OverAWindowForgetsLatenciesOlderThanTheWindowWhileTheTotalsKeepThem() {
    ManualClock clock = new ManualClock(1_000_000);
    MessageTimings timings = new MessageTimings(clock);
    timings.retainFor(java.time.Duration.ofMinutes(5)); // slices of 30 s
    for (int i = 0; i < 100; i++) {
      timings.record(sent(MessageType.BID, clock.millis() - 2_000)); // a slow spell: 2 s
    }
    timings.snapshot();
    assertEquals(2_000, timings.p99Within(java.time.Duration.ofMinutes(5)).get(MessageType.BID), 20);

    clock.advance(java.time.Duration.ofMinutes(3));
    for (int i = 0; i < 100; i++) {
      timings.record(sent(MessageType.BID, clock.millis() - 40));
    }
    timings.snapshot();
    assertEquals(2_000, timings.p99Within(java.time.Duration.ofMinutes(5)).get(MessageType.BID), 20,
        "the slow spell is still within the last 5 minutes");
    assertEquals(40, timings.p99Within(java.time.Duration.ofMinutes(1)).get(MessageType.BID), 1,
        "the last minute saw only fast messages");

    clock.advance(java.time.Duration.ofMinutes(3));
    timings.snapshot();
    assertEquals(40, timings.p99Within(java.time.Duration.ofMinutes(5)).get(MessageType.BID), 1,
        "six minutes on, the slow spell has left the window");
    assertEquals(2_000, timings.snapshot().get(MessageType.BID).p99Ms(), 20, "the since-start p99 still has it");

    clock.advance(java.time.Duration.ofMinutes(6));
    timings.snapshot();
    assertFalse(timings.p99Within(java.time.Duration.ofMinutes(5)).containsKey(MessageType.BID),
        "no BID in the window: no figure");
  }

  @Test
  void aClockAheadOfTheReceiverCountsAsZeroNotNegative() {
    MessageTimings timings = new MessageTimings(NOW);
    timings.record(sent(MessageType.BID_ACCEPT, 12_000));
    assertEquals(0, timings.snapshot().get(MessageType.BID_ACCEPT).maxMs());
  }

  @Test
  void observedEntityHandlesEveryMessageAndOnlyEtpOnesAreTimed() {
    MessageTimings timings = new MessageTimings(NOW);
    List<Object> handled = new ArrayList<>();
    Behavior<Battery.Command> entity = Behaviors.receiveMessage(m -> {
      handled.add(m);
      return Behaviors.same();
    });
    BehaviorTestKit<Battery.Command> kit =
        BehaviorTestKit.create(timings.observe(entity, Battery.ReceiveEtp.class, Battery.ReceiveEtp::message));

    kit.run(new Battery.ReceiveEtp(sent(MessageType.BID_CONFIRM, 9_995)));
    kit.run(new Battery.GetStatus(BehaviorTestKit.<Battery.BatteryStatus>create(Behaviors.ignore()).getRef()));

    assertEquals(2, handled.size());
    assertEquals(1, timings.snapshot().get(MessageType.BID_CONFIRM).count());
    assertEquals(5, timings.snapshot().get(MessageType.BID_CONFIRM).p50Ms());
  }
}
