package io.etp.forecast;

import java.util.List;

/**
 * Chooses a LASSO penalty on a LARS path by the information criterion of scikit-learn's {@code LassoLarsIC(criterion=
 * "aic")} as epftoolbox used it (scikit-learn &lt; 1.1, Zou, Hastie and Tibshirani 2007, eq. 2.15):
 * {@code n·MSE(α)/Var(y) + 2·df(α)}, with {@code df} the number of non-zero coefficients and {@code Var(y)} the variance of
 * the target as a stand-in for the noise variance. Later scikit-learn versions estimate the noise from an OLS fit, which
 * is undefined when {@code n < p} (LEAR's 56- and 84-day windows).
 */
public final class AkaikePenalty {

  /** The chosen breakpoint and its criterion value. */
  public record Choice(double alpha, int breakpoint, int degreesOfFreedom, double criterion) {}

  /**
   * How many active variables beyond the last size that could still beat the best criterion {@link #search} follows the
   * path before it stops (see there).
   */
  public static final int DEFAULT_MARGIN = 25;

  private AkaikePenalty() {}

  /**
   * Follows the LARS path and chooses the penalty by the criterion, stopping early once the path can no longer plausibly
   * improve on the best point. No coefficients can bring the residual sum of squares below {@code rssFloor} (the OLS
   * residual on all columns, 0 when {@code n ≤ p}), so a later breakpoint beats the best criterion C* only with fewer than
   * {@code D = (C* − n·rssFloor/yy)/2} non-zero coefficients. The search stops when the active set exceeds D by
   * {@code margin}: returning below D would then take that many more drops than entries. This is a heuristic bound, not a
   * proof; with margin 25 it chose the same penalty as the full path on every (day, window, hour) we compared (see
   * {@code AkaikePenaltyTest}), at a fraction of the cost, since the full path runs to all p columns.
   *
   * @param rssFloor a lower bound on the residual sum of squares over all coefficient vectors (0 is always valid)
   * @param margin   see above; {@code Integer.MAX_VALUE} follows the full path
   */
  public static Choice search(double[][] gram, double[] xty, double yy, int samples, double rssFloor, int margin) {
    Choice[] best = {null};
    int[] index = {0};
    List<LarsLassoPath.Breakpoint> path = LarsLassoPath.compute(gram, xty, yy, samples, LarsLassoPath.DEFAULT_MAX_ITERATIONS,
        0.0, point -> {
          int df = degreesOfFreedom(point);
          double criterion = criterion(point.residualSumOfSquares(), yy, samples, df);
          if (best[0] == null || criterion < best[0].criterion()) {
            best[0] = new Choice(point.alpha(), index[0], df, criterion);
          }
          index[0]++;
          double reachable = (best[0].criterion() - samples * rssFloor / (yy + Math.ulp(1.0))) / 2;
          return margin == Integer.MAX_VALUE || df <= reachable + margin;
        });
    if (best[0] == null || index[0] < path.size()) {
      // the first breakpoint is evaluated by the predicate unless the path is trivial (all-zero correlations)
      return choose(path, yy, samples);
    }
    return best[0];
  }

  static int degreesOfFreedom(LarsLassoPath.Breakpoint point) {
    int df = 0;
    for (double v : point.coefficients()) {
      if (Math.abs(v) > Math.ulp(1.0)) {
        df++;
      }
    }
    return df;
  }

  /** {@code n·MSE/σ² + 2·df}, MSE = RSS/n, σ² = yy/n (np.var of the target), with scikit-learn's eps64 guarding σ² = 0. */
  static double criterion(double rss, double yy, int samples, int df) {
    return samples * (rss / samples) / (yy / samples + Math.ulp(1.0)) + 2.0 * df;
  }

  /**
   * Evaluates the criterion at each breakpoint and returns the smallest (the earliest on ties).
   *
   * @param path    breakpoints from {@link LarsLassoPath}, with their residual sums of squares
   * @param yy      {@code ‖yc‖²} of the target the path was computed for
   * @param samples n
   */
  public static Choice choose(List<LarsLassoPath.Breakpoint> path, double yy, int samples) {
    if (path.isEmpty()) {
      throw new IllegalArgumentException("empty path");
    }
    Choice best = null;
    for (int b = 0; b < path.size(); b++) {
      LarsLassoPath.Breakpoint point = path.get(b);
      int df = degreesOfFreedom(point);
      double criterion = criterion(point.residualSumOfSquares(), yy, samples, df);
      if (best == null || criterion < best.criterion()) {
        best = new Choice(point.alpha(), b, df, criterion);
      }
    }
    return best;
  }
}
