package io.etp.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class InvariantScalerTest {

  private static final double[][] PRICES = {
      {1, -50}, {2, 30}, {3, 31}, {4, 29}, {100, 500}, {3.5, 30.5}};

  @Test
  void roundTripsSpikesAndNegativePrices() {
    InvariantScaler scaler = InvariantScaler.fit(PRICES);
    for (double[] row : PRICES) {
      for (int c = 0; c < 2; c++) {
        assertEquals(row[c], scaler.inverse(c, scaler.transform(c, row[c])), 1e-9);
      }
    }
    assertEquals(-1e4, scaler.inverse(1, scaler.transform(1, -1e4)), 1e-6);
  }

  @Test
  void standardisesWithTheMedianAndTheNormalConsistentMad() {
    InvariantScaler scaler = InvariantScaler.fit(PRICES);
    // column 0: sorted 1 2 3 3.5 4 100 -> median 3.25; |x - 3.25| sorted .25 .25 .75 1.25 2.25 96.75 -> MAD 1.0
    assertEquals(3.25, scaler.median(0), 1e-12);
    assertEquals(1.0 / 0.6744897501960817, scaler.scale(0), 1e-9);
    assertEquals(0.0, scaler.transform(0, 3.25), 1e-12);
    double z = 2.0;
    assertEquals(Math.log(z + Math.sqrt(z * z + 1)), scaler.transform(0, 3.25 + z * scaler.scale(0)), 1e-12);
  }

  @Test
  void compressesSpikesLogarithmically() {
    InvariantScaler scaler = InvariantScaler.fit(PRICES);
    double spike = scaler.transform(1, 500);
    assertEquals(Math.log(2 * (500 - scaler.median(1)) / scaler.scale(1)), spike, 1e-3);
  }

  @Test
  void constantColumnMapsToZeroInsteadOfDividingByZero() {
    InvariantScaler scaler = InvariantScaler.fit(new double[][] {{5}, {5}, {5}});
    assertEquals(0.0, scaler.transform(0, 5), 0.0);
    assertEquals(5.0, scaler.inverse(0, 0), 0.0);
  }

  @Test
  void rejectsEmptyAndNonFiniteData() {
    assertThrows(IllegalArgumentException.class, () -> InvariantScaler.fit(new double[0][]));
    assertThrows(IllegalArgumentException.class, () -> InvariantScaler.fit(new double[][] {{1}, {Double.NaN}}));
  }
}
