package io.etp.optimize;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Solves many batteries' schedules in parallel on a fixed number of threads. One member's infeasible or invalid
 * problem yields a {@link FleetOutcome.Failed} for that member and does not affect the others.
 */
public final class FleetDispatcher implements AutoCloseable {

  private final StorageDispatchOptimizer optimizer = new StorageDispatchOptimizer();
  private final ExecutorService pool;
  private final int threads;

  /** A dispatcher using at most {@code threads} solver threads. */
  public FleetDispatcher(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1 but was " + threads);
    }
    this.threads = threads;
    AtomicInteger counter = new AtomicInteger();
    this.pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "etp-fleet-dispatch-" + counter.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Schedules every member; the outcomes are in the members' order.
   *
   * @throws IllegalStateException when a worker fails unexpectedly (a solver error, not an infeasible member)
   */
  public List<FleetOutcome> dispatch(List<FleetMember> members) throws InterruptedException {
    FleetOutcome[] outcomes = new FleetOutcome[members.size()];
    AtomicInteger next = new AtomicInteger();
    List<Future<?>> workers = new ArrayList<>(threads);
    for (int w = 0; w < threads; w++) {
      workers.add(pool.submit(() -> {
        for (int i = next.getAndIncrement(); i < outcomes.length; i = next.getAndIncrement()) {
          outcomes[i] = solveOne(members.get(i));
        }
      }));
    }
    for (Future<?> worker : workers) {
      try {
        worker.get();
      } catch (ExecutionException e) {
        throw new IllegalStateException("fleet worker failed", e.getCause());
      }
    }
    return List.of(outcomes);
  }

  private FleetOutcome solveOne(FleetMember member) {
    try {
      DispatchSchedule schedule = optimizer.optimise(member.problem());
      return new FleetOutcome.Scheduled(member.batteryId(), schedule,
          BidBuilder.fromSchedule(schedule, member.problem().storage()));
    } catch (InfeasibleDispatchException e) {
      return new FleetOutcome.Failed(member.batteryId(), e.getMessage());
    }
  }

  /** Stops the worker threads. */
  @Override
  public void close() {
    pool.shutdownNow();
  }
}
