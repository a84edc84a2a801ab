package io.etp.bench.optimize;

import com.sun.management.OperatingSystemMXBean;
import io.etp.optimize.FleetDispatcher;
import io.etp.optimize.FleetMember;
import io.etp.optimize.FleetOutcome;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Wall-clock and process CPU time to schedule the {@link BenchFleet} (the fleet of {@link FleetDispatchBenchmark}).
 * On an oversubscribed machine the wall-clock time includes waiting for a core; the CPU time does not.
 *
 * <pre>java -Detp.epf.dir=../shared/data/epf -cp bench/target/benchmarks.jar io.etp.bench.optimize.FleetSolveCommand</pre>
 */
@Command(name = "fleet-solve", mixinStandardHelpOptions = true, description = "Time to schedule a battery fleet.")
public final class FleetSolveCommand implements Callable<Integer> {

  @Option(names = "--batteries", defaultValue = "10000") int batteries;
  @Option(names = "--periods", split = ",", defaultValue = "24,96") List<Integer> periodCounts;
  @Option(names = "--threads", defaultValue = "2") int threads;
  @Option(names = "--runs", defaultValue = "3", description = "measured runs after one warm-up run") int runs;

  @Override
  public Integer call() throws InterruptedException {
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    var np = BenchPrices.nordPool();
    System.out.println("| batteries | periods | threads | run | wall s | process CPU s | failed |");
    System.out.println("|---:|---:|---:|---:|---:|---:|---:|");
    try (FleetDispatcher dispatcher = new FleetDispatcher(threads)) {
      for (int periods : periodCounts) {
        List<FleetMember> fleet = BenchFleet.generate(np, batteries, periods, 42);
        dispatcher.dispatch(fleet);
        for (int run = 1; run <= runs; run++) {
          long cpu0 = os.getProcessCpuTime();
          long wall0 = System.nanoTime();
          List<FleetOutcome> outcomes = dispatcher.dispatch(fleet);
          double wall = (System.nanoTime() - wall0) / 1e9;
          double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
          long failed = outcomes.stream().filter(o -> o instanceof FleetOutcome.Failed).count();
          System.out.printf(Locale.ROOT, "| %d | %d | %d | %d | %.2f | %.2f | %d |%n", batteries, periods, threads, run,
              wall, cpu, failed);
        }
      }
    }
    return 0;
  }

  /** Command-line entry point. */
  public static void main(String[] args) {
    System.exit(new CommandLine(new FleetSolveCommand()).execute(args));
  }
}
