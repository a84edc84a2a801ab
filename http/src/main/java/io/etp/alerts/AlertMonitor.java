package io.etp.alerts;

import com.typesafe.config.Config;
import io.etp.live.LiveEvent;
import io.etp.live.LiveEventPublisher;
import io.etp.live.LiveEventType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.typed.ActorSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates the {@link AlertRules} every {@code etp.alerts.interval} over the figures of the last
 * {@code etp.alerts.window} and publishes each raised and cleared alert as an ALERT live event (severity, message;
 * {@code status} RAISED or CLEARED, {@code reason} the rule) and one log line (WARN when raised, INFO when cleared).
 * {@link #status()} gives the figures last evaluated and the alerts active, for {@code /metrics}; {@link #active()} the
 * active alerts with the time each was raised, for {@code GET /api/alerts/active}. Each node runs its own monitor over
 * its own figures, so the active set is per node.
 * The event's battery id is the alert's subject: the aggregator for bid success, the message type for latency,
 * {@code node} for node-wide rules.
 */
public final class AlertMonitor {

  private static final Logger log = LoggerFactory.getLogger(AlertMonitor.class);

  /**
   * @param enabled whether the monitor runs
   * @param interval time between evaluations
   * @param thresholds the rules' thresholds
   */
  public record Settings(boolean enabled, Duration interval, AlertRules.Thresholds thresholds) {

    public Settings {
      if (interval.isNegative() || interval.isZero()) {
        throw new IllegalArgumentException("etp.alerts.interval must be positive: " + interval);
      }
    }

    /** @param alerts the {@code etp.alerts} block; a value out of range is an {@link IllegalArgumentException} */
    public static Settings fromConfig(Config alerts) {
      return new Settings(alerts.getBoolean("enabled"), alerts.getDuration("interval"),
          new AlertRules.Thresholds(alerts.getDouble("bid-success-below-pct"), alerts.getLong("bid-success-min-bids"),
              alerts.getInt("device-failures-above"), alerts.getDuration("window"),
              alerts.getLong("latency-p99-above-ms"), alerts.getDouble("storage-utilisation-above-pct"),
              alerts.getDouble("clear-margin-pct")));
    }
  }

  /**
   * What the monitor saw at its last evaluation.
   *
   * @param figures the figures evaluated (empty before the first evaluation)
   * @param active the alerts active after it
   */
  public record Status(AlertRules.Figures figures, Map<AlertRules.Key, AlertRules.Alert> active) {
    public static final Status NONE = new Status(
        new AlertRules.Figures(Map.of(), 0, Map.of(), java.util.OptionalDouble.empty()), Map.of());
  }

  /**
   * An alert raised and not yet cleared, as {@code GET /api/alerts/active} shows it.
   *
   * @param raisedAt when it was raised: the timestamp of its RAISED event on the live stream
   */
  public record ActiveAlert(AlertRules.Key key, String severity, String message, Instant raisedAt) {}

  private final AlertRules rules;
  private final Supplier<AlertRules.Figures> figures;
  private final LiveEventPublisher publisher;
  private final Clock clock;
  private volatile Status status = Status.NONE;
  /** When each active alert was raised; changed with {@link #status} under the monitor's lock. */
  private volatile Map<AlertRules.Key, Instant> raisedAt = Map.of();

  public AlertMonitor(AlertRules rules, Supplier<AlertRules.Figures> figures, LiveEventPublisher publisher, Clock clock) {
    this.rules = rules;
    this.figures = figures;
    this.publisher = publisher;
    this.clock = clock;
  }

  /**
   * Starts evaluating on the system's scheduler (one evaluation at a time); stops with the system.
   *
   * @param interval time between evaluations
   */
  public Cancellable start(ActorSystem<?> system, Duration interval) {
    log.info("alerts every {}: {}", interval, rules.thresholds());
    return system.scheduler().scheduleWithFixedDelay(interval, interval, () -> {
      try {
        evaluate();
      } catch (RuntimeException e) {
        log.error("alert evaluation failed", e);
      }
    }, system.executionContext());
  }

  /** One evaluation: publishes and logs what was raised and cleared. */
  public synchronized void evaluate() {
    AlertRules.Figures now = figures.get();
    Instant at = clock.instant();
    AlertRules.Evaluation evaluation = rules.evaluate(now, status.active());
    Map<AlertRules.Key, Instant> since = new HashMap<>(raisedAt);
    since.keySet().retainAll(evaluation.active().keySet());
    evaluation.raised().forEach(alert -> since.put(alert.key(), at));
    raisedAt = Map.copyOf(since);
    status = new Status(now, evaluation.active());
    evaluation.raised().forEach(alert -> announce(alert, at));
    evaluation.cleared().forEach(alert -> announce(alert, at));
  }

  /**
   * The alerts active after the last evaluation, oldest raised first: what a dashboard that connects late loads
   * before it follows the stream's RAISED and CLEARED events. The set is this node's: each node evaluates its own.
   */
  public List<ActiveAlert> active() {
    Map<AlertRules.Key, Instant> since = raisedAt;
    return status.active().values().stream()
        .map(a -> new ActiveAlert(a.key(), a.severity(), a.message(), since.getOrDefault(a.key(), Instant.EPOCH)))
        .sorted(Comparator.comparing(ActiveAlert::raisedAt)
            .thenComparing(a -> a.key().rule().name()).thenComparing(a -> a.key().subject()))
        .toList();
  }

  /** The figures last evaluated and the alerts active after that evaluation. */
  public Status status() {
    return status;
  }

  private void announce(AlertRules.Alert alert, Instant at) {
    String state = alert.raised() ? "RAISED" : "CLEARED";
    if (alert.raised()) {
      log.warn("alert {} {} {} [{}]: {}", state, alert.key().rule(), alert.key().subject(), alert.severity(),
          alert.message());
    } else {
      log.info("alert {} {} {}: {}", state, alert.key().rule(), alert.key().subject(), alert.message());
    }
    LiveEvent event = LiveEvent.of(LiveEventType.ALERT, at, alert.key().subject(), null, null,
        LiveEvent.Payload.EMPTY.withSeverity(alert.severity()).withMessage(alert.message())
            .withReason(alert.key().rule().name()).withStatus(state));
    if (!publisher.publish(event)) {
      log.warn("alert {} {} not published: the live hub refused it", state, alert.key());
    }
  }
}
