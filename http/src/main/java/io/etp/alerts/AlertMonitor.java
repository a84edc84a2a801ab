package io.etp.alerts;

import com.typesafe.config.Config;
import io.etp.live.LiveEvent;
import io.etp.live.LiveEventPublisher;
import io.etp.live.LiveEventType;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.typed.ActorSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates the {@link AlertRules} every {@code etp.alerts.interval} and publishes each raised and cleared alert as an
 * ALERT live event (severity, message; {@code status} RAISED or CLEARED, {@code reason} the rule) and one log line.
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

    /** @param alerts the {@code etp.alerts} block */
    public static Settings fromConfig(Config alerts) {
      return new Settings(alerts.getBoolean("enabled"), alerts.getDuration("interval"),
          new AlertRules.Thresholds(alerts.getDouble("bid-success-below-pct"), alerts.getLong("bid-success-min-bids"),
              alerts.getInt("device-failures-above"), alerts.getDuration("device-failures-window"),
              alerts.getLong("latency-p99-above-ms"), alerts.getDouble("storage-utilisation-above-pct")));
    }
  }

  private final AlertRules rules;
  private final Supplier<AlertRules.Figures> figures;
  private final LiveEventPublisher publisher;
  private final Clock clock;
  private Map<AlertRules.Key, AlertRules.Alert> active = Map.of();

  AlertMonitor(AlertRules rules, Supplier<AlertRules.Figures> figures, LiveEventPublisher publisher, Clock clock) {
    this.rules = rules;
    this.figures = figures;
    this.publisher = publisher;
    this.clock = clock;
  }

  /**
   * Starts evaluating on the system's scheduler (one evaluation at a time); stops with the system.
   *
   * @param figures reads the node's figures for one evaluation
   */
  public static Cancellable start(ActorSystem<?> system, Settings settings, Supplier<AlertRules.Figures> figures,
      LiveEventPublisher publisher, Clock clock) {
    AlertMonitor monitor = new AlertMonitor(new AlertRules(settings.thresholds()), figures, publisher, clock);
    log.info("alerts every {}: {}", settings.interval(), settings.thresholds());
    return system.scheduler().scheduleWithFixedDelay(settings.interval(), settings.interval(), () -> {
      try {
        monitor.evaluate();
      } catch (RuntimeException e) {
        log.error("alert evaluation failed", e);
      }
    }, system.executionContext());
  }

  /** One evaluation: publishes and logs what was raised and cleared. */
  synchronized void evaluate() {
    AlertRules.Evaluation evaluation = rules.evaluate(figures.get(), active);
    active = evaluation.active();
    evaluation.raised().forEach(this::announce);
    evaluation.cleared().forEach(this::announce);
  }

  private void announce(AlertRules.Alert alert) {
    String state = alert.raised() ? "RAISED" : "CLEARED";
    if (alert.raised()) {
      log.warn("alert {} {} {} [{}]: {}", state, alert.key().rule(), alert.key().subject(), alert.severity(),
          alert.message());
    } else {
      log.info("alert {} {} {}: {}", state, alert.key().rule(), alert.key().subject(), alert.message());
    }
    LiveEvent event = LiveEvent.of(LiveEventType.ALERT, clock.instant(), alert.key().subject(), null, null,
        LiveEvent.Payload.EMPTY.withSeverity(alert.severity()).withMessage(alert.message())
            .withReason(alert.key().rule().name()).withStatus(state));
    if (!publisher.publish(event)) {
      log.warn("alert {} {} not published: the live hub refused it", state, alert.key());
    }
  }
}
