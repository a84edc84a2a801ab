package io.etp.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LiveJsonTest {

  @Test
  void everyEventTypeSurvivesARoundTripWithItsPayload() throws Exception {
    LiveEvent.Payload full = LiveEvent.Payload.EMPTY.withPrice(11.5).withReserve(10).withEnergy(20).withCapacity(50)
        .withHealth(97).withStatus("CHARGING").withReason("BELOW_RESERVE").withSeverity("WARNING")
        .withMessage("m").withLatency(4.2);
    for (LiveEventType type : LiveEventType.values()) {
      LiveEvent event = new LiveEvent(7, type, Instant.parse("2026-11-21T02:41:07.120Z"), "bat-3", "agg-1", "auc-7",
          full, Instant.parse("2026-11-21T02:41:07.123456Z"));
      assertEquals(event, LiveJson.readEvent(LiveJson.eventNode(event).toString()), type.name());
    }
  }

  @Test
  void leavesOutAbsentOptionalFields() {
    LiveEvent event = new LiveEvent(1, LiveEventType.BATTERY_STATUS, Instant.EPOCH, "bat-1", null, null,
        LiveEvent.Payload.EMPTY.withEnergy(5), null);
    String json = LiveJson.write(new Outbound.Event(event));
    assertEquals("{\"seq\":1,\"type\":\"BATTERY_STATUS\",\"timestamp\":\"1970-01-01T00:00:00Z\",\"battery_id\":\"bat-1\","
        + "\"payload\":{\"energy_kwh\":5}}", json); // an exact decimal, written without trailing zeros
    assertFalse(json.contains("null"));
  }

  @Test
  void writesThePublishTimeWithSubMillisecondPrecisionBesideTheSourceTimestamp() {
    LiveEvent event = new LiveEvent(2, LiveEventType.ALERT, Instant.parse("2026-11-21T05:00:00Z"), "node", null, null,
        LiveEvent.Payload.EMPTY, Instant.parse("2026-11-21T05:00:01.234567Z"));
    String json = LiveJson.write(new Outbound.Event(event));
    assertEquals("{\"seq\":2,\"type\":\"ALERT\",\"timestamp\":\"2026-11-21T05:00:00Z\",\"battery_id\":\"node\","
        + "\"published_at\":\"2026-11-21T05:00:01.234567Z\",\"payload\":{}}", json);
  }

  @Test
  void readsASubscribeMessageAndNamesWhatIsWrongWithABadOne() {
    ClientMessage ok = LiveJson.readClientMessage(
        "{\"type\":\"SUBSCRIBE\",\"types\":[\"alert\"],\"aggregators\":[\"agg-2\"]}");
    assertEquals(new EventFilter(Set.of(LiveEventType.ALERT), Set.of(), Set.of("agg-2")),
        ((ClientMessage.Subscribe) ok).filter());
    assertEquals("invalid_filter", ((ClientMessage.Invalid) LiveJson.readClientMessage(
        "{\"type\":\"SUBSCRIBE\",\"batteries\":\"bat-1\"}")).code());
    assertEquals("unknown_message", ((ClientMessage.Invalid) LiveJson.readClientMessage("{\"type\":\"PING\"}")).code());
    assertInstanceOf(ClientMessage.Invalid.class, LiveJson.readClientMessage("[1,2]"));
  }

  @Test
  void writesStreamNoticesInTheDocumentedShape() {
    assertEquals("{\"type\":\"DROPPED\",\"count\":3127}", LiveJson.write(new Outbound.Dropped(3127)));
    assertEquals("{\"type\":\"MISSED\",\"count\":120,\"from_seq\":400,\"resumed_at_seq\":521}",
        LiveJson.write(new Outbound.Missed(120, 400, 521)));
  }
}
