package io.etp.metrics;

import io.etp.live.LiveEvent;
import io.etp.live.LiveEventPublisher;
import io.etp.live.LiveEventType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;

/**
 * The dashboard's overview figures, kept on the node from the events it publishes to the live stream, computed as the
 * dashboard's {@code model.js} computes them: confirmed trades in the last minute, auctions opened and not yet ended,
 * bids accepted and rejected per aggregator, energy stored over capacity across batteries, device failures. Bounded
 * memory; thread-safe (the journal tail, telemetry feed and bid tee publish from their own threads).
 */
public final class LiveFigures {

  /** Open auctions remembered at once; beyond it the oldest are forgotten (an end the tail never saw). */
  static final int MAX_OPEN_AUCTIONS = 20_000;
  /** Failure times kept for windowed counts. */
  static final int MAX_FAILURE_TIMES = 10_000;
  private static final Duration MINUTE = Duration.ofMinutes(1);

  /** Bids decided for one aggregator since this node started. */
  public record BidOutcomes(long accepted, long rejected) {
    /** @return accepted / (accepted + rejected) in %, empty before any outcome */
    public OptionalDouble successRatePct() {
      long all = accepted + rejected;
      return all == 0 ? OptionalDouble.empty() : OptionalDouble.of(100.0 * accepted / all);
    }
  }

  private record Stored(double energyKwh, double capacityKwh) {}

  private final Clock clock;
  private final Deque<Instant> tradeTimes = new ArrayDeque<>();
  private final Set<String> openAuctions = new LinkedHashSet<>();
  private final Map<String, long[]> bids = new TreeMap<>();
  private final Map<String, Stored> batteries = new HashMap<>();
  private final Deque<Instant> failureTimes = new ArrayDeque<>();
  private long failures;

  public LiveFigures(Clock clock) {
    this.clock = clock;
  }

  /** A publisher that takes note of every event, then hands it to {@code next}. */
  public LiveEventPublisher tee(LiveEventPublisher next) {
    return event -> {
      record(event);
      return next.publish(event);
    };
  }

  /** Takes note of one event. */
  public synchronized void record(LiveEvent event) {
    LiveEvent.Payload p = event.payload();
    switch (event.type()) {
      case TRADE_CONFIRMED -> {
        tradeTimes.addLast(event.timestamp());
        forgetTradesBefore(clock.instant().minus(MINUTE));
      }
      case AUCTION_OPENED -> {
        if (event.auctionId() != null) {
          openAuctions.add(event.auctionId());
          if (openAuctions.size() > MAX_OPEN_AUCTIONS) {
            openAuctions.remove(openAuctions.iterator().next());
          }
        }
      }
      case AUCTION_ENDED, AUCTION_TERMINATED -> {
        if (event.auctionId() != null) {
          openAuctions.remove(event.auctionId());
        }
      }
      case BID_ACCEPTED -> outcomes(event)[0]++;
      case BID_REJECTED -> outcomes(event)[1]++;
      case BATTERY_STATUS -> {
        Stored before = batteries.get(event.batteryId());
        // a ratio for a gauge: doubles are fine here (nothing is traded or paid on it)
        Double energy = p.energyKwh() != null ? Double.valueOf(p.energyKwh().doubleValue())
            : before == null ? null : before.energyKwh();
        Double capacity = p.capacityKwh() != null ? Double.valueOf(p.capacityKwh().doubleValue())
            : before == null ? null : before.capacityKwh();
        if (energy != null && capacity != null) {
          batteries.put(event.batteryId(), new Stored(energy, capacity));
        }
      }
      case DEVICE_FAILURE -> {
        failures++;
        failureTimes.addLast(event.timestamp());
        if (failureTimes.size() > MAX_FAILURE_TIMES) {
          failureTimes.removeFirst();
        }
      }
      default -> {
      }
    }
  }

  /** @return trades confirmed in the last minute */
  public synchronized int tradesPerMinute() {
    forgetTradesBefore(clock.instant().minus(MINUTE));
    return tradeTimes.size();
  }

  /** @return auctions opened and not yet seen to end */
  public synchronized int activeAuctions() {
    return openAuctions.size();
  }

  /** @return bid outcomes per aggregator, by aggregator id */
  public synchronized Map<String, BidOutcomes> bidOutcomes() {
    Map<String, BidOutcomes> out = new TreeMap<>();
    bids.forEach((aggregator, c) -> out.put(aggregator, new BidOutcomes(c[0], c[1])));
    return out;
  }

  /** @return energy stored over usable capacity across batteries that reported both, in %; empty before any */
  public synchronized OptionalDouble storageUtilisationPct() {
    double stored = 0;
    double capacity = 0;
    for (Stored s : batteries.values()) {
      if (s.capacityKwh() > 0) {
        stored += s.energyKwh();
        capacity += s.capacityKwh();
      }
    }
    return capacity > 0 ? OptionalDouble.of(100.0 * stored / capacity) : OptionalDouble.empty();
  }

  /** @return device failures since this node started */
  public synchronized long deviceFailures() {
    return failures;
  }

  /** @return device failures reported in the last {@code window} */
  public synchronized int deviceFailuresWithin(Duration window) {
    Instant from = clock.instant().minus(window);
    int count = 0;
    for (Instant at : failureTimes) {
      if (!at.isBefore(from)) {
        count++;
      }
    }
    return count;
  }

  private long[] outcomes(LiveEvent event) {
    return bids.computeIfAbsent(event.aggregator().orElse("(none)"), id -> new long[2]);
  }

  private void forgetTradesBefore(Instant from) {
    while (!tradeTimes.isEmpty() && tradeTimes.peekFirst().isBefore(from)) {
      tradeTimes.removeFirst();
    }
  }
}
