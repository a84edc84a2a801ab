package io.etp.optimize;

import com.google.ortools.Loader;
import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPObjective;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPVariable;
import java.util.ArrayList;
import java.util.List;

/**
 * Optimal charge/discharge schedule of one storage device against known period prices.
 *
 * <h2>Model</h2>
 * Variables per period {@code t}: grid-side charge {@code c_t} in [0, maxChargeKw], discharge {@code d_t} in
 * [0, maxDischargeKw], end-of-period stored energy {@code s_t} in [minSoc, maxSoc] (the last one also &ge; the end
 * target). With {@code h} the period length in hours:
 * <pre>
 *   s_t = s_{t-1} + h*etaC*c_t - h*d_t/etaD                  (s_{-1} = initial SoC)
 *   maximise  sum_t  h * ( p_t/1000 * (d_t - c_t) - k * (c_t + d_t) )
 *   DR:       d_t - c_t >= x   (minimum net discharge),   c_t - d_t <= x   (maximum net import)
 * </pre>
 *
 * <h2>Negative prices and simultaneous charge/discharge</h2>
 * A battery cannot charge and discharge at once, but the LP above may do so when losses pay: at a negative price,
 * charging 1 kW while discharging etaC*etaD kW leaves the SoC unchanged and imports the difference for money. That
 * "energy burning" is not physically possible, so the exclusive-mode problem is solved exactly:
 * <ol>
 *   <li>For a period with {@code p_t >= 0}, simultaneous {@code c, d > 0} can always be removed without loss: lowering
 *       {@code c} by {@code delta} and {@code d} by {@code etaC*etaD*delta} keeps every SoC unchanged, lowers net
 *       import by {@code (1-etaC*etaD)*delta} (which costs nothing at {@code p_t >= 0}), lowers the throughput
 *       cost, only relaxes both DR constraint kinds, and with {@code delta = min(c, d/(etaC*etaD))} zeroes one of the
 *       two. So the optimum restricted to exclusive modes there equals the LP optimum, and we apply that reduction.</li>
 *   <li>Only periods with {@code p_t < 0} can need a mode decision. When the LP solution charges and discharges
 *       at once in any such period, the problem is re-solved as a MILP (SCIP) with one binary per negative-price
 *       period ({@code c_t <= Pc*y_t}, {@code d_t <= Pd*(1-y_t)}); the chosen modes are then fixed and the LP is
 *       solved once more to obtain the marginal values used for bids.</li>
 * </ol>
 * The result is optimal for the exclusive-mode problem and never charges and discharges in the same period.
 *
 * <h2>Solver choice</h2>
 * OR-Tools GLOP for the LP, SCIP (inside the same OR-Tools jar) for the rare MILP. Measured on the 288-period case
 * (bench {@code SolverComparisonBenchmark}: 5-minute periods, 56 real NP days, same LP, same optimum; 2-core box
 * shared with other builds at load average 14-17, 2026-11-21): GLOP, whole production path, 2.7 ms per solve; ojAlgo
 * 57.1 {@code ExpressionsBasedModel}, build and solve only, 203 ms. GLOP is far faster, gives constraint duals
 * directly (used for bids) and shares its API with the MILP path. Figures in docs/optimisation.md.
 *
 * <p>Instances are stateless and thread-safe. Each thread keeps one native GLOP model for the horizon length it last
 * solved (released when the thread ends); the results do not depend on it (see {@code REUSABLE_LP}).
 */
public final class StorageDispatchOptimizer {

  static {
    Loader.loadNativeLibraries();
  }

  /**
   * Dual simplex without presolve: on these chain-structured LPs (a few hundred rows) presolve costs more than it
   * saves; in a quick harness on the loaded 2-core box the 288-period solve fell from 6-16 ms to 2-3 ms wall-clock
   * (same optimum).
   */
  private static final String GLOP_PARAMETERS = "use_dual_simplex: true, use_preprocessing: false";

  private static final byte CHARGE_ONLY = 1;
  private static final byte DISCHARGE_ONLY = 2;

  /**
   * Solves the problem.
   *
   * @throws InfeasibleDispatchException when no schedule meets all constraints; the message names the cause
   * @throws IllegalStateException       when the solver fails for another reason
   */
  public DispatchSchedule optimise(DispatchProblem problem) {
    checkEndTargetReachable(problem);
    int n = problem.periods();
    LpResult lp = solveLp(problem, new byte[n]); // 0 = no mode fixed in any period
    if (lp == null) {
      throw new InfeasibleDispatchException(diagnoseInfeasibility(problem));
    }
    boolean binariesUsed = false;
    if (burnsEnergyAtNegativePrice(problem, lp)) {
      byte[] modes = solveModes(problem);
      lp = solveLp(problem, modes);
      if (lp == null) {
        throw new IllegalStateException("LP with the MILP's fixed modes became infeasible; numerical trouble");
      }
      binariesUsed = true;
    }
    removeSimultaneousFlows(problem, lp);
    return toSchedule(problem, lp, binariesUsed);
  }

  private record LpResult(double[] charge, double[] discharge, double[] soc, double[] storedValue) {}

  private static void checkEndTargetReachable(DispatchProblem p) {
    StorageSpec s = p.storage();
    double reachable = Math.min(s.maxSocKwh(),
        s.initialSocKwh() + p.periods() * p.periodHours() * s.chargeEfficiency() * s.maxChargeKw());
    if (s.endSocTargetKwh() > reachable + 1e-9) {
      throw new InfeasibleDispatchException("end SoC target " + s.endSocTargetKwh() + " kWh is unreachable: from "
          + s.initialSocKwh() + " kWh at most " + reachable + " kWh can be stored in " + p.periods() + " periods of "
          + p.periodLength());
    }
  }

  private String diagnoseInfeasibility(DispatchProblem p) {
    if (!p.obligations().isEmpty()
        && solveLp(new DispatchProblem(p.storage(), p.periodLength(), p.pricesPerMwh(), List.of()),
            new byte[p.periods()]) != null) {
      return "demand-response obligations " + p.obligations() + " cannot be met within the SoC bounds ["
          + p.storage().minSocKwh() + ", " + p.storage().maxSocKwh() + "] kWh and end target "
          + p.storage().endSocTargetKwh() + " kWh from an initial " + p.storage().initialSocKwh() + " kWh";
    }
    return "no schedule satisfies the SoC bounds and the end target " + p.storage().endSocTargetKwh() + " kWh";
  }

  private static double tolerance(StorageSpec s) {
    return 1e-7 * Math.max(1.0, Math.max(s.maxChargeKw(), s.maxDischargeKw()));
  }

  private static boolean burnsEnergyAtNegativePrice(DispatchProblem p, LpResult lp) {
    double eps = tolerance(p.storage());
    for (int t = 0; t < p.periods(); t++) {
      if (p.pricesPerMwh().get(t) < 0 && lp.charge[t] > eps && lp.discharge[t] > eps) {
        return true;
      }
    }
    return false;
  }

  /** Step 1 of the class comment: the loss-free reduction for periods where it cannot lower the objective. */
  private static void removeSimultaneousFlows(DispatchProblem p, LpResult lp) {
    double roundTrip = p.storage().chargeEfficiency() * p.storage().dischargeEfficiency();
    double eps = tolerance(p.storage());
    for (int t = 0; t < p.periods(); t++) {
      if (lp.charge[t] > eps && lp.discharge[t] > eps) {
        double delta = Math.min(lp.charge[t], lp.discharge[t] / roundTrip);
        lp.charge[t] = Math.max(0, lp.charge[t] - delta);
        lp.discharge[t] = Math.max(0, lp.discharge[t] - roundTrip * delta);
      }
      if (lp.charge[t] <= eps) {
        lp.charge[t] = 0;
      }
      if (lp.discharge[t] <= eps) {
        lp.discharge[t] = 0;
      }
    }
  }

  /**
   * A GLOP model kept per thread and refilled for the next problem of the same horizon: building the model through JNI
   * costs about a third of a 288-period solve. {@link MPSolver#reset()} before each solve makes GLOP start from
   * scratch, so a schedule never depends on what the thread solved before. Problems with DR obligations (extra rows)
   * use a fresh model.
   */
  private static final ThreadLocal<Model> REUSABLE_LP = new ThreadLocal<>();

  private static LpResult solveLp(DispatchProblem p, byte[] modes) {
    if (!p.obligations().isEmpty()) {
      MPSolver solver = newSolver("GLOP");
      try {
        Model m = structure(solver, p.periods());
        load(m, p, modes);
        addObligations(m, p);
        return solveLoaded(m, p);
      } finally {
        solver.delete();
      }
    }
    Model m = REUSABLE_LP.get();
    if (m == null || m.charge.length != p.periods()) {
      if (m != null) {
        m.solver.delete();
      }
      m = structure(newSolver("GLOP"), p.periods());
      REUSABLE_LP.set(m);
    }
    try {
      load(m, p, modes);
      m.solver.reset();
      return solveLoaded(m, p);
    } catch (RuntimeException e) {
      REUSABLE_LP.remove();
      m.solver.delete();
      throw e;
    }
  }

  private static MPSolver newSolver(String id) {
    MPSolver solver = MPSolver.createSolver(id);
    if (solver == null) {
      throw new IllegalStateException("OR-Tools solver " + id + " is not available");
    }
    return solver;
  }

  private static LpResult solveLoaded(Model m, DispatchProblem p) {
    m.solver.setSolverSpecificParametersAsString(GLOP_PARAMETERS);
    MPSolver.ResultStatus status = m.solver.solve();
    if (status == MPSolver.ResultStatus.INFEASIBLE) {
      return null;
    }
    if (status != MPSolver.ResultStatus.OPTIMAL) {
      throw new IllegalStateException("GLOP ended with status " + status);
    }
    int n = p.periods();
    double[] c = new double[n];
    double[] d = new double[n];
    double[] s = new double[n];
    double[] value = new double[n];
    for (int t = 0; t < n; t++) {
      c[t] = Math.max(0, m.charge[t].solutionValue());
      d[t] = Math.max(0, m.discharge[t].solutionValue());
      s[t] = m.soc[t].solutionValue();
      value[t] = m.balance[t].dualValue();
    }
    return new LpResult(c, d, s, value);
  }

  private static byte[] solveModes(DispatchProblem p) {
    MPSolver solver = newSolver("SCIP");
    try {
      Model m = structure(solver, p.periods());
      load(m, p, new byte[p.periods()]);
      MPVariable[] chargeMode = addModeBinaries(m, p);
      addObligations(m, p);
      MPSolver.ResultStatus status = solver.solve();
      if (status != MPSolver.ResultStatus.OPTIMAL) {
        throw new IllegalStateException("SCIP ended with status " + status + " on a problem whose LP is feasible");
      }
      byte[] modes = new byte[p.periods()];
      for (int t = 0; t < p.periods(); t++) {
        if (chargeMode[t] != null) {
          modes[t] = chargeMode[t].solutionValue() > 0.5 ? CHARGE_ONLY : DISCHARGE_ONLY;
        }
      }
      return modes;
    } finally {
      solver.delete();
    }
  }

  private record Model(MPSolver solver, MPVariable[] charge, MPVariable[] discharge, MPVariable[] soc,
      MPConstraint[] balance) {}

  /** Variables, balance rows and their SoC-chain coefficients; limits, efficiencies and prices come from load. */
  private static Model structure(MPSolver solver, int n) {
    MPVariable[] c = new MPVariable[n];
    MPVariable[] d = new MPVariable[n];
    MPVariable[] s = new MPVariable[n];
    MPConstraint[] balance = new MPConstraint[n];
    for (int t = 0; t < n; t++) {
      c[t] = solver.makeNumVar(0, 0, "");
      d[t] = solver.makeNumVar(0, 0, "");
      s[t] = solver.makeNumVar(0, 0, "");
      balance[t] = solver.makeConstraint(0, 0, "");
      balance[t].setCoefficient(s[t], 1);
      if (t > 0) {
        balance[t].setCoefficient(s[t - 1], -1);
      }
    }
    solver.objective().setMaximization();
    return new Model(solver, c, d, s, balance);
  }

  /** Sets every bound, efficiency coefficient and objective coefficient that depends on the problem. */
  private static void load(Model m, DispatchProblem p, byte[] modes) {
    StorageSpec spec = p.storage();
    int n = p.periods();
    double h = p.periodHours();
    MPObjective objective = m.solver.objective();
    for (int t = 0; t < n; t++) {
      double price = p.pricesPerMwh().get(t) / 1000.0;
      m.charge[t].setBounds(0, modes[t] == DISCHARGE_ONLY ? 0 : spec.maxChargeKw());
      m.discharge[t].setBounds(0, modes[t] == CHARGE_ONLY ? 0 : spec.maxDischargeKw());
      double socLower = t == n - 1 ? Math.max(spec.minSocKwh(), spec.endSocTargetKwh()) : spec.minSocKwh();
      m.soc[t].setBounds(socLower, spec.maxSocKwh());
      if (t == 0) {
        m.balance[0].setBounds(spec.initialSocKwh(), spec.initialSocKwh());
      }
      m.balance[t].setCoefficient(m.charge[t], -h * spec.chargeEfficiency());
      m.balance[t].setCoefficient(m.discharge[t], h / spec.dischargeEfficiency());
      objective.setCoefficient(m.charge[t], h * (-price - spec.throughputCostPerKwh()));
      objective.setCoefficient(m.discharge[t], h * (price - spec.throughputCostPerKwh()));
    }
  }

  /** One binary per negative-price period: charging allowed only if it is 1, discharging only if it is 0. */
  private static MPVariable[] addModeBinaries(Model m, DispatchProblem p) {
    StorageSpec spec = p.storage();
    MPVariable[] y = new MPVariable[p.periods()];
    for (int t = 0; t < p.periods(); t++) {
      if (p.pricesPerMwh().get(t) < 0) {
        y[t] = m.solver.makeIntVar(0, 1, "");
        MPConstraint chargeOnlyIfY = m.solver.makeConstraint(Double.NEGATIVE_INFINITY, 0, "");
        chargeOnlyIfY.setCoefficient(m.charge[t], 1);
        chargeOnlyIfY.setCoefficient(y[t], -spec.maxChargeKw());
        MPConstraint dischargeOnlyIfNotY = m.solver.makeConstraint(Double.NEGATIVE_INFINITY, spec.maxDischargeKw(), "");
        dischargeOnlyIfNotY.setCoefficient(m.discharge[t], 1);
        dischargeOnlyIfNotY.setCoefficient(y[t], spec.maxDischargeKw());
      }
    }
    return y;
  }

  private static void addObligations(Model m, DispatchProblem p) {
    for (DemandResponseObligation o : p.obligations()) {
      int t = o.period();
      MPConstraint row;
      if (o instanceof DemandResponseObligation.MinimumNetDischarge min) {
        row = m.solver.makeConstraint(min.kw(), Double.POSITIVE_INFINITY, "");
      } else {
        DemandResponseObligation.MaximumNetImport max = (DemandResponseObligation.MaximumNetImport) o;
        row = m.solver.makeConstraint(-max.kw(), Double.POSITIVE_INFINITY, "");
      }
      row.setCoefficient(m.discharge[t], 1);
      row.setCoefficient(m.charge[t], -1);
    }
  }

  private static DispatchSchedule toSchedule(DispatchProblem p, LpResult lp, boolean binariesUsed) {
    StorageSpec spec = p.storage();
    double h = p.periodHours();
    List<DispatchInterval> intervals = new ArrayList<>(p.periods());
    double soc = spec.initialSocKwh();
    double revenue = 0;
    double wear = 0;
    for (int t = 0; t < p.periods(); t++) {
      double price = p.pricesPerMwh().get(t);
      soc += h * (spec.chargeEfficiency() * lp.charge[t] - lp.discharge[t] / spec.dischargeEfficiency());
      revenue += price / 1000.0 * h * (lp.discharge[t] - lp.charge[t]);
      wear += spec.throughputCostPerKwh() * h * (lp.charge[t] + lp.discharge[t]);
      intervals.add(new DispatchInterval(t, lp.charge[t], lp.discharge[t], soc, price, lp.storedValue[t]));
    }
    return new DispatchSchedule(p.periodLength(), intervals, revenue, wear, binariesUsed);
  }
}
