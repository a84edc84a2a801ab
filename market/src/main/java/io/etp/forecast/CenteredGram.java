package io.etp.forecast;

/**
 * The column means and the centered Gram matrix {@code Xcᵀ Xc} of a design matrix X (n samples, p features), where
 * {@code Xc} is X with each column's mean removed. Every least-squares quantity a LASSO fit with an intercept needs can be
 * computed from it and from {@code Xcᵀ yc}: the design is read once and then shared by any number of targets (LEAR's 24
 * hourly models on one day and window).
 */
public final class CenteredGram {

  private final int samples;
  private final double[] means;
  private final double[][] gram;
  private final double[][] centeredColumns;

  private CenteredGram(int samples, double[] means, double[][] gram, double[][] centeredColumns) {
    this.samples = samples;
    this.means = means;
    this.gram = gram;
    this.centeredColumns = centeredColumns;
  }

  /**
   * Computes the means and centered Gram matrix of {@code x} ({@code [sample][feature]}).
   *
   * @throws IllegalArgumentException if x has fewer than two rows or ragged rows
   */
  public static CenteredGram of(double[][] x) {
    int n = x.length;
    if (n < 2) {
      throw new IllegalArgumentException("need at least 2 samples, got " + n);
    }
    int p = x[0].length;
    double[] means = new double[p];
    for (double[] row : x) {
      if (row.length != p) {
        throw new IllegalArgumentException("ragged design matrix: rows of length " + p + " and " + row.length);
      }
      for (int j = 0; j < p; j++) {
        means[j] += row[j];
      }
    }
    for (int j = 0; j < p; j++) {
      means[j] /= n;
    }
    double[][] columns = new double[p][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < p; j++) {
        columns[j][i] = x[i][j] - means[j];
      }
    }
    double[][] gram = new double[p][p];
    for (int j = 0; j < p; j++) {
      for (int k = j; k < p; k++) {
        double v = dot(columns[j], columns[k]);
        gram[j][k] = v;
        gram[k][j] = v;
      }
    }
    return new CenteredGram(n, means, gram, columns);
  }

  /** Number of samples n. */
  public int samples() {
    return samples;
  }

  /** Number of features p. */
  public int features() {
    return means.length;
  }

  /** Mean of feature j. */
  public double mean(int j) {
    return means[j];
  }

  /** Entry {@code (j, k)} of {@code Xcᵀ Xc}. */
  public double get(int j, int k) {
    return gram[j][k];
  }

  /** The Gram matrix itself, shared, not copied: callers must not modify it. */
  double[][] matrix() {
    return gram;
  }

  /** {@code Xcᵀ (y - ȳ)} for a target y of length n. */
  public double[] crossProduct(double[] y) {
    if (y.length != samples) {
      throw new IllegalArgumentException("target has " + y.length + " values, design has " + samples + " samples");
    }
    double mean = mean(y);
    double[] centered = new double[samples];
    for (int i = 0; i < samples; i++) {
      centered[i] = y[i] - mean;
    }
    double[] out = new double[means.length];
    for (int j = 0; j < out.length; j++) {
      out[j] = dot(centeredColumns[j], centered);
    }
    return out;
  }

  static double mean(double[] y) {
    double s = 0;
    for (double v : y) {
      s += v;
    }
    return s / y.length;
  }

  /** Sum of squares of {@code y - ȳ}. */
  static double centeredSumOfSquares(double[] y) {
    double m = mean(y);
    double s = 0;
    for (double v : y) {
      s += (v - m) * (v - m);
    }
    return s;
  }

  static double dot(double[] a, double[] b) {
    // four accumulators let the JIT pipeline the multiply-adds
    double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    int i = 0;
    for (; i + 3 < a.length; i += 4) {
      s0 += a[i] * b[i];
      s1 += a[i + 1] * b[i + 1];
      s2 += a[i + 2] * b[i + 2];
      s3 += a[i + 3] * b[i + 3];
    }
    for (; i < a.length; i++) {
      s0 += a[i] * b[i];
    }
    return (s0 + s1) + (s2 + s3);
  }
}
