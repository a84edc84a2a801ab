package io.etp.alerts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Threshold alerts over the node's figures for the last {@link Thresholds#window()} (bids decided, device failures and
 * message latency within the window, see {@link AlertWindow}; storage utilisation as it is now). Pure: no clock, no
 * actors. Each rule breached by a subject (an aggregator, a message type, or the node) is one alert; {@link #evaluate}
 * compares the figures now with the alerts already active and reports which are newly raised and which cleared, so an
 * alert is raised once while its condition holds and cleared once when it stops holding. With hysteresis: an alert is
 * raised beyond its threshold but cleared only once the figure is back inside it by {@link Thresholds#clearMarginPct()}
 * % of the threshold, so a figure hovering at the threshold does not raise and clear on every evaluation.
 */
public final class AlertRules {

  /** What is watched, with the severity its alert is raised at. */
  public enum Rule {
    BID_SUCCESS_LOW("WARNING"), DEVICE_FAILURES_HIGH("CRITICAL"), LATENCY_P99_HIGH("WARNING"),
    STORAGE_UTILISATION_HIGH("WARNING");

    private final String severity;

    Rule(String severity) {
      this.severity = severity;
    }

    public String severity() {
      return severity;
    }
  }

  /** The subject of node-wide rules (device failures, storage utilisation). */
  public static final String NODE = "node";

  /**
   * @param bidSuccessBelowPct an aggregator whose bid success rate within the window is below this, in %, is alerted
   * @param bidSuccessMinBids only once it has had at least this many bids decided in the window (a rate over 3 bids
   *                          says little)
   * @param deviceFailuresAbove more device failures than this within the window are alerted
   * @param window the sliding window bids, device failures and latencies are judged over
   * @param latencyP99AboveMs a message type whose p99 latency within the window is above this, in ms, is alerted
   * @param storageUtilisationAbovePct fleet storage utilisation above this, in %, is alerted
   * @param clearMarginPct hysteresis: a raised alert clears only once its figure is back inside the threshold by this
   *                       % of the threshold (0 clears as soon as it is no longer beyond)
   */
  public record Thresholds(double bidSuccessBelowPct, long bidSuccessMinBids, int deviceFailuresAbove,
                           Duration window, long latencyP99AboveMs, double storageUtilisationAbovePct,
                           double clearMarginPct) {
    public Thresholds {
      Objects.requireNonNull(window, "window");
      if (bidSuccessMinBids < 1 || deviceFailuresAbove < 0 || latencyP99AboveMs < 0 || window.isNegative()
          || window.isZero() || bidSuccessBelowPct < 0 || bidSuccessBelowPct > 100 || storageUtilisationAbovePct < 0
          || clearMarginPct < 0 || clearMarginPct >= 100 || Double.isNaN(clearMarginPct)) {
        throw new IllegalArgumentException("alert thresholds out of range: " + this);
      }
    }

    /** A figure that raised an "above" alert clears at or below this. */
    double clearBelow(double threshold) {
      return threshold * (1 - clearMarginPct / 100);
    }

    /** A figure that raised a "below" alert clears at or above this. */
    double clearAbove(double threshold) {
      return threshold * (1 + clearMarginPct / 100);
    }
  }

  /** Bids decided for one aggregator. */
  public record Bids(long accepted, long rejected) {}

  /**
   * The figures the rules look at.
   *
   * @param bids bids decided per aggregator within the window
   * @param deviceFailuresInWindow device failures within the window
   * @param latencyP99Ms p99 latency per message type within the window, in ms
   * @param storageUtilisationPct fleet storage utilisation in %, empty when no battery reported
   */
  public record Figures(Map<String, Bids> bids, int deviceFailuresInWindow, Map<String, Long> latencyP99Ms,
                        OptionalDouble storageUtilisationPct) {}

  /** One rule's state for one subject. */
  public record Key(Rule rule, String subject) {}

  /**
   * A raised or cleared alert.
   *
   * @param severity the rule's severity when raised; INFO when cleared
   * @param message what was measured against what threshold, for the log and the dashboard
   */
  public record Alert(Key key, boolean raised, String severity, String message) {}

  /**
   * @param raised alerts whose condition holds now and did not before
   * @param cleared alerts whose condition held before and does not now
   * @param active every alert whose condition holds now: pass it to the next evaluation
   */
  public record Evaluation(List<Alert> raised, List<Alert> cleared, Map<Key, Alert> active) {}

  /**
   * @param breached the figure is beyond the threshold: raises the alert
   * @param recovered the figure is back inside the threshold by the clear margin: clears it
   */
  private record Reading(Key key, boolean breached, boolean recovered, String text) {}

  private final Thresholds thresholds;
  /** The window as people write it (5m, 90s, 1h), for the alert messages. */
  private final String window;

  public AlertRules(Thresholds thresholds) {
    this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
    this.window = written(thresholds.window());
  }

  public Thresholds thresholds() {
    return thresholds;
  }

  /**
   * @param figures the node's figures now
   * @param active the alerts active after the previous evaluation (empty at first)
   */
  public Evaluation evaluate(Figures figures, Map<Key, Alert> active) {
    Map<Key, Reading> readings = new LinkedHashMap<>();
    for (Reading r : read(figures)) {
      readings.put(r.key(), r);
    }
    List<Alert> raised = new ArrayList<>();
    Map<Key, Alert> nowActive = new LinkedHashMap<>();
    readings.values().forEach(r -> {
      Alert before = active.get(r.key());
      if (before == null && r.breached()) {
        Alert alert = new Alert(r.key(), true, r.key().rule().severity(), r.text());
        raised.add(alert);
        nowActive.put(r.key(), alert);
      } else if (before != null && !r.recovered()) {
        nowActive.put(r.key(), before);
      }
    });
    List<Alert> cleared = new ArrayList<>();
    active.keySet().stream().filter(key -> !nowActive.containsKey(key)).forEach(key -> {
      Reading r = readings.get(key);
      cleared.add(new Alert(key, false, "INFO",
          r == null ? describe(key) + ": no longer measured" : r.text()));
    });
    return new Evaluation(List.copyOf(raised), List.copyOf(cleared), Map.copyOf(nowActive));
  }

  private List<Reading> read(Figures f) {
    List<Reading> out = new ArrayList<>();
    f.bids().forEach((aggregator, b) -> {
      long decided = b.accepted() + b.rejected();
      if (decided >= thresholds.bidSuccessMinBids()) {
        double rate = 100.0 * b.accepted() / decided;
        double below = thresholds.bidSuccessBelowPct();
        out.add(new Reading(new Key(Rule.BID_SUCCESS_LOW, aggregator), rate < below,
            rate >= thresholds.clearAbove(below),
            String.format(Locale.ROOT, "bid success of %s is %.1f %% (%d of %d bids in the last %s; alert below %.1f %%)",
                aggregator, rate, b.accepted(), decided, window, below)));
      }
    });
    int failures = f.deviceFailuresInWindow();
    out.add(new Reading(new Key(Rule.DEVICE_FAILURES_HIGH, NODE), failures > thresholds.deviceFailuresAbove(),
        failures <= thresholds.clearBelow(thresholds.deviceFailuresAbove()),
        String.format(Locale.ROOT, "%d device failure(s) in the last %s (alert above %d)", failures, window,
            thresholds.deviceFailuresAbove())));
    f.latencyP99Ms().forEach((type, p99) -> out.add(new Reading(new Key(Rule.LATENCY_P99_HIGH, type),
        p99 > thresholds.latencyP99AboveMs(), p99 <= thresholds.clearBelow(thresholds.latencyP99AboveMs()),
        String.format(Locale.ROOT, "p99 latency of %s messages is %d ms in the last %s (alert above %d ms)", type, p99,
            window, thresholds.latencyP99AboveMs()))));
    f.storageUtilisationPct().ifPresent(pct -> out.add(new Reading(new Key(Rule.STORAGE_UTILISATION_HIGH, NODE),
        pct > thresholds.storageUtilisationAbovePct(),
        pct <= thresholds.clearBelow(thresholds.storageUtilisationAbovePct()),
        String.format(Locale.ROOT, "storage utilisation is %.1f %% (alert above %.1f %%)", pct,
            thresholds.storageUtilisationAbovePct()))));
    return out;
  }

  private static String written(Duration w) {
    if (w.toSeconds() % 3600 == 0) {
      return w.toHours() + "h";
    }
    return w.toSeconds() % 60 == 0 ? w.toMinutes() + "m" : w.toSeconds() + "s";
  }

  private static String describe(Key key) {
    return key.rule().name().toLowerCase(Locale.ROOT) + " for " + key.subject();
  }
}
