package io.etp.bench.optimize;

import io.etp.marketdata.EpfObservation;
import io.etp.optimize.DispatchProblem;
import io.etp.optimize.DispatchSchedule;
import io.etp.optimize.StorageDispatchOptimizer;
import io.etp.optimize.StorageSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One battery's day: 24 hourly, 96 quarter-hour or 288 five-minute periods of real NP prices (a different day per
 * invocation, 56 days in rotation). 1 MW / 2 MWh, 95 %/95 %, starts and must end at half charge, 2 per MWh wear.
 * Measures model build + GLOP solve + extraction.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class SingleBatterySolveBenchmark {

  @Param({"24", "96", "288"})
  int periods;

  private final StorageDispatchOptimizer optimizer = new StorageDispatchOptimizer();
  private final List<DispatchProblem> problems = new ArrayList<>();
  private int next;

  @Setup
  public void setUp() {
    List<EpfObservation> np = BenchPrices.nordPool();
    StorageSpec battery = StorageSpec.of(1000, 2000, 0.95, 0.95).withInitialSoc(1000).withEndSocTarget(1000)
        .withThroughputCost(0.002);
    Duration length = Duration.ofMinutes(24 * 60 / periods);
    for (int d = 0; d < 56; d++) {
      problems.add(DispatchProblem.of(battery, length, BenchPrices.day(np, 24 * (1400 + d), periods)));
    }
  }

  @Benchmark
  public DispatchSchedule solve() {
    DispatchProblem problem = problems.get(next);
    next = (next + 1) % problems.size();
    return optimizer.optimise(problem);
  }
}
