package io.etp.alerts;

import io.etp.live.LiveEvent;
import io.etp.live.LiveEventPublisher;
import io.etp.live.LiveEventType;
import io.etp.marketdata.FeedStatus;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Announces live market-data feed outages as alerts, like {@link AlertMonitor} announces its rules': one ALERT live
 * event (severity WARNING, reason {@code FEED_OUTAGE}, status RAISED or CLEARED, the event's battery id = the feed's
 * source name) and one log line per outage raised and per recovery. Given the changes {@link FeedStatus#changes}
 * finds; {@link #active()} is the feeds down now. An outage never makes the node not ready: it is a degraded detail.
 */
public final class FeedOutageAlerts {

  /** The alert's reason (rule). */
  public static final String RULE = "FEED_OUTAGE";
  /** Its severity: trading goes on without the feed. */
  public static final String SEVERITY = "WARNING";

  private static final Logger log = LoggerFactory.getLogger(FeedOutageAlerts.class);

  private final LiveEventPublisher publisher;
  private final Clock clock;
  private final Map<String, FeedStatus> active = new ConcurrentHashMap<>();

  public FeedOutageAlerts(LiveEventPublisher publisher, Clock clock) {
    this.publisher = publisher;
    this.clock = clock;
  }

  /** Raises each status that is down, clears each that is up. */
  public void announce(List<FeedStatus> changes) {
    for (FeedStatus s : changes) {
      String state = s.up() ? "CLEARED" : "RAISED";
      String message = message(s);
      if (s.up()) {
        active.remove(s.source());
        log.info("alert {} {} {}: {}", state, RULE, s.source(), message);
      } else {
        active.put(s.source(), s);
        log.warn("alert {} {} {} [{}]: {}", state, RULE, s.source(), SEVERITY, message);
      }
      LiveEvent event = LiveEvent.of(LiveEventType.ALERT, clock.instant(), s.source(), null, null,
          LiveEvent.Payload.EMPTY.withSeverity(SEVERITY).withMessage(message).withReason(RULE).withStatus(state));
      if (!publisher.publish(event)) {
        log.warn("alert {} {} {} not published: the live hub refused it", state, RULE, s.source());
      }
    }
  }

  private static String message(FeedStatus s) {
    return s.up() ? "market data feed " + s.source() + " is back" : "market data feed " + s.line()
        + "; trading goes on with the last data received";
  }

  /** The raised outage alerts, as {@code GET /api/alerts/active} lists them (raised when the feed went down). */
  public List<AlertRoutes.Active> activeAlerts() {
    return active.values().stream().map(s -> new AlertRoutes.Active(RULE, s.source(), SEVERITY, message(s), s.since()))
        .toList();
  }

  /** The feeds whose outage alert is raised now, by source name. */
  public Map<String, FeedStatus> active() {
    return Map.copyOf(active);
  }
}
