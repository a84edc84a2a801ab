package io.etp.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etp.marketdata.EpfDataset;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class AkaikePenaltyTest {

  @Test
  void choosesAPenaltyThatKeepsTheTrueSupportAndLittleElse() {
    double[] truth = SyntheticRegression.withLeading(30, 1.5, -1.0, 0.8);
    SyntheticRegression data = SyntheticRegression.sparse(11, 300, 30, truth, 0.5);
    double[][] g = data.gram().matrix();
    List<LarsLassoPath.Breakpoint> path =
        LarsLassoPath.compute(g, data.xty(), data.yy(), 300, LarsLassoPath.DEFAULT_MAX_ITERATIONS);
    AkaikePenalty.Choice choice = AkaikePenalty.choose(path, data.yy(), 300);
    double[] chosen = path.get(choice.breakpoint()).coefficients();
    for (int j = 0; j < 3; j++) {
      assertTrue(chosen[j] != 0, "true predictor " + j + " kept");
    }
    assertTrue(choice.degreesOfFreedom() >= 3 && choice.degreesOfFreedom() <= 12,
        "AIC keeps the 3 true predictors and few of the 27 noise ones, got " + choice.degreesOfFreedom());
    assertTrue(choice.alpha() > 0 && choice.alpha() < path.get(0).alpha(), "neither the empty nor the OLS end");
    for (LarsLassoPath.Breakpoint point : path) {
      double criterion = AkaikePenalty.criterion(point.residualSumOfSquares(), data.yy(), 300,
          AkaikePenalty.degreesOfFreedom(point));
      assertTrue(choice.criterion() <= criterion + 1e-12, "the choice minimises the criterion over the path");
    }
  }

  @Test
  void choosesTheEmptyModelWhenTheTargetIsConstant() {
    double[] truth = new double[5];
    SyntheticRegression data = SyntheticRegression.sparse(12, 50, 5, truth, 0.0);
    AkaikePenalty.Choice choice =
        AkaikePenalty.search(data.gram().matrix(), data.xty(), data.yy(), 50, 0, AkaikePenalty.DEFAULT_MARGIN);
    assertEquals(0, choice.degreesOfFreedom());
  }

  @Test
  void earlyStoppedSearchChoosesTheSamePenaltyAsTheFullPathOnRealData() throws Exception {
    MarketHistory np = MarketHistory.of(EpfDataset.read(Path.of(System.getProperty("etp.epf.dir"), "NP.csv")));
    int compared = 0;
    for (LocalDate day : List.of(LocalDate.of(2017, 3, 1), LocalDate.of(2018, 7, 15))) {
      for (int window : new int[] {56, 364}) {
        NormalizedProblem problem = NormalizedProblem.of(np, day, window);
        for (int hour = 0; hour < MarketHistory.HOURS; hour += 3) {
          double[] q = problem.xty(hour);
          double yy = problem.yy(hour);
          AkaikePenalty.Choice full = AkaikePenalty.search(problem.gram, q, yy, problem.samples, 0, Integer.MAX_VALUE);
          double floor = problem.factor == null ? 0 : LearModel.olsResidualSumOfSquares(problem.factor, q, yy);
          AkaikePenalty.Choice early =
              AkaikePenalty.search(problem.gram, q, yy, problem.samples, floor, AkaikePenalty.DEFAULT_MARGIN);
          assertEquals(full.alpha(), early.alpha(), day + " window " + window + " hour " + hour);
          compared++;
        }
      }
    }
    assertEquals(32, compared);
  }

  /** The normalised LEAR problem of one day and window, built the way {@link LearModel} builds it. */
  private static final class NormalizedProblem {
    final double[][] gram;
    final double[][] factor;
    final int samples;
    private final CenteredGram centered;
    private final double[] norms;
    private final double[][] targets;

    private NormalizedProblem(CenteredGram centered, double[][] targets) {
      this.centered = centered;
      this.targets = targets;
      this.samples = centered.samples();
      int p = centered.features();
      norms = new double[p];
      gram = new double[p][p];
      for (int j = 0; j < p; j++) {
        norms[j] = centered.get(j, j) > 0 ? Math.sqrt(centered.get(j, j)) : 1;
      }
      for (int j = 0; j < p; j++) {
        for (int k = 0; k < p; k++) {
          gram[j][k] = centered.get(j, k) / (norms[j] * norms[k]);
        }
      }
      factor = LearModel.cholesky(gram);
    }

    static NormalizedProblem of(MarketHistory history, LocalDate day, int window) {
      int target = history.indexOf(day);
      int first = target - window + LearFeatures.MAX_LAG_DAYS;
      int n = target - first;
      double[][] raw = new double[n][LearFeatures.COLUMNS];
      double[][] prices = new double[n][MarketHistory.HOURS];
      for (int s = 0; s < n; s++) {
        LearFeatures.fillRow(history, first + s, raw[s]);
        for (int h = 0; h < MarketHistory.HOURS; h++) {
          prices[s][h] = history.price(first + s, h);
        }
      }
      double[][] scalable = new double[n][];
      for (int s = 0; s < n; s++) {
        scalable[s] = java.util.Arrays.copyOf(raw[s], LearFeatures.SCALED_COLUMNS);
      }
      InvariantScaler xs = InvariantScaler.fit(scalable);
      InvariantScaler ys = InvariantScaler.fit(prices);
      double[][] targets = new double[MarketHistory.HOURS][n];
      for (int s = 0; s < n; s++) {
        for (int j = 0; j < LearFeatures.SCALED_COLUMNS; j++) {
          raw[s][j] = xs.transform(j, raw[s][j]);
        }
        for (int h = 0; h < MarketHistory.HOURS; h++) {
          targets[h][s] = ys.transform(h, prices[s][h]);
        }
      }
      return new NormalizedProblem(CenteredGram.of(raw), targets);
    }

    double[] xty(int hour) {
      double[] q = centered.crossProduct(targets[hour]);
      for (int j = 0; j < q.length; j++) {
        q[j] /= norms[j];
      }
      return q;
    }

    double yy(int hour) {
      return CenteredGram.centeredSumOfSquares(targets[hour]);
    }
  }
}
