package io.etp.money;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class PriceCPerKwhTest {

  @Test
  void aDoubleWithABinaryArtefactBecomesTheDecimalItWasMeantToBe() {
    double drifted = 16.72 + 0.1; // a binary sum: not the decimal 16.82
    assertEquals("16.8200", PriceCPerKwh.ofDouble(drifted).toString());
    assertEquals("16.8200", PriceCPerKwh.ofDouble(16.820000000000007).toString());
    assertEquals(new BigDecimal("16.82"), PriceCPerKwh.ofDouble(16.820000000000007).value().stripTrailingZeros());
  }

  @Test
  void roundsHalfEvenAtFourDecimals() {
    assertEquals("1.0000", PriceCPerKwh.ofDouble(1.00005).toString());
    assertEquals("1.0002", PriceCPerKwh.ofDouble(1.00015).toString());
    assertEquals("-1.0000", PriceCPerKwh.ofDouble(-1.00005).toString());
    assertEquals("12.3457", PriceCPerKwh.ofDouble(12.345678).toString());
  }

  @Test
  void refusesADecimalWithMoreDigitsThanItsScaleAndBadText() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PriceCPerKwh.parse("1.23456"));
    assertTrue(e.getMessage().contains("more than 4 decimals"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> PriceCPerKwh.parse("abc"));
    assertThrows(IllegalArgumentException.class, () -> PriceCPerKwh.parse(""));
    assertThrows(IllegalArgumentException.class, () -> PriceCPerKwh.ofDouble(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> PriceCPerKwh.ofDouble(Double.POSITIVE_INFINITY));
  }

  @Test
  void arithmeticIsExact() {
    PriceCPerKwh p = PriceCPerKwh.parse("0.1");
    PriceCPerKwh sum = PriceCPerKwh.ZERO;
    for (int i = 0; i < 10; i++) sum = sum.plus(p);
    assertEquals(PriceCPerKwh.parse("1"), sum);
    assertEquals("16.8200", PriceCPerKwh.parse("16.72").plus(PriceCPerKwh.parse("0.1")).toString());
    assertEquals("-0.5000", PriceCPerKwh.parse("1").minus(PriceCPerKwh.parse("1.5")).toString());
    assertEquals(PriceCPerKwh.parse("2"), PriceCPerKwh.parse("2").max(PriceCPerKwh.parse("1.9999")));
  }

  @Test
  void valuesAtTheSameScaleAreEqualWhateverTheyWereWrittenAs() {
    assertEquals(PriceCPerKwh.parse("16.82"), PriceCPerKwh.parse("16.8200"));
    assertEquals(PriceCPerKwh.parse("16.82"), PriceCPerKwh.ofDouble(16.82));
  }

  @Test
  void convertsCurrencyPerMwhToCentsPerKwhAndBack() {
    assertEquals("16.8200", PriceCPerKwh.fromPerMwh(new BigDecimal("168.2")).toString());
    assertEquals("4.5123", PriceCPerKwh.fromPerMwh(new BigDecimal("45.123")).toString());
    assertEquals("-0.5000", PriceCPerKwh.fromPerMwh(-5.0).toString());
    assertEquals("16.8200", PriceCPerKwh.fromPerMwh(168.20000000000002).toString());
    // rounded once, half-even, at 0.001 currency/MWh
    assertEquals("4.5124", PriceCPerKwh.fromPerMwh(45.1235).toString());
    assertEquals(new BigDecimal("168.200"), PriceCPerKwh.parse("16.82").perMwh());
    assertEquals(16.82, PriceCPerKwh.cPerKwhFromPerMwh(168.2), 1e-12);
  }
}
