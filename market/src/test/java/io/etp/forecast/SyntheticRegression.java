package io.etp.forecast;

import java.util.Random;

/** Seeded regression data for the solver tests: standard-normal inputs, a known coefficient vector, Gaussian noise. */
record SyntheticRegression(double[][] x, double[] y, double[] truth) {

  static SyntheticRegression sparse(long seed, int samples, int features, double[] truth, double noise) {
    Random random = new Random(seed);
    double[][] x = new double[samples][features];
    double[] y = new double[samples];
    for (int i = 0; i < samples; i++) {
      double s = 0;
      for (int j = 0; j < features; j++) {
        x[i][j] = random.nextGaussian();
        s += x[i][j] * truth[j];
      }
      y[i] = s + noise * random.nextGaussian();
    }
    return new SyntheticRegression(x, y, truth);
  }

  static double[] withLeading(int features, double... leading) {
    double[] truth = new double[features];
    System.arraycopy(leading, 0, truth, 0, leading.length);
    return truth;
  }

  CenteredGram gram() {
    return CenteredGram.of(x);
  }

  double[] xty() {
    return gram().crossProduct(y);
  }

  double yy() {
    return CenteredGram.centeredSumOfSquares(y);
  }

  /** {@code ‖yc − Xc β‖²}, computed directly from the rows. */
  double residualSumOfSquares(double[] beta) {
    CenteredGram g = gram();
    double meanY = CenteredGram.mean(y);
    double rss = 0;
    for (int i = 0; i < y.length; i++) {
      double fit = meanY;
      for (int j = 0; j < beta.length; j++) {
        fit += (x[i][j] - g.mean(j)) * beta[j];
      }
      rss += (y[i] - fit) * (y[i] - fit);
    }
    return rss;
  }
}
