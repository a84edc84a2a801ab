package io.etp.bench.optimize;

import io.etp.marketdata.EpfObservation;
import io.etp.optimize.DispatchProblem;
import io.etp.optimize.StorageDispatchOptimizer;
import io.etp.optimize.StorageSpec;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.HdrHistogram.Histogram;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Single-battery solve times as both wall-clock and thread CPU time. On a shared, oversubscribed machine the JMH
 * wall-clock average includes time spent waiting for a core; the CPU time of the solving thread does not, so the two
 * together show what a solve costs and what it took under the load at the time. Same problems as
 * {@link SingleBatterySolveBenchmark}.
 *
 * <pre>java -Detp.epf.dir=../shared/data/epf -cp bench/target/benchmarks.jar io.etp.bench.optimize.SolveTimeCommand</pre>
 */
@Command(name = "solve-time", mixinStandardHelpOptions = true, description = "Wall and CPU time per battery solve.")
public final class SolveTimeCommand implements Callable<Integer> {

  @Option(names = "--periods", split = ",", defaultValue = "24,96,288") List<Integer> periodCounts;
  @Option(names = "--warmup", defaultValue = "2000") int warmup;
  @Option(names = "--solves", defaultValue = "2000") int solves;

  @Override
  public Integer call() {
    List<EpfObservation> np = BenchPrices.nordPool();
    StorageSpec battery = StorageSpec.of(1000, 2000, 0.95, 0.95).withInitialSoc(1000).withEndSocTarget(1000)
        .withThroughputCost(0.002);
    StorageDispatchOptimizer optimizer = new StorageDispatchOptimizer();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    System.out.println("| periods | solves | wall mean ms | wall p50 ms | wall p99 ms | CPU mean ms | CPU p50 ms | CPU p99 ms |");
    System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (int periods : periodCounts) {
      List<DispatchProblem> problems = new ArrayList<>();
      for (int d = 0; d < 56; d++) {
        problems.add(DispatchProblem.of(battery, Duration.ofMinutes(24 * 60 / periods),
            BenchPrices.day(np, 24 * (1400 + d), periods)));
      }
      for (int i = 0; i < warmup; i++) {
        optimizer.optimise(problems.get(i % problems.size()));
      }
      Histogram wall = new Histogram(3);
      Histogram cpu = new Histogram(3);
      for (int i = 0; i < solves; i++) {
        long cpu0 = threads.getCurrentThreadCpuTime();
        long wall0 = System.nanoTime();
        optimizer.optimise(problems.get(i % problems.size()));
        wall.recordValue(System.nanoTime() - wall0);
        cpu.recordValue(Math.max(0, threads.getCurrentThreadCpuTime() - cpu0));
      }
      System.out.printf(Locale.ROOT, "| %d | %d | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f |%n", periods, solves,
          wall.getMean() / 1e6, wall.getValueAtPercentile(50) / 1e6, wall.getValueAtPercentile(99) / 1e6,
          cpu.getMean() / 1e6, cpu.getValueAtPercentile(50) / 1e6, cpu.getValueAtPercentile(99) / 1e6);
    }
    return 0;
  }

  /** Command-line entry point. */
  public static void main(String[] args) {
    System.exit(new CommandLine(new SolveTimeCommand()).execute(args));
  }
}
