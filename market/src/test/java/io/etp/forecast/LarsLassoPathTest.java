package io.etp.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LarsLassoPathTest {

  private static double[] truth(int features) {
    return SyntheticRegression.withLeading(features, 2.0, -1.5, 1.0);
  }

  @Test
  void recoversSparseCoefficientsAndSetsIrrelevantOnesToExactlyZero() {
    SyntheticRegression data = SyntheticRegression.sparse(1, 400, 20, truth(20), 0.01);
    CenteredGram g = data.gram();
    double alpha = 0.05;
    double[] beta = LarsLassoPath.solve(g.matrix(), data.xty(), data.yy(), 400, alpha);
    for (int j = 0; j < 3; j++) {
      // with near-orthonormal columns (Xᵀ X / n ≈ I) the LASSO shrinks each true coefficient by about α
      double expected = data.truth()[j] - Math.signum(data.truth()[j]) * alpha;
      assertEquals(expected, beta[j], 0.05, "coefficient " + j);
    }
    for (int j = 3; j < 20; j++) {
      assertEquals(0.0, beta[j], "irrelevant coefficient " + j + " must be exactly zero");
    }
  }

  @Test
  void everyBreakpointSatisfiesTheLassoOptimalityConditions() {
    SyntheticRegression data = SyntheticRegression.sparse(2, 120, 30, truth(30), 0.5);
    double[][] g = data.gram().matrix();
    double[] q = data.xty();
    int n = 120;
    List<LarsLassoPath.Breakpoint> path = LarsLassoPath.compute(g, q, data.yy(), n, LarsLassoPath.DEFAULT_MAX_ITERATIONS);
    assertTrue(path.size() > 30, "the full path passes at least one breakpoint per column");
    double previous = Double.POSITIVE_INFINITY;
    for (LarsLassoPath.Breakpoint point : path) {
      assertTrue(point.alpha() < previous, "alphas strictly decrease");
      previous = point.alpha();
      double bound = n * point.alpha();
      double[] beta = point.coefficients();
      for (int j = 0; j < q.length; j++) {
        double c = q[j];
        for (int k = 0; k < q.length; k++) {
          c -= g[j][k] * beta[k];
        }
        double tolerance = 1e-7 * Math.max(1, n * path.get(0).alpha());
        if (beta[j] != 0) {
          assertEquals(Math.signum(beta[j]) * bound, c, tolerance, "active correlation at alpha " + point.alpha());
        } else {
          assertTrue(Math.abs(c) <= bound + tolerance, "inactive correlation " + c + " exceeds " + bound);
        }
      }
      assertEquals(data.residualSumOfSquares(beta), point.residualSumOfSquares(), 1e-6 * data.yy());
    }
    assertEquals(0.0, path.get(path.size() - 1).alpha(), 1e-9, "the path runs down to least squares when n > p");
  }

  @Test
  void agreesWithCoordinateDescentAtTheSamePenalty() {
    SyntheticRegression data = SyntheticRegression.sparse(3, 150, 25, truth(25), 0.3);
    double[][] g = data.gram().matrix();
    for (double alpha : new double[] {0.3, 0.05, 0.005}) {
      double[] lars = LarsLassoPath.solve(g, data.xty(), data.yy(), 150, alpha);
      CoordinateDescentLasso.Solution cd = CoordinateDescentLasso.solve(g, data.xty(), data.yy(), 150, alpha, null,
          100_000, 1e-12);
      assertTrue(cd.converged(), "coordinate descent converged at alpha " + alpha);
      for (int j = 0; j < lars.length; j++) {
        assertEquals(cd.coefficients()[j], lars[j], 1e-5, "coefficient " + j + " at alpha " + alpha);
      }
    }
  }

  @Test
  void fitsTheSamplesExactlyWhenThereAreMoreFeaturesThanSamples() {
    SyntheticRegression data = SyntheticRegression.sparse(4, 15, 40, truth(40), 0.5);
    List<LarsLassoPath.Breakpoint> path =
        LarsLassoPath.compute(data.gram().matrix(), data.xty(), data.yy(), 15, LarsLassoPath.DEFAULT_MAX_ITERATIONS);
    LarsLassoPath.Breakpoint end = path.get(path.size() - 1);
    assertTrue(end.residualSumOfSquares() < 1e-8 * data.yy(), "residual " + end.residualSumOfSquares());
    long nonZero = java.util.Arrays.stream(end.coefficients()).filter(v -> v != 0).count();
    assertTrue(nonZero <= 14, "at most n - 1 = 14 centred columns can be active, got " + nonZero);
  }

  @Test
  void choleskyDowndateEqualsTheFactorOfTheReducedMatrix() {
    Random random = new Random(5);
    int k = 6;
    double[][] b = new double[k + 3][k];
    for (double[] row : b) {
      for (int j = 0; j < k; j++) {
        row[j] = random.nextGaussian();
      }
    }
    double[][] a = CenteredGram.of(b).matrix();
    double[][] chol = LearModel.cholesky(a);
    LarsLassoPath.downdate(chol, 2, k);
    double[][] reduced = new double[k - 1][k - 1];
    for (int i = 0, r = 0; i < k; i++) {
      if (i == 2) {
        continue;
      }
      for (int j = 0, c = 0; j < k; j++) {
        if (j != 2) {
          reduced[r][c++] = a[i][j];
        }
      }
      r++;
    }
    double[][] expected = LearModel.cholesky(reduced);
    for (int i = 0; i < k - 1; i++) {
      for (int j = 0; j <= i; j++) {
        assertEquals(expected[i][j], chol[i][j], 1e-10, "L[" + i + "][" + j + "]");
      }
    }
  }

  @Test
  void rejectsANegativePenalty() {
    SyntheticRegression data = SyntheticRegression.sparse(6, 20, 3, new double[] {1, 0, 0}, 0.1);
    assertThrows(IllegalArgumentException.class,
        () -> LarsLassoPath.solve(data.gram().matrix(), data.xty(), data.yy(), 20, -1));
  }
}
