package io.etp.bench.optimize;

import io.etp.marketdata.EpfObservation;
import io.etp.optimize.DispatchProblem;
import io.etp.optimize.StorageDispatchOptimizer;
import io.etp.optimize.StorageSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The solver choice, reproducibly: the 288-period day of {@link SingleBatterySolveBenchmark} solved by the production
 * path (OR-Tools GLOP: build, solve, duals, exclusivity check) and by ojAlgo 57.1's {@code ExpressionsBasedModel} on
 * the same LP (build and solve only, so the comparison favours ojAlgo). Both return the optimal objective; the
 * benchmark fails if they disagree.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class SolverComparisonBenchmark {

  private final StorageDispatchOptimizer optimizer = new StorageDispatchOptimizer();
  private final List<DispatchProblem> problems = new ArrayList<>();
  private int nextGlop;
  private int nextOjalgo;

  @Setup
  public void setUp() {
    List<EpfObservation> np = BenchPrices.nordPool();
    StorageSpec battery = StorageSpec.of(1000, 2000, 0.95, 0.95).withInitialSoc(1000).withEndSocTarget(1000)
        .withThroughputCost(0.002);
    for (int d = 0; d < 56; d++) {
      problems.add(DispatchProblem.of(battery, Duration.ofMinutes(5), BenchPrices.day(np, 24 * (1400 + d), 288)));
    }
    for (DispatchProblem p : problems) {
      double glop = optimizer.optimise(p).profit();
      double ojalgo = ojalgoObjective(p);
      if (Math.abs(glop - ojalgo) > 1e-6 * Math.max(1, Math.abs(glop))) {
        throw new IllegalStateException("GLOP " + glop + " and ojAlgo " + ojalgo + " disagree");
      }
    }
  }

  @Benchmark
  public double glop() {
    DispatchProblem p = problems.get(nextGlop);
    nextGlop = (nextGlop + 1) % problems.size();
    return optimizer.optimise(p).profit();
  }

  @Benchmark
  public double ojalgo() {
    DispatchProblem p = problems.get(nextOjalgo);
    nextOjalgo = (nextOjalgo + 1) % problems.size();
    return ojalgoObjective(p);
  }

  static double ojalgoObjective(DispatchProblem p) {
    StorageSpec spec = p.storage();
    int n = p.periods();
    double h = p.periodHours();
    ExpressionsBasedModel model = new ExpressionsBasedModel();
    Variable previous = null;
    for (int t = 0; t < n; t++) {
      double price = p.pricesPerMwh().get(t) / 1000.0;
      Variable c = model.addVariable().lower(0).upper(spec.maxChargeKw()).weight(h * (-price - spec.throughputCostPerKwh()));
      Variable d = model.addVariable().lower(0).upper(spec.maxDischargeKw()).weight(h * (price - spec.throughputCostPerKwh()));
      Variable s = model.addVariable().lower(t == n - 1 ? Math.max(spec.minSocKwh(), spec.endSocTargetKwh())
          : spec.minSocKwh()).upper(spec.maxSocKwh());
      Expression balance = model.addExpression().level(t == 0 ? spec.initialSocKwh() : 0);
      balance.set(s, 1);
      if (previous != null) {
        balance.set(previous, -1);
      }
      balance.set(c, -h * spec.chargeEfficiency());
      balance.set(d, h / spec.dischargeEfficiency());
      previous = s;
    }
    Optimisation.Result result = model.maximise();
    if (!result.getState().isOptimal()) {
      throw new IllegalStateException("ojAlgo ended in state " + result.getState());
    }
    return result.getValue();
  }
}
