package io.etp.forecast;

/**
 * LASSO for one fixed penalty by cyclic coordinate descent on the Gram matrix, minimising
 * {@code (1/2n)·‖yc − Xc·β‖² + α·‖β‖₁} (scikit-learn's {@code Lasso} objective). As in scikit-learn, once the largest
 * coordinate change of a sweep is below {@code tol} relative to the largest coefficient, the duality gap is checked and
 * the solve ends when it is below {@code tol·‖yc‖²}. The cost per sweep is O(p·changes), independent of n.
 *
 * <p>This is the solver epftoolbox refits with. {@link LearModel} refits with {@link LarsLassoPath#solve} instead (exact,
 * and cheaper on LEAR's strongly correlated lags); this class is the independent check of that solver in the tests and the
 * choice for a penalty far down the path, where LARS would have to pass every breakpoint.
 */
public final class CoordinateDescentLasso {

  /** epftoolbox's {@code Lasso(max_iter=2500)}: full sweeps before giving up. */
  public static final int DEFAULT_MAX_SWEEPS = 2500;
  /** scikit-learn's default tolerance. */
  public static final double DEFAULT_TOLERANCE = 1e-4;

  /** The coefficients and how the solve ended. */
  public record Solution(double[] coefficients, int fullSweeps, double dualityGap, boolean converged) {}

  private CoordinateDescentLasso() {}

  /**
   * Solves the LASSO.
   *
   * @param gram        {@code Xcᵀ Xc}
   * @param xty         {@code Xcᵀ yc}
   * @param yy          {@code ‖yc‖²}
   * @param samples     n
   * @param alpha       the penalty α ≥ 0
   * @param start       warm start (length p) or null for zeros
   * @param maxSweeps   maximum number of full sweeps
   * @param tolerance   relative duality-gap tolerance
   */
  public static Solution solve(double[][] gram, double[] xty, double yy, int samples, double alpha, double[] start,
      int maxSweeps, double tolerance) {
    if (alpha < 0 || !Double.isFinite(alpha)) {
      throw new IllegalArgumentException("penalty must be finite and >= 0, got " + alpha);
    }
    int p = xty.length;
    double[] w = start == null ? new double[p] : start.clone();
    double[] h = new double[p];
    for (int j = 0; j < p; j++) {
      if (w[j] != 0) {
        addColumn(gram, j, w[j], h);
      }
    }
    double penalty = alpha * samples;
    double gapTolerance = tolerance * yy;
    double gap = Double.POSITIVE_INFINITY;
    int sweeps = 0;
    boolean converged = false;
    while (sweeps < maxSweeps) {
      sweeps++;
      double[] change = sweep(gram, xty, penalty, w, h);
      if (change[1] == 0 || change[0] / change[1] < tolerance) {
        gap = dualityGap(xty, yy, penalty, w, h);
        if (gap < gapTolerance) {
          converged = true;
          break;
        }
      }
    }
    if (!converged) {
      gap = dualityGap(xty, yy, penalty, w, h);
      converged = gap < gapTolerance;
    }
    return new Solution(w, sweeps, gap, converged);
  }

  /**
   * One cyclic sweep over all coordinates; returns {max |Δw|, max |w|}. With {@code h = Gw} maintained, a coordinate that
   * stays at zero costs O(1), so a sweep costs O(p·changes).
   */
  private static double[] sweep(double[][] gram, double[] xty, double penalty, double[] w, double[] h) {
    double maxChange = 0;
    double maxWeight = 0;
    for (int j = 0; j < w.length; j++) {
      double gjj = gram[j][j];
      if (gjj <= 0) {
        continue;
      }
      double old = w[j];
      double rho = xty[j] - h[j] + gjj * old;
      double updated = Math.abs(rho) <= penalty ? 0 : (rho - Math.copySign(penalty, rho)) / gjj;
      if (updated != old) {
        addColumn(gram, j, updated - old, h);
        w[j] = updated;
        maxChange = Math.max(maxChange, Math.abs(updated - old));
      }
      maxWeight = Math.max(maxWeight, Math.abs(updated));
    }
    return new double[] {maxChange, maxWeight};
  }

  private static void addColumn(double[][] gram, int j, double delta, double[] h) {
    double[] gj = gram[j];
    for (int i = 0; i < h.length; i++) {
      h[i] += gj[i] * delta;
    }
  }

  /** scikit-learn's duality gap for the Gram formulation, with {@code penalty = n·α}. */
  static double dualityGap(double[] xty, double yy, double penalty, double[] w, double[] h) {
    double dualNorm = 0;
    double wh = 0;
    double qw = 0;
    double l1 = 0;
    for (int j = 0; j < w.length; j++) {
      dualNorm = Math.max(dualNorm, Math.abs(xty[j] - h[j]));
      wh += w[j] * h[j];
      qw += xty[j] * w[j];
      l1 += Math.abs(w[j]);
    }
    double residual = Math.max(yy + wh - 2 * qw, 0);
    double gap;
    double scale;
    if (dualNorm > penalty) {
      scale = penalty / dualNorm;
      gap = 0.5 * (residual + residual * scale * scale);
    } else {
      scale = 1;
      gap = residual;
    }
    return gap + penalty * l1 - scale * yy + scale * qw;
  }
}
