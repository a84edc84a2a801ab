package io.etp.bench.optimize;

import io.etp.optimize.FleetDispatcher;
import io.etp.optimize.FleetMember;
import io.etp.optimize.FleetOutcome;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A 10,000-battery day-ahead fleet (24 hourly or 96 quarter-hour periods each) scheduled with schedules and bids by
 * {@link FleetDispatcher}; the fleet is {@link BenchFleet} (seed 42). One single shot per iteration: the wall-clock
 * time to schedule the whole fleet. {@link FleetSolveCommand} reports the CPU time of the same work.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(1)
public class FleetDispatchBenchmark {

  @Param({"10000"})
  int batteries;

  @Param({"2"})
  int threads;

  @Param({"24", "96"})
  int periods;

  private List<FleetMember> fleet;
  private FleetDispatcher dispatcher;

  @Setup(Level.Trial)
  public void setUp() {
    fleet = BenchFleet.generate(BenchPrices.nordPool(), batteries, periods, 42);
    dispatcher = new FleetDispatcher(threads);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    dispatcher.close();
  }

  @Benchmark
  public List<FleetOutcome> dispatchFleet() throws InterruptedException {
    List<FleetOutcome> outcomes = dispatcher.dispatch(fleet);
    long failed = outcomes.stream().filter(o -> o instanceof FleetOutcome.Failed).count();
    if (failed > 0) {
      throw new IllegalStateException(failed + " fleet members had no feasible schedule");
    }
    return outcomes;
  }
}
