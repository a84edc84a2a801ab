package io.etp.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etp.live.LiveEvent;
import io.etp.live.LiveEventType;
import io.etp.marketdata.FeedStatus;
import io.etp.marketdata.FetchFailure;
import java.net.ConnectException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FeedOutageAlertsTest {

  @Test
  void anOutageIsRaisedOnceAndItsReturnClearsIt() {
    Instant now = Instant.parse("2026-12-06T03:00:00Z");
    List<LiveEvent> published = new ArrayList<>();
    FeedOutageAlerts alerts = new FeedOutageAlerts(published::add, Clock.fixed(now, ZoneOffset.UTC));
    FeedStatus up = FeedStatus.up("openadr", now);
    FeedStatus down = up.after(Optional.of(new FetchFailure.Unreachable("openadr", new ConnectException("refused"))),
        now.plusSeconds(5));

    alerts.announce(FeedStatus.changes(Map.of("openadr", up), Map.of("openadr", down)));
    alerts.announce(FeedStatus.changes(Map.of("openadr", down), Map.of("openadr", down)));
    assertEquals(1, published.size(), published.toString());
    LiveEvent raised = published.get(0);
    assertEquals(LiveEventType.ALERT, raised.type());
    assertEquals("openadr", raised.batteryId());
    assertTrue(raised.toString().contains("RAISED") && raised.toString().contains("FEED_OUTAGE"), raised.toString());
    assertEquals(Map.of("openadr", down), alerts.active());

    alerts.announce(FeedStatus.changes(Map.of("openadr", down), Map.of("openadr", FeedStatus.up("openadr",
        now.plusSeconds(9)))));
    assertEquals(2, published.size());
    assertTrue(published.get(1).toString().contains("CLEARED"), published.get(1).toString());
    assertEquals(Map.of(), alerts.active());
  }
}
