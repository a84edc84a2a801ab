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
