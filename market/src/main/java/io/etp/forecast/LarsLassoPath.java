package io.etp.forecast;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The LASSO regularisation path computed by least-angle regression with the lasso modification (Efron et al. 2004),
 * working only on a Gram matrix {@code G = Xcᵀ Xc} and {@code q = Xcᵀ yc}. The LASSO objective is
 * {@code (1/2n)·‖yc − Xc·β‖² + α·‖β‖₁}; the path is piecewise linear in α and this class returns its breakpoints, from
 * {@code α_max} (all coefficients zero) down to α = 0 or until no variable can enter any more.
 *
 * <p>Why hand-written: no Java library we know offers the LASSO path with an information criterion. ojalgo (on our stack)
 * has no LASSO; Smile's LASSO and Tribuo's sparse trainers fit one model at a fixed penalty, expose neither the path nor an
 * AIC/BIC choice, cannot start from a precomputed Gram matrix, and are not on our verified stack. LEAR needs the path, 24
 * times per day and window, from one shared Gram matrix; with the Gram matrix given, a step costs O(p·k) whatever n is.
 *
 * <p>Degenerate directions (a joining variable that is a linear combination of the active ones, as happens once the
 * active set spans the samples when {@code n < p}) are excluded for the rest of the path, as scikit-learn's
 * {@code lars_path} does.
 */
public final class LarsLassoPath {

  /**
   * One breakpoint of the path.
   *
   * @param alpha                 the penalty
   * @param coefficients          the coefficients at it
   * @param residualSumOfSquares  {@code ‖yc − Xc β‖²} at it
   */
  public record Breakpoint(double alpha, double[] coefficients, double residualSumOfSquares) {}

  /** scikit-learn's default for LassoLarsIC in epftoolbox: {@code max_iter=2500}. */
  public static final int DEFAULT_MAX_ITERATIONS = 2500;

  private static final double DEGENERATE_PIVOT = 1e-10;

  private LarsLassoPath() {}

  /**
   * Computes the path.
   *
   * @param gram          {@code Xcᵀ Xc}, p×p, symmetric positive semi-definite
   * @param xty           {@code Xcᵀ yc}, length p
   * @param yy            {@code ‖yc‖²}, for the residual sums of squares
   * @param samples       n, the number of samples behind the Gram matrix (the objective is scaled by 1/n)
   * @param maxIterations upper bound on entries plus drops
   * @return the breakpoints, first at α_max with all coefficients zero, α strictly decreasing
   */
  public static List<Breakpoint> compute(double[][] gram, double[] xty, double yy, int samples, int maxIterations) {
    return compute(gram, xty, yy, samples, maxIterations, 0.0, point -> true);
  }

  /**
   * The LASSO solution at one penalty, exactly: the path followed from α_max down to {@code alpha} and stopped there.
   *
   * @throws IllegalArgumentException if alpha is negative or not finite
   */
  public static double[] solve(double[][] gram, double[] xty, double yy, int samples, double alpha) {
    if (!(alpha >= 0) || Double.isInfinite(alpha)) {
      throw new IllegalArgumentException("penalty must be finite and >= 0, got " + alpha);
    }
    List<Breakpoint> path = compute(gram, xty, yy, samples, DEFAULT_MAX_ITERATIONS, alpha, point -> true);
    return path.get(path.size() - 1).coefficients();
  }

  /**
   * Computes the path from α_max down to {@code alphaMin}, or until {@code proceed} rejects a breakpoint (that breakpoint
   * is the last one returned).
   *
   * @param alphaMin the smallest penalty of interest; the last breakpoint is at {@code max(alphaMin, end of path)}
   * @param proceed  called with each new breakpoint; false ends the path there
   */
  public static List<Breakpoint> compute(double[][] gram, double[] xty, double yy, int samples, int maxIterations,
      double alphaMin, Predicate<Breakpoint> proceed) {
    int p = xty.length;
    if (gram.length != p) {
      throw new IllegalArgumentException("Gram matrix is " + gram.length + "x" + gram.length + " but Xᵀy has length " + p);
    }
    double[] beta = new double[p];
    double[] c = xty.clone();
    boolean[] active = new boolean[p];
    boolean[] excluded = new boolean[p];
    int[] order = new int[p];
    double[] signs = new double[p];
    double[][] chol = new double[p][];
    int k = 0;

    List<Breakpoint> path = new ArrayList<>();
    int first = -1;
    double lambda = 0;
    for (int j = 0; j < p; j++) {
      if (gram[j][j] > 0 && Math.abs(c[j]) > lambda) {
        lambda = Math.abs(c[j]);
        first = j;
      }
    }
    Breakpoint start = new Breakpoint(lambda / samples, beta.clone(), yy);
    path.add(start);
    double lambdaMin = alphaMin * samples;
    if (first < 0 || lambda <= lambdaMin || !proceed.test(start)) {
      return path;
    }
    double tiny = lambda * 1e-12;
    active[first] = true;
    order[0] = first;
    signs[0] = Math.signum(c[first]);
    chol[0] = new double[] {Math.sqrt(gram[first][first])};
    k = 1;
    int justDropped = -1;
    double[] w = new double[p];
    double[] a = new double[p];
    // activeColumns[j][i] = G[j][order[i]]: the Gram columns of the active set, contiguous for the direction products
    double[][] activeColumns = new double[p][p];
    for (int j = 0; j < p; j++) {
      activeColumns[j][0] = gram[j][first];
    }

    for (int iteration = 0; iteration < maxIterations && k > 0; iteration++) {
      solve(chol, k, signs, w);
      for (int j = 0; j < p; j++) {
        double[] gj = activeColumns[j];
        double s0 = 0;
        double s1 = 0;
        int i = 0;
        for (; i + 1 < k; i += 2) {
          s0 += gj[i] * w[i];
          s1 += gj[i + 1] * w[i + 1];
        }
        if (i < k) {
          s0 += gj[i] * w[i];
        }
        a[j] = s0 + s1;
      }
      double step = lambda;
      int joining = -1;
      for (int j = 0; j < p; j++) {
        if (active[j] || excluded[j] || j == justDropped) {
          continue;
        }
        double t1 = (1 - a[j]) > 0 ? (lambda - c[j]) / (1 - a[j]) : Double.POSITIVE_INFINITY;
        double t2 = (1 + a[j]) > 0 ? (lambda + c[j]) / (1 + a[j]) : Double.POSITIVE_INFINITY;
        double t = Math.min(t1 > tiny ? t1 : Double.POSITIVE_INFINITY, t2 > tiny ? t2 : Double.POSITIVE_INFINITY);
        if (t < step) {
          step = t;
          joining = j;
        }
      }
      int dropping = -1;
      for (int i = 0; i < k; i++) {
        double z = -beta[order[i]] / w[i];
        if (z > tiny && z < step) {
          step = z;
          dropping = i;
        }
      }
      boolean last = false;
      if (lambda - step <= lambdaMin) {
        // the requested penalty comes first: stop on it, with no change to the active set
        step = lambda - lambdaMin;
        dropping = -1;
        joining = -1;
        last = true;
      }
      for (int i = 0; i < k; i++) {
        beta[order[i]] += step * w[i];
      }
      for (int j = 0; j < p; j++) {
        c[j] -= step * a[j];
      }
      lambda -= step;
      justDropped = -1;
      if (dropping >= 0) {
        int variable = order[dropping];
        beta[variable] = 0;
        active[variable] = false;
        for (int i = dropping; i < k - 1; i++) {
          order[i] = order[i + 1];
          signs[i] = signs[i + 1];
        }
        for (int j = 0; j < p; j++) {
          System.arraycopy(activeColumns[j], dropping + 1, activeColumns[j], dropping, k - 1 - dropping);
        }
        downdate(chol, dropping, k);
        k--;
        justDropped = variable;
        joining = -1;
      }
      // RSS = yy − 2βᵀq + βᵀGβ = yy − βᵀq − βᵀc, with c = q − Gβ the current correlations: O(k) per breakpoint
      double explained = 0;
      for (int i = 0; i < k; i++) {
        int j = order[i];
        explained += beta[j] * (xty[j] + c[j]);
      }
      Breakpoint point = new Breakpoint(Math.max(lambda, 0) / samples, beta.clone(), Math.max(yy - explained, 0));
      path.add(point);
      boolean more = proceed.test(point);
      if (last || lambda <= tiny || !more) {
        break;
      }
      if (dropping < 0) {
        if (joining < 0) {
          break;
        }
        if (append(gram, order, k, joining, chol)) {
          for (int j = 0; j < p; j++) {
            activeColumns[j][k] = gram[j][joining];
          }
          active[joining] = true;
          order[k] = joining;
          signs[k] = Math.signum(c[joining]);
          k++;
        } else {
          excluded[joining] = true;
        }
      }
    }
    return path;
  }

  /** Solves {@code L Lᵀ x = b} for the first k entries. */
  private static void solve(double[][] chol, int k, double[] b, double[] x) {
    for (int i = 0; i < k; i++) {
      double s = b[i];
      double[] li = chol[i];
      for (int m = 0; m < i; m++) {
        s -= li[m] * x[m];
      }
      x[i] = s / li[i];
    }
    // back substitution by rows of L (column-oriented for Lᵀ), so every access runs along one array
    for (int i = k - 1; i >= 0; i--) {
      double[] li = chol[i];
      double xi = x[i] / li[i];
      x[i] = xi;
      for (int m = 0; m < i; m++) {
        x[m] -= li[m] * xi;
      }
    }
  }

  /**
   * Adds variable j as row k of the Cholesky factor; false (and nothing added) if its pivot is degenerate.
   */
  private static boolean append(double[][] gram, int[] order, int k, int j, double[][] chol) {
    double[] row = new double[k + 1];
    double[] gj = gram[j];
    double squares = 0;
    for (int i = 0; i < k; i++) {
      double s = gj[order[i]];
      double[] li = chol[i];
      for (int m = 0; m < i; m++) {
        s -= li[m] * row[m];
      }
      row[i] = s / li[i];
      squares += row[i] * row[i];
    }
    double pivot = gj[j] - squares;
    if (pivot <= DEGENERATE_PIVOT * gj[j]) {
      return false;
    }
    row[k] = Math.sqrt(pivot);
    chol[k] = row;
    return true;
  }

  /**
   * Removes row and column {@code removed} from the k×k Cholesky factor in O(k²): the rows below move up, which leaves
   * one entry above the diagonal per row, and Givens rotations on adjacent columns restore the triangle.
   */
  static void downdate(double[][] chol, int removed, int k) {
    for (int r = removed; r < k - 1; r++) {
      chol[r] = chol[r + 1];
    }
    for (int r = removed; r < k - 1; r++) {
      double[] row = chol[r];
      double x = row[r];
      double y = row[r + 1];
      double radius = Math.hypot(x, y);
      double cos = x / radius;
      double sin = y / radius;
      for (int m = r + 1; m < k - 1; m++) {
        double[] below = chol[m];
        double u = below[r];
        double v = below[r + 1];
        below[r] = cos * u + sin * v;
        below[r + 1] = -sin * u + cos * v;
      }
      double[] shortened = java.util.Arrays.copyOf(row, r + 1);
      shortened[r] = radius;
      chol[r] = shortened;
    }
  }
}
