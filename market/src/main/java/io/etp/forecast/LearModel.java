package io.etp.forecast;


/**
 * One calibrated LEAR model: 24 LASSO regressions (one per delivery hour) on a common input matrix, as in epftoolbox's
 * {@code LEAR.recalibrate}:
 * <ol>
 *   <li>targets and all inputs but the day-of-week dummies go through the {@link InvariantScaler};</li>
 *   <li>per hour, the penalty is chosen by AIC on the LARS path of the inputs centred and scaled to unit L2 norm
 *       ({@code LassoLarsIC}'s default {@code normalize=True} in the scikit-learn of the published results);</li>
 *   <li>per hour, the LASSO is refitted with that penalty on the inputs centred but not rescaled ({@code Lasso}'s default).
 *       epftoolbox refits by coordinate descent; we follow the LARS path of the unscaled problem down to that penalty,
 *       which gives the exact solution (coordinate descent stops within a tolerance) and, with tens of non-zero
 *       coefficients, costs a fraction of the sweeps coordinate descent needs on these strongly correlated lags.</li>
 * </ol>
 * The penalty is thus chosen in one parameterisation and applied in another; since the transformed inputs have a column
 * norm of about {@code √n}, the refit is less sparse than the AIC choice. This is what produced the published LEAR
 * numbers, so we keep it and say so.
 *
 * <p>The centred Gram matrix is computed once and serves all 24 hours, both for the path (rescaled on the fly) and for the
 * refit.
 */
public final class LearModel {

  private final InvariantScaler inputScaler;
  private final InvariantScaler priceScaler;
  private final double[] inputMeans;
  private final double[][] coefficients;
  private final double[] intercepts;
  private final double[] alphas;

  private LearModel(InvariantScaler inputScaler, InvariantScaler priceScaler, double[] inputMeans, double[][] coefficients,
      double[] intercepts, double[] alphas) {
    this.inputScaler = inputScaler;
    this.priceScaler = priceScaler;
    this.inputMeans = inputMeans;
    this.coefficients = coefficients;
    this.intercepts = intercepts;
    this.alphas = alphas;
  }

  /**
   * Calibrates on raw (unscaled) inputs and prices.
   *
   * @param inputs {@code [day][column]}, {@link LearFeatures#COLUMNS} columns with the dummies last
   * @param prices {@code [day][hour]}, 24 hours
   * @throws IllegalArgumentException if the shapes disagree or there are fewer than two days
   */
  public static LearModel calibrate(double[][] inputs, double[][] prices) {
    int n = inputs.length;
    if (n != prices.length) {
      throw new IllegalArgumentException(n + " input rows but " + prices.length + " price rows");
    }
    if (n < 2) {
      throw new IllegalArgumentException("need at least 2 calibration days, got " + n);
    }
    int scaled = LearFeatures.SCALED_COLUMNS;
    double[][] scalable = new double[n][];
    for (int i = 0; i < n; i++) {
      scalable[i] = java.util.Arrays.copyOf(inputs[i], scaled);
    }
    InvariantScaler inputScaler = InvariantScaler.fit(scalable);
    InvariantScaler priceScaler = InvariantScaler.fit(prices);
    double[][] x = new double[n][];
    for (int i = 0; i < n; i++) {
      double[] row = inputs[i].clone();
      for (int j = 0; j < scaled; j++) {
        row[j] = inputScaler.transform(j, row[j]);
      }
      x[i] = row;
    }
    CenteredGram gram = CenteredGram.of(x);
    int p = gram.features();
    double[][] g = gram.matrix();
    double[] norms = new double[p];
    for (int j = 0; j < p; j++) {
      double norm = Math.sqrt(g[j][j]);
      norms[j] = norm > 0 ? norm : 1.0;
    }
    double[][] normalized = new double[p][p];
    for (int j = 0; j < p; j++) {
      for (int k = 0; k < p; k++) {
        normalized[j][k] = g[j][k] / (norms[j] * norms[k]);
      }
    }
    double[][] olsFactor = cholesky(normalized);
    int hours = prices[0].length;
    double[][] coefficients = new double[hours][];
    double[] intercepts = new double[hours];
    double[] alphas = new double[hours];
    double[] y = new double[n];
    double[] inputMeans = new double[p];
    for (int j = 0; j < p; j++) {
      inputMeans[j] = gram.mean(j);
    }
    for (int h = 0; h < hours; h++) {
      for (int i = 0; i < n; i++) {
        y[i] = priceScaler.transform(h, prices[i][h]);
      }
      double[] q = gram.crossProduct(y);
      double yy = CenteredGram.centeredSumOfSquares(y);
      double[] qn = new double[p];
      for (int j = 0; j < p; j++) {
        qn[j] = q[j] / norms[j];
      }
      double rssFloor = olsFactor == null ? 0 : olsResidualSumOfSquares(olsFactor, qn, yy);
      double alpha = AkaikePenalty.search(normalized, qn, yy, n, rssFloor, AkaikePenalty.DEFAULT_MARGIN).alpha();
      double[] w = LarsLassoPath.solve(g, q, yy, n, alpha);
      double intercept = CenteredGram.mean(y);
      for (int j = 0; j < p; j++) {
        intercept -= w[j] * inputMeans[j];
      }
      coefficients[h] = w;
      intercepts[h] = intercept;
      alphas[h] = alpha;
    }
    return new LearModel(inputScaler, priceScaler, inputMeans, coefficients, intercepts, alphas);
  }

  /** Lower Cholesky factor of a symmetric matrix, or null if it is not numerically positive definite. */
  static double[][] cholesky(double[][] a) {
    int p = a.length;
    double[][] l = new double[p][];
    for (int i = 0; i < p; i++) {
      double[] row = new double[i + 1];
      for (int j = 0; j <= i; j++) {
        double s = a[i][j];
        double[] lj = l[j] == null ? row : l[j];
        for (int m = 0; m < j; m++) {
          s -= row[m] * lj[m];
        }
        if (i == j) {
          if (s <= 1e-10 * a[i][i]) {
            return null;
          }
          row[i] = Math.sqrt(s);
        } else {
          row[j] = s / l[j][j];
        }
      }
      l[i] = row;
    }
    return l;
  }

  /** {@code yy − qᵀ G⁻¹ q}: the least-squares residual on all columns, given the Cholesky factor of G. */
  static double olsResidualSumOfSquares(double[][] factor, double[] q, double yy) {
    int p = q.length;
    double[] z = new double[p];
    double explained = 0;
    for (int i = 0; i < p; i++) {
      double s = q[i];
      double[] li = factor[i];
      for (int m = 0; m < i; m++) {
        s -= li[m] * z[m];
      }
      z[i] = s / li[i];
      explained += z[i] * z[i];
    }
    return Math.max(yy - explained, 0);
  }

  /** Forecasts the 24 prices of a day from its raw input row. */
  public double[] predict(double[] inputs) {
    if (inputs.length != inputMeans.length) {
      throw new IllegalArgumentException("expected " + inputMeans.length + " inputs, got " + inputs.length);
    }
    double[] x = inputs.clone();
    for (int j = 0; j < LearFeatures.SCALED_COLUMNS; j++) {
      x[j] = inputScaler.transform(j, x[j]);
    }
    double[] out = new double[coefficients.length];
    for (int h = 0; h < out.length; h++) {
      double s = intercepts[h];
      double[] w = coefficients[h];
      for (int j = 0; j < w.length; j++) {
        s += w[j] * x[j];
      }
      out[h] = priceScaler.inverse(h, s);
    }
    return out;
  }

  /** The penalty chosen by AIC for an hour. */
  public double alpha(int hour) {
    return alphas[hour];
  }

  /** Number of non-zero coefficients of an hour's regression. */
  public int nonZeroCoefficients(int hour) {
    int count = 0;
    for (double v : coefficients[hour]) {
      if (v != 0) {
        count++;
      }
    }
    return count;
  }
}
