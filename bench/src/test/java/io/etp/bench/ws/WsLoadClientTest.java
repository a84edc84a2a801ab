package io.etp.bench.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.etp.live.LiveEvent;
import io.etp.live.LiveEventType;
import io.etp.live.LiveJson;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/** The load client reads the node's event JSON by position; these check it agrees with the JSON the node writes. */
class WsLoadClientTest {

  private static long micros(Instant at) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, at);
  }

  @Test
  void readsPublishTimesInEveryPrecisionTheNodeWrites() {
    for (String at : new String[] {"2026-11-21T05:00:46.168606578Z", "2026-11-21T05:00:46.168606Z",
        "2026-11-21T05:00:46.168Z", "2026-11-21T05:00:46Z", "1999-12-31T23:59:59.9Z"}) {
      LiveEvent event = new LiveEvent(9, LiveEventType.TRADE_CONFIRMED, Instant.EPOCH, "bat-1", null, null,
          LiveEvent.Payload.EMPTY, Instant.parse(at));
      String json = LiveJson.eventNode(event).toString();
      assertEquals(micros(Instant.parse(at)), WsLoadClient.epochMicros(json, "\"published_at\":\""), at);
    }
  }

  @Test
  void answersMinusOneForAnAbsentOrMalformedTime() {
    assertEquals(-1, WsLoadClient.epochMicros("{\"seq\":1}", "\"published_at\":\""));
    assertEquals(-1, WsLoadClient.epochMicros("{\"published_at\":\"yesterday at noon, roughly\"}",
        "\"published_at\":\""));
    assertEquals(-1, WsLoadClient.epochMicros("{\"published_at\":\"2026-11-21T05:00:46+01:00\"}",
        "\"published_at\":\""));
  }

  @Test
  void countsEventsAndTheDropsTheServerReports() {
    WsLoadClient client = new WsLoadClient();
    Instant now = Instant.parse("2026-11-21T05:00:47Z");
    client.message("{\"seq\":1,\"type\":\"ALERT\",\"timestamp\":\"2026-11-21T05:00:40Z\",\"battery_id\":\"node\","
        + "\"published_at\":\"2026-11-21T05:00:46.9Z\",\"payload\":{}}", now);
    client.message("{\"type\":\"DROPPED\",\"count\":3127}", now);
    client.message("{\"type\":\"MISSED\",\"count\":12,\"from_seq\":4,\"resumed_at_seq\":17}", now);
    assertEquals(1, client.eventsReceived());
    assertEquals(3127, client.droppedReported());
    assertEquals(12, client.missedReported());
  }

  @Test
  void readsEveryMessageOfABatchedFrame() {
    WsLoadClient client = new WsLoadClient();
    Instant now = Instant.parse("2026-11-21T05:00:47Z");
    String event = "{\"seq\":%d,\"type\":\"BID_PLACED\",\"timestamp\":\"2026-11-21T05:00:40Z\","
        + "\"published_at\":\"2026-11-21T05:00:46.9Z\",\"payload\":{\"price\":{\"c\":1}}}";
    client.message("[" + event.formatted(1) + ",{\"type\":\"DROPPED\",\"count\":7}," + event.formatted(2) + ","
        + event.formatted(3) + "]", now);
    client.message("[" + event.formatted(4) + "]", now);
    assertEquals(4, client.eventsReceived());
    assertEquals(7, client.droppedReported());
  }
}
