package io.etp.forecast;

/**
 * epftoolbox's "Invariant" transformation, fitted column by column: standardise with the median and the median absolute
 * deviation, then apply {@code asinh}. The MAD is scaled by {@code 1/Φ⁻¹(3/4) ≈ 1.4826} so that it estimates the standard
 * deviation of normal data (statsmodels' {@code robust.mad}, which epftoolbox uses). asinh is linear near zero and
 * logarithmic in the tails, so price spikes and negative prices stay in range without being clipped.
 *
 * <p>A column whose MAD is zero (constant over the window) is scaled by 1 instead of failing: it maps to a constant.
 */
public final class InvariantScaler {

  /** {@code Φ⁻¹(3/4)}: the MAD of a standard normal variable. */
  static final double NORMAL_MAD = 0.6744897501960817;

  private final double[] medians;
  private final double[] scales;

  private InvariantScaler(double[] medians, double[] scales) {
    this.medians = medians;
    this.scales = scales;
  }

  /**
   * Fits one median and MAD per column of {@code data} ({@code [row][column]}).
   *
   * @throws IllegalArgumentException if there are no rows or a value is not finite
   */
  public static InvariantScaler fit(double[][] data) {
    if (data.length == 0) {
      throw new IllegalArgumentException("cannot fit a scaler on zero rows");
    }
    int columns = data[0].length;
    double[] medians = new double[columns];
    double[] scales = new double[columns];
    double[] column = new double[data.length];
    for (int c = 0; c < columns; c++) {
      for (int r = 0; r < data.length; r++) {
        double v = data[r][c];
        if (!Double.isFinite(v)) {
          throw new IllegalArgumentException("value at row " + r + ", column " + c + " is not finite: " + v);
        }
        column[r] = v;
      }
      double median = median(column);
      for (int r = 0; r < data.length; r++) {
        column[r] = Math.abs(column[r] - median);
      }
      double mad = median(column) / NORMAL_MAD;
      medians[c] = median;
      scales[c] = mad > 0 ? mad : 1.0;
    }
    return new InvariantScaler(medians, scales);
  }

  /** Number of columns the scaler was fitted on. */
  public int columns() {
    return medians.length;
  }

  /** Transforms one value of a column. */
  public double transform(int column, double value) {
    return asinh((value - medians[column]) / scales[column]);
  }

  /** Inverse of {@link #transform(int, double)}. */
  public double inverse(int column, double scaled) {
    return Math.sinh(scaled) * scales[column] + medians[column];
  }

  /** Median of the column, as fitted. */
  public double median(int column) {
    return medians[column];
  }

  /** Normal-consistent MAD of the column, as fitted (1 if the column was constant). */
  public double scale(int column) {
    return scales[column];
  }

  static double asinh(double x) {
    // asinh is odd; for a >= 0, asinh(a) = log1p(a + a^2 / (1 + sqrt(1 + a^2))) keeps precision near zero.
    double a = Math.abs(x);
    double r = a > 1e8 ? Math.log(2 * a) : Math.log1p(a + a * a / (1 + Math.sqrt(1 + a * a)));
    return Math.copySign(r, x);
  }

  /** Median of the values; sorts a copy. */
  static double median(double[] values) {
    double[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
  }
}
