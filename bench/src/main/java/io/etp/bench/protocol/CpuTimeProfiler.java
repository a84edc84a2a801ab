package io.etp.bench.protocol;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Measures the CPU the benchmark JVM used in each iteration, so throughput can be stated per core on a machine shared
 * with other work: {@code cpu.cores} is process CPU time divided by wall time (cores busy on average, GC and JIT
 * included), and {@code ops.per.cpu.second} is the iteration's ops/s divided by it. Use with
 * {@code -prof io.etp.bench.protocol.CpuTimeProfiler}; meaningful for throughput mode with one benchmark thread.
 */
public final class CpuTimeProfiler implements InternalProfiler {

  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private long cpuStartNs;
  private long wallStartNs;

  @Override
  public String getDescription() {
    return "process CPU time per iteration: cores used, and ops per CPU-second";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    cpuStartNs = os.getProcessCpuTime();
    wallStartNs = System.nanoTime();
  }

  @Override
  public Collection<ScalarResult> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
      IterationResult result) {
    long cpuNs = os.getProcessCpuTime() - cpuStartNs;
    long wallNs = System.nanoTime() - wallStartNs;
    double cores = wallNs > 0 ? (double) cpuNs / wallNs : Double.NaN;
    double perCpuSecond = result.getPrimaryResult().getScore() / cores;
    return List.of(
        new ScalarResult("cpu.cores", cores, "cores", AggregationPolicy.AVG),
        new ScalarResult("ops.per.cpu.second", perCpuSecond, "ops/cpu-s", AggregationPolicy.AVG));
  }
}
